import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { ErrorMessages, REASON_MAX_CHARS } from '@tj/shared';
import { BranchChoice } from '../../../components/branch-choice';
import { FormError, FormField, FormSection } from '../../../components/form-field';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { TransferSteps } from '../../../components/transfer-steps';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { fieldErrorsOf, type FieldErrors } from '../../../services/form-check';
import { formatTime } from '../../../services/review';
import {
  branchesUnder,
  checkAppealDecision,
  checkReview,
  decideAppeal,
  destinationText,
  fetchAppeals,
  fetchOrgTransfer,
  reviewTransfer,
  withdrawAsInitiator,
  type OrgAppealItem,
  type OrgTransferDetail,
  type TransferSummary,
} from '../../../services/transfers';
import { statusTone } from '../../../labels/transfer';
import { useTransferOrg } from '../../use-transfer-org';
import { PrivateImage } from '../../../components/private-image';
import '../../cadre.css';

type Loaded = { kind: 'transfer'; t: OrgTransferDetail } | { kind: 'appeal'; t: TransferSummary; appeal: OrgAppealItem };

async function load(orgId: string, transferId?: string, appealId?: string): Promise<Loaded> {
  if (appealId) {
    const appeal = (await fetchAppeals(orgId)).find((a) => a.id === appealId);
    if (!appeal) throw Object.assign(new Error(ErrorMessages.NOT_FOUND), { code: 'NOT_FOUND' });
    return { kind: 'appeal', t: appeal.transfer, appeal };
  }
  return { kind: 'transfer', t: await fetchOrgTransfer(orgId, transferId ?? '') };
}

function Summary({ t }: { t: TransferSummary }) {
  const rows: [string, string][] = [
    ['团员', `${t.member.name}　${t.member.idNumberMasked}`],
    ['转出团支部', t.fromBranch.fullName || t.fromBranch.name],
    ['转入组织', destinationText(t)],
    ['转出原因', t.reasonLabel],
    ['备注', t.remarks ?? '—'],
    ['发起时间', formatTime(t.createdAt)],
  ];
  return (
    <View className='tj-card' data-testid='transfer-summary'>
      <View className='tr-kv'>
        <Text className='tr-kv__k'>状态</Text>
        <View className='tr-kv__v'>
          <StatusTag tone={statusTone(t.status)} testId='transfer-status'>
            {t.statusLabel}
          </StatusTag>
        </View>
      </View>
      {rows.map(([k, v]) => (
        <View key={k} className='tr-kv'>
          <Text className='tr-kv__k'>{k}</Text>
          <Text className='tr-kv__v'>{v}</Text>
        </View>
      ))}
      {t.returnReason ? <View className='cadre-notice'>退回原因：{t.returnReason}</View> : null}
    </View>
  );
}

/**
 * One transfer for the org (§7.2): both sides' steps, and when this org holds the open
 * step: 同意 (an in-org committee / general branch picks the branch it assigns) or 退回 with
 * a reason. Opened with ?appealId= it is the superior's decision on a 申诉 (§10).
 */
export default function TransferPage() {
  const { allowed, orgId, params } = useTransferOrg();
  const data = useAsync(allowed && orgId ? () => load(orgId, params.transferId, params.appealId) : null, [allowed, orgId]);
  const d = data.data;
  const detail = d?.kind === 'transfer' ? d.t : null;
  const assign = !!detail && detail.actionable === 'in' && !!detail.currentStep?.needsBranchAssignment;
  const branches = useAsync(assign && detail?.toOrg ? () => branchesUnder(detail.toOrg!.id) : null, [assign, detail?.toOrg?.id]);
  const [branchId, setBranchId] = useState('');
  const [mode, setMode] = useState<'' | 'reject'>('');
  const [reason, setReason] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawReason, setWithdrawReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');

  if (!allowed) return null;

  const fail = (e: unknown) => {
    setErrors(fieldErrorsOf(toApiError(e)));
  };

  const approve = async () => {
    if (!d) return;
    setErrors({});
    if (d.kind === 'appeal') {
      setBusy(true);
      try {
        await decideAppeal(orgId, d.appeal.id, { action: 'approve' });
        setDone('已同意申诉，转接恢复办理。');
      } catch (e) {
        fail(e);
      } finally {
        setBusy(false);
      }
      return;
    }
    // §7.2: the in-org committee / general branch assigns a branch when it approves.
    if (assign && !branchId) {
      setErrors({ assignBranchId: ErrorMessages.TRANSFER_BRANCH_REQUIRED });
      return;
    }
    const checked = checkReview({ action: 'approve', ...(assign ? { assignBranchId: branchId } : {}) });
    if (!checked.ok) return setErrors(checked.errors);
    setBusy(true);
    try {
      await reviewTransfer(orgId, d.t.id, checked.data);
      setDone(detail?.actionable === 'out' ? '已同意转出，等待转入组织审核。' : '已同意转入，团员组织关系转接完成。');
      void data.reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const reject = async () => {
    if (!d) return;
    const checked = d.kind === 'appeal' ? checkAppealDecision({ action: 'reject', reason }) : checkReview({ action: 'reject', reason });
    if (!checked.ok) return setErrors(checked.errors);
    setBusy(true);
    try {
      if (d.kind === 'appeal') await decideAppeal(orgId, d.appeal.id, checked.data);
      else await reviewTransfer(orgId, d.t.id, checked.data);
      setDone(d.kind === 'appeal' ? '已驳回申诉。' : '已退回，本次转接结束，团员可重新申请。');
      setMode('');
      void data.reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    if (!d || d.kind === 'appeal') return;
    if (!withdrawReason.trim()) return setErrors({ withdrawReason: '请填写撤销原因' });
    setBusy(true);
    try {
      await withdrawAsInitiator(orgId, d.t.id, withdrawReason);
      setDone('已撤销本次转接，团员和相关组织将看到撤销原因。');
      setWithdrawing(false);
      void data.reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const canAct = d ? (d.kind === 'appeal' ? d.appeal.status === 'pending' : !!d.t.actionable) : false;

  return (
    <View className='cadre-page' data-testid='transfer-page'>
      <PageStatus loading={data.loading && !d} error={data.error} onRetry={data.reload} testId='transfer'>
        {d ? (
          <>
            {detail?.actingFor ? <View className='cadre-notice'>本组织是{detail.actingFor.name}的直属上级，可代其办理（§7.2）。</View> : null}
            <Summary t={d.t} />
            {detail ? (
              <View className='tj-card'>
                <Text className='cadre-card__title'>办理进度</Text>
                <TransferSteps steps={detail.steps} testId='transfer-steps' />
                {detail.contact ? <Text className='cadre-muted'>常用联系人的联系方式：{detail.contact}</Text> : null}
                {detail.superiorContact ? <Text className='cadre-muted'>转出团支部的直属上级联系方式：{detail.superiorContact}</Text> : null}
                <Text className='cadre-muted'>附件：{detail.attachmentIds.length}张图片</Text>
                <Attachments ids={detail.attachmentIds} testId='transfer-attachment' />
              </View>
            ) : null}
            {d.kind === 'appeal' ? (
              <View className='tj-card' data-testid='transfer-appeal'>
                <Text className='cadre-card__title'>申诉</Text>
                <Text className='cadre-text'>申诉理由：{d.appeal.reason}</Text>
                <Text className='cadre-muted'>
                  提交于 {formatTime(d.appeal.createdAt)}，附件{d.appeal.attachmentIds.length}张
                </Text>
                <Attachments ids={d.appeal.attachmentIds} testId='appeal-attachment' />
              </View>
            ) : null}

            {done ? (
              <View className='cadre-notice cadre-notice--ok' data-testid='transfer-done'>
                {done}
              </View>
            ) : null}

            {detail?.canWithdrawAsInitiator && !done ? (
              <View className='cadre-card' data-testid='transfer-initiator-withdraw'>
                <Text className='cadre-card__title'>撤销转接</Text>
                <Text className='cadre-muted'>本转接由本组织发起，发起方可随时撤销。</Text>
                {withdrawing ? (
                  <>
                    <FormField label='撤销原因' required error={errors.withdrawReason} testId='transfer-withdraw-reason'>
                      <View className='tr-textarea' data-testid='transfer-withdraw-reason-input'>
                        <TextArea value={withdrawReason} onChange={setWithdrawReason} maxLength={REASON_MAX_CHARS} showCount placeholder='请填写原因，团员可看到' />
                      </View>
                    </FormField>
                    <View className='tr-bar'>
                      <Button className='tr-bar__btn' onClick={() => setWithdrawing(false)}>
                        取消
                      </Button>
                      <Button className='tr-bar__btn' type='primary' loading={busy} disabled={busy} onClick={withdraw} data-testid='transfer-withdraw-confirm'>
                        确认撤销
                      </Button>
                    </View>
                  </>
                ) : (
                  <Button block disabled={busy} onClick={() => setWithdrawing(true)} data-testid='transfer-withdraw'>
                    撤销转接
                  </Button>
                )}
              </View>
            ) : null}

            {canAct && !done ? (
              <>
                {assign ? (
                  <FormSection title='分配团支部'>
                    <BranchChoice
                      label='转入团支部'
                      required
                      value={branchId}
                      branches={branches.data ?? []}
                      onChange={(v) => {
                        setBranchId(v);
                        setErrors({});
                      }}
                      empty={branches.loading ? '正在加载下级团支部…' : '暂无下级团支部'}
                      error={errors.assignBranchId}
                      hint={`转入组织为${detail?.toOrg?.name ?? '团委/团总支'}，同意时须分配其下级团支部`}
                      testId='transfer-assign'
                    />
                  </FormSection>
                ) : null}
                {mode === 'reject' ? (
                  <FormSection title={d.kind === 'appeal' ? '驳回申诉' : '退回'}>
                    <FormField label={d.kind === 'appeal' ? '驳回原因' : '退回原因'} required error={errors.reason} testId='transfer-reject-reason'>
                      <View className='tr-textarea' data-testid='transfer-reject-reason-input'>
                        <TextArea value={reason} onChange={setReason} maxLength={REASON_MAX_CHARS} showCount placeholder='请填写原因，团员可看到' />
                      </View>
                    </FormField>
                  </FormSection>
                ) : null}
                <FormError message={errors['']} testId='transfer-error' />
                <View className='tr-bar'>
                  {mode === 'reject' ? (
                    <>
                      <Button className='tr-bar__btn' onClick={() => setMode('')}>
                        取消
                      </Button>
                      <Button className='tr-bar__btn' type='primary' loading={busy} disabled={busy} onClick={reject} data-testid='transfer-reject-confirm'>
                        确认{d.kind === 'appeal' ? '驳回' : '退回'}
                      </Button>
                    </>
                  ) : (
                    <>
                      <Button className='tr-bar__btn' disabled={busy} onClick={() => setMode('reject')} data-testid='transfer-reject'>
                        {d.kind === 'appeal' ? '驳回' : '退回'}
                      </Button>
                      <Button className='tr-bar__btn' type='primary' loading={busy} disabled={busy} onClick={approve} data-testid='transfer-approve'>
                        同意
                      </Button>
                    </>
                  )}
                </View>
              </>
            ) : (
              <>
                <FormError message={errors['']} testId='transfer-error' />
                <View className='cadre-actions'>
                  <Button block onClick={() => void Taro.redirectTo({ url: withQuery(Routes.cadreTransfers, { orgId }) })} data-testid='transfer-back'>
                    返回转接列表
                  </Button>
                </View>
              </>
            )}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}

/** The member's 证明材料 (§7.1): readable by both sides' operators and the admins above them. */
function Attachments({ ids, testId }: { ids: string[]; testId: string }) {
  if (!ids.length) return null;
  return (
    <View className='transfer-attachments'>
      {ids.map((id) => (
        <PrivateImage key={id} url={`/api/uploads/${id}`} testId={`${testId}-${id}`} />
      ))}
    </View>
  );
}
