import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { REASON_MAX_CHARS, type TransferOrg } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { FormError, FormField, FormSection } from '../../../components/form-field';
import { ImageAttachments, type UploadedImage } from '../../../components/image-attachments';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { TransferSteps } from '../../../components/transfer-steps';
import { useAsync } from '../../../hooks/use-async';
import { usePageParams } from '../../../hooks/use-page-params';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { fieldErrorsOf, type FieldErrors } from '../../../services/form-check';
import { formatTime } from '../../../services/review';
import {
  appealTransfer,
  checkAppeal,
  checkWithdraw,
  destinationText,
  fetchCurrentTransfer,
  fetchMyTransfers,
  fetchTransferContacts,
  orgPhone,
  withdrawTransfer,
  type TransferDetail,
} from '../../../services/transfers';
import { statusTone } from '../../../labels/transfer';
import '../../member.css';
import './index.css';

const APPEAL_STATUS = { pending: '申诉待审核', approved: '申诉已通过', rejected: '申诉未通过', withdrawn: '已撤回' } as const;

async function load(id: string | undefined): Promise<TransferDetail | null> {
  if (!id) return fetchCurrentTransfer();
  return (await fetchMyTransfers()).find((t) => t.id === id) ?? null;
}

function ContactRow({ title, org, testId }: { title: string; org: TransferOrg | null; testId: string }) {
  if (!org) return null;
  const phone = orgPhone(org);
  return (
    <View className='tp-contact' data-testid={testId}>
      <Text className='tp-contact__title'>{title}</Text>
      <Text className='tp-contact__org'>{org.fullName || org.name}</Text>
      <Text className='tp-contact__line'>
        联系人：{org.secretaryName ?? '未设置'}　联系电话：{phone || '未设置'}
      </Text>
    </View>
  );
}

/**
 * §7.1 / §7.2 the member's transfer: its steps (who holds the open one, since when, the
 * 10-day deadline), the contacts of both sides [003 success page], 撤回 with a reason while
 * the out-org has not acted, and 申诉 against a transfer an org returned (§10).
 */
export default function TransferProgressPage() {
  const allowed = useRequireLogin();
  const params = usePageParams();
  const transfer = useAsync(allowed ? () => load(params.id) : null, [allowed, params.id]);
  const t = transfer.data ?? null;
  const contacts = useAsync(t ? () => fetchTransferContacts(t.id) : null, [t?.id]);
  const [action, setAction] = useState<'' | 'withdraw' | 'appeal'>('');
  const [reason, setReason] = useState('');
  const [images, setImages] = useState<UploadedImage[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState(params.applied ? '您已发起组织关系转接申请，请耐心等待团组织审核。如需帮助可联系以下团组织信息。' : '');

  useDidShow(() => {
    if (transfer.data !== undefined) void transfer.reload();
  });

  if (!allowed) return null;

  const run = async () => {
    if (!t) return;
    const checked = action === 'withdraw' ? checkWithdraw(reason) : checkAppeal({ reason, attachments: images.map((i) => i.attachment) });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      const updated = action === 'withdraw' ? await withdrawTransfer(t.id, reason) : await appealTransfer(t.id, checked.data);
      transfer.setData(updated);
      setNotice(action === 'withdraw' ? '已撤回本次组织关系转接申请。' : '申诉已提交，请等待上级团组织审核。');
      setAction('');
      setReason('');
      setImages([]);
      setErrors({});
    } catch (e) {
      setErrors(fieldErrorsOf(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };

  const c = contacts.data;
  return (
    <View className='member-page' data-testid='transfer-progress'>
      <PageStatus loading={transfer.loading && !t} error={transfer.error} onRetry={transfer.reload} testId='transfer-progress'>
        {!t ? (
          <EmptyState title='暂无组织关系转接' description='需要转接组织关系时，可在这里发起申请'>
            <Button size='small' type='primary' onClick={() => void Taro.redirectTo({ url: Routes.memberTransferApply })} data-testid='transfer-progress-apply'>
              发起组织关系转接
            </Button>
          </EmptyState>
        ) : (
          <>
            {notice ? (
              <View className='member-notice member-notice--info' data-testid='transfer-progress-notice'>
                {notice}
              </View>
            ) : null}
            <View className='tj-card'>
              <View className='tp-head'>
                <Text className='tp-head__title'>{t.member.name}的组织关系转接</Text>
                <StatusTag tone={statusTone(t.status)} testId='transfer-progress-status'>
                  {t.statusLabel}
                </StatusTag>
              </View>
              <View className='tp-kv'>
                <Text className='tp-kv__k'>转出团支部</Text>
                <Text className='tp-kv__v' data-testid='transfer-progress-from'>
                  {t.fromBranch.name}
                </Text>
              </View>
              <View className='tp-kv'>
                <Text className='tp-kv__k'>转入组织</Text>
                <Text className='tp-kv__v' data-testid='transfer-progress-to'>
                  {destinationText(t)}
                </Text>
              </View>
              {t.toBranch && t.toOrg && t.toBranch.id !== t.toOrg.id ? (
                <View className='tp-kv'>
                  <Text className='tp-kv__k'>分配团支部</Text>
                  <Text className='tp-kv__v'>{t.toBranch.name}</Text>
                </View>
              ) : null}
              <View className='tp-kv'>
                <Text className='tp-kv__k'>转出原因</Text>
                <Text className='tp-kv__v'>{t.reasonLabel}</Text>
              </View>
              {t.remarks ? (
                <View className='tp-kv'>
                  <Text className='tp-kv__k'>备注</Text>
                  <Text className='tp-kv__v'>{t.remarks}</Text>
                </View>
              ) : null}
              <View className='tp-kv'>
                <Text className='tp-kv__k'>发起时间</Text>
                <Text className='tp-kv__v'>{formatTime(t.createdAt)}</Text>
              </View>
              {t.returnReason ? (
                <View className='tp-return' data-testid='transfer-progress-return'>
                  {t.status === 'withdrawn' ? '撤回原因' : '退回原因'}：{t.returnReason}
                </View>
              ) : null}
            </View>

            {t.nextSteps && ['pendingOut', 'pendingIn', 'awaitingExternal', 'appealing'].includes(t.status) ? (
              // [003] after a cross-system transfer: where and by when to check in over there.
              <View className='tj-card' data-testid='transfer-next-steps'>
                <Text className='member-card__title'>接下来您需要做</Text>
                <View className='tp-next__headline' data-testid='transfer-next-steps-headline'>
                  {t.nextSteps.headline}
                </View>
                {t.nextSteps.steps.map((line, i) => (
                  <View className='tp-next__step' key={line}>
                    <Text className='tp-next__no'>{i + 1}</Text>
                    <Text className='tp-next__text'>{line}</Text>
                  </View>
                ))}
              </View>
            ) : null}

            <View className='tj-card'>
              <Text className='member-card__title'>办理进度</Text>
              <TransferSteps steps={t.steps} testId='transfer-progress-steps' />
            </View>

            {t.appeal ? (
              <View className='tj-card' data-testid='transfer-progress-appeal'>
                <View className='tp-head'>
                  <Text className='member-card__title'>申诉</Text>
                  <StatusTag tone={t.appeal.status === 'approved' ? 'green' : t.appeal.status === 'pending' ? 'blue' : 'gray'}>{APPEAL_STATUS[t.appeal.status]}</StatusTag>
                </View>
                <Text className='member-text'>申诉理由：{t.appeal.reason}</Text>
                {t.appeal.decidingOrg ? <Text className='member-muted'>审核组织：{t.appeal.decidingOrg.name}</Text> : null}
                {t.appeal.decisionComment ? <Text className='member-muted'>审核意见：{t.appeal.decisionComment}</Text> : null}
              </View>
            ) : null}

            <View className='tj-card' data-testid='transfer-contacts'>
              <Text className='member-card__title'>团组织联系方式</Text>
              {c ? (
                <>
                  <ContactRow title='转出团支部' org={c.outBranch} testId='transfer-contacts-out' />
                  <ContactRow title='转出团支部直接上级' org={c.outSuperior} testId='transfer-contacts-out-superior' />
                  <ContactRow title={c.inBranch?.type === 'branch' || !c.inBranch ? '转入团支部' : '转入组织'} org={c.inBranch} testId='transfer-contacts-in' />
                  <ContactRow title='转入团支部直接上级' org={c.inSuperior} testId='transfer-contacts-in-superior' />
                  {c.externalName ? (
                    <View className='tp-contact'>
                      <Text className='tp-contact__title'>转入组织（转入系统）</Text>
                      <Text className='tp-contact__org'>{c.externalName}</Text>
                    </View>
                  ) : null}
                </>
              ) : (
                <Text className='member-muted'>{contacts.error ? contacts.error.message : '加载中…'}</Text>
              )}
            </View>

            {action ? (
              <FormSection title={action === 'withdraw' ? '撤回转接申请' : '申诉'} testId='transfer-action-form'>
                <FormField label={action === 'withdraw' ? '撤回原因' : '申诉理由'} required error={errors.reason} testId='transfer-action-reason'>
                  <View className='tp-textarea' data-testid='transfer-action-reason-input'>
                    <TextArea
                      value={reason}
                      onChange={(v) => setReason(v)}
                      maxLength={REASON_MAX_CHARS}
                      showCount
                      placeholder={action === 'withdraw' ? '请填写撤回原因' : '请说明申诉理由'}
                    />
                  </View>
                </FormField>
                {action === 'appeal' ? (
                  <FormField label='附件' required error={errors.attachments} hint='仅支持图片，最多5张，每张不超过2M' testId='transfer-appeal-attachments'>
                    <ImageAttachments value={images} onChange={setImages} onError={(m) => setErrors((e) => ({ ...e, attachments: m || undefined }))} testId='transfer-appeal-images' />
                  </FormField>
                ) : null}
              </FormSection>
            ) : null}
            <FormError message={errors['']} testId='transfer-progress-error' />

            <View className='member-actions'>
              {action ? (
                <>
                  <Button type='primary' block loading={busy} disabled={busy} onClick={run} data-testid='transfer-action-submit'>
                    {action === 'withdraw' ? '确认撤回' : '提交申诉'}
                  </Button>
                  <Button block onClick={() => setAction('')}>
                    取消
                  </Button>
                </>
              ) : (
                <>
                  {t.canAppeal ? (
                    <Button type='primary' block onClick={() => setAction('appeal')} data-testid='transfer-appeal'>
                      申诉
                    </Button>
                  ) : null}
                  {t.canWithdraw ? (
                    <Button block onClick={() => setAction('withdraw')} data-testid='transfer-withdraw'>
                      撤回申请
                    </Button>
                  ) : null}
                  {!t.canWithdraw && !t.canAppeal && t.closedAt ? (
                    <Button type='primary' block onClick={() => void Taro.redirectTo({ url: Routes.memberTransferApply })} data-testid='transfer-progress-again'>
                      重新发起组织关系转接
                    </Button>
                  ) : null}
                  <Button block onClick={() => void Taro.navigateTo({ url: Routes.memberTransferHistory })} data-testid='transfer-progress-history'>
                    我的组织关系转接历史
                  </Button>
                  <Button block onClick={() => void Taro.redirectTo({ url: Routes.memberHome })} data-testid='transfer-progress-home'>
                    返回首页
                  </Button>
                </>
              )}
            </View>
          </>
        )}
      </PageStatus>
    </View>
  );
}
