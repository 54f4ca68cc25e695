import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { BATCH_TRANSFER_MAX, ErrorMessages, TransferReasons, canBatchTransfer, isKeyOf, OrgTypes, type BatchTransfer } from '@tj/shared';
import { BranchPicker } from '../../../components/branch-picker';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { FormError, FormField, FormSection, SelectField, optionsOf } from '../../../components/form-field';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { fieldErrorsOf, type FieldErrors } from '../../../services/form-check';
import type { OrgSearchItem } from '../../../services/org-search';
import { batchTransfer, checkBatch, fetchTransferableMembers } from '../../../services/transfers';
import { MemberChecklist } from '../../components/member-checklist';
import { useTransferOrg } from '../../use-transfer-org';
import '../../cadre.css';

/**
 * §7.3 组织关系批量接转 [004]: admins of a 基层团委 / 团工委 / 团总支 move up to 30 members
 * from one branch of the subtree to another, at once and without approval.
 */
export default function BatchTransferPage() {
  const { allowed, orgId, org } = useTransferOrg();
  const type = org.data?.type ?? '';
  const allowedType = isKeyOf(OrgTypes, type) && canBatchTransfer(type);
  const [from, setFrom] = useState<OrgSearchItem | null>(null);
  const [to, setTo] = useState<OrgSearchItem | null>(null);
  const fromBranchId = from?.id ?? '';
  const toBranchId = to?.id ?? '';
  const members = useAsync(fromBranchId ? () => fetchTransferableMembers(orgId, fromBranchId) : null, [fromBranchId]);
  const [selected, setSelected] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [moved, setMoved] = useState<number | null>(null);
  // what the confirm dialog is about to do: it takes effect at once, with no approval (§7.3)
  const [pending, setPending] = useState<BatchTransfer | null>(null);

  if (!allowed) return null;
  const over = selected.length > BATCH_TRANSFER_MAX;

  const submit = () => {
    const checked = checkBatch({ fromBranchId, toBranchId, memberIds: selected, reason: reason || undefined });
    if (!checked.ok) return setErrors(checked.errors);
    setPending(checked.data);
  };

  const confirm = async () => {
    if (!pending) return;
    setPending(null);
    setBusy(true);
    try {
      setMoved((await batchTransfer(orgId, pending)).moved);
    } catch (e) {
      setErrors(fieldErrorsOf(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };
  const nameOf = (b: OrgSearchItem | null) => (b ? b.alias || b.shortName : '');

  return (
    <View className='cadre-page' data-testid='batch-page'>
      {org.data ? <OrgHeader org={org.data} subtitle='组织关系批量接转' /> : null}
      <View className='cadre-notice' data-testid='batch-rule'>
        仅基层团委、团工委、团总支可办理：在本组织下级团支部之间转接，转出与转入团支部不能相同，一次最多{BATCH_TRANSFER_MAX}人，无需审核，提交后立即生效。
      </View>
      {org.data && !allowedType ? (
        <View className='tj-form-error' data-testid='batch-not-allowed'>
          {ErrorMessages.BATCH_TRANSFER_NOT_ALLOWED}
        </View>
      ) : moved !== null ? (
        <>
          <View className='cadre-notice cadre-notice--ok' data-testid='batch-done'>
            已完成组织关系批量接转，共转接{moved}人。
          </View>
          <View className='cadre-actions'>
            <Button type='primary' block onClick={() => void Taro.redirectTo({ url: withQuery(Routes.cadreTransfers, { orgId, box: 'out' }) })}>
              返回组织关系转接
            </Button>
          </View>
        </>
      ) : !org.data ? (
        <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='batch' />
      ) : (
        <>
          <FormSection title='转出与转入'>
            <BranchPicker
              orgId={orgId}
              label='转出团支部'
              required
              value={from}
              onChange={(b) => {
                setFrom(b);
                setSelected([]);
                setErrors({});
              }}
              excludeId={toBranchId}
              error={errors.fromBranchId}
              testId='batch-from'
            />
            <BranchPicker
              orgId={orgId}
              label='转入团支部'
              required
              value={to}
              onChange={(b) => {
                setTo(b);
                setErrors({});
              }}
              excludeId={fromBranchId}
              error={errors.toBranchId}
              testId='batch-to'
            />
            <SelectField label='转出原因' required value={reason} options={optionsOf(TransferReasons)} onChange={setReason} error={errors.reason} testId='batch-reason' />
          </FormSection>
          <FormSection title='选择团员'>
            <FormField label={`已选 ${selected.length}/${BATCH_TRANSFER_MAX} 人`} required error={over ? ErrorMessages.BATCH_TRANSFER_TOO_MANY : errors.memberIds} testId='batch-members'>
              {members.data ? (
                <MemberChecklist members={members.data} selected={selected} onChange={setSelected} testId='batch-check' />
              ) : (
                <Text className='cadre-muted'>{members.loading ? '加载中…' : (members.error?.message ?? '请先选择转出团支部')}</Text>
              )}
            </FormField>
          </FormSection>
          <FormError message={errors['']} testId='batch-error' />
          <View className='cadre-actions'>
            <Button type='primary' block loading={busy} disabled={busy || over || selected.length === 0} onClick={submit} data-testid='batch-submit'>
              确认批量接转（{selected.length}人）
            </Button>
          </View>
          <ConfirmDialog
            visible={pending !== null}
            title='确认批量接转'
            content={
              <Text data-testid='batch-confirm-text'>
                将把{pending?.memberIds.length ?? 0}名团员的组织关系从“{nameOf(from)}”转入“{nameOf(to)}”。批量接转无需审核，确认后立即生效。
              </Text>
            }
            confirmText='确认转接'
            onConfirm={confirm}
            onClose={() => setPending(null)}
          />
        </>
      )}
    </View>
  );
}
