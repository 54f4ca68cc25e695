import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorMessages, TRANSFER_REMARKS_MAX_CHARS, TransferReasons } from '@tj/shared';
import { BranchChoice } from '../../../components/branch-choice';
import { FormError, FormField, FormSection, SelectField, TextField, optionsOf } from '../../../components/form-field';
import { OrgHeader } from '../../../components/org-header';
import { OrgPicker, type PickedOrg } from '../../../components/org-picker';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { fieldErrorsOf, toOptionalText, type FieldErrors } from '../../../services/form-check';
import { branchesUnder, checkTransferOut, fetchTransferableMembers, transferOut } from '../../../services/transfers';
import { MemberChecklist } from '../../components/member-checklist';
import { useTransferOrg } from '../../use-transfer-org';
import '../../cadre.css';

/**
 * §7.3 办理转出: the out-org picks members of one of its branches, the destination (a
 * branch, or a committee / general branch that assigns one) and a reason; one transfer per
 * member is opened and waits for the in-org.
 */
export default function TransferOutPage() {
  const { allowed, orgId, org } = useTransferOrg();
  const branches = useAsync(allowed && org.data ? () => branchesUnder(orgId, org.data) : null, [allowed, org.data?.id]);
  const [branchId, setBranchId] = useState('');
  const from = branchId || (branches.data?.length === 1 ? (branches.data[0]?.id ?? '') : '');
  const members = useAsync(from ? () => fetchTransferableMembers(orgId, from) : null, [from]);
  const [selected, setSelected] = useState<string[]>([]);
  const [dest, setDest] = useState<PickedOrg | null>(null);
  const [reason, setReason] = useState('');
  const [remarks, setRemarks] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(0);

  if (!allowed) return null;

  const submit = async () => {
    const checked = checkTransferOut({ memberIds: selected, destinationOrgId: dest?.id ?? '', reason: reason || undefined, remarks: toOptionalText(remarks) });
    if (!checked.ok) return setErrors(checked.errors);
    setBusy(true);
    try {
      setDone((await transferOut(orgId, checked.data)).length);
    } catch (e) {
      setErrors(fieldErrorsOf(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='cadre-page' data-testid='transfer-out-page'>
      {org.data ? <OrgHeader org={org.data} subtitle='办理转出' /> : null}
      {done ? (
        <>
          <View className='cadre-notice cadre-notice--ok' data-testid='transfer-out-done'>
            已为{done}名团员办理转出，等待转入组织审核。
          </View>
          <View className='cadre-actions'>
            <Button type='primary' block onClick={() => void Taro.redirectTo({ url: withQuery(Routes.cadreTransfers, { orgId, box: 'out' }) })}>
              查看转出记录
            </Button>
          </View>
        </>
      ) : (
        <PageStatus loading={branches.loading} error={branches.error} onRetry={branches.reload} testId='transfer-out'>
          <FormSection title='转出团员'>
            {(branches.data?.length ?? 0) > 1 ? (
              <BranchChoice
                label='转出团支部'
                required
                value={branchId}
                branches={branches.data ?? []}
                onChange={(v) => {
                  setBranchId(v);
                  setSelected([]);
                }}
                testId='transfer-out-branch'
              />
            ) : null}
            <FormField label='选择团员' required error={errors.memberIds} testId='transfer-out-members'>
              {members.data ? (
                <MemberChecklist members={members.data} selected={selected} onChange={setSelected} testId='transfer-out-check' />
              ) : (
                <View className='cadre-muted'>{members.loading ? '加载中…' : (members.error?.message ?? '请先选择转出团支部')}</View>
              )}
            </FormField>
          </FormSection>
          <FormSection title='转入组织与原因'>
            <FormField label='转入团组织' required error={errors.destinationOrgId} hint='可选择团支部；选择团委、团工委或团总支的，由其分配团支部' testId='transfer-out-dest'>
              <OrgPicker value={dest} onChange={setDest} refuse={(o) => (o.type === 'leadingOrgan' ? ErrorMessages.TRANSFER_DESTINATION_INVALID : null)} testId='transfer-out-dest-picker' />
            </FormField>
            <SelectField label='转出原因' required value={reason} options={optionsOf(TransferReasons)} onChange={setReason} error={errors.reason} testId='transfer-out-reason' />
            <TextField label='备注' value={remarks} onChange={setRemarks} placeholder={`选填，最多${TRANSFER_REMARKS_MAX_CHARS}字`} error={errors.remarks} testId='transfer-out-remarks' />
          </FormSection>
          <FormError message={errors['']} testId='transfer-out-error' />
          <View className='cadre-actions'>
            <Button type='primary' block loading={busy} disabled={busy} onClick={submit} data-testid='transfer-out-submit'>
              办理转出（{selected.length}人）
            </Button>
          </View>
        </PageStatus>
      )}
    </View>
  );
}
