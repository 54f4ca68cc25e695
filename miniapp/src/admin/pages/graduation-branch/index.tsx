import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Empty } from '@nutui/nutui-react-taro';
import { GraduateTransferChannels, GraduationReasons, TransferStatuses, isKeyOf, monthOf, todayInChina } from '@tj/shared';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ChoiceField, FormError, FormSection, MonthField, TextField, optionsOf } from '../../../components/form-field';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { toApiError } from '../../../services/api-error';
import { checkDelay, correctGraduation, deleteGraduateOrg, fetchGraduationBranch, markDelayed, revokeDelayed, type GraduationBranchDetail } from '../../../services/graduation';
import { Routes } from '../../../routes';
import { goBack } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import '../graduation/index.css';
import './index.css';

type Member = GraduationBranchDetail['members'][number];
const monthText = (m: string | null) => (m ? `${m.slice(0, 4)}年${m.slice(5, 7)}月` : '未确定');
const endMonth = () => `${Number(todayInChina().slice(0, 4)) + 8}-12`;
const transferText = (s: string | null) => (s == null ? '尚未发起转接' : isKeyOf(TransferStatuses, s) ? `转接中：${TransferStatuses[s]}` : '转接中');

/** 延迟毕业: a later month and a reason, inline under the member (one thumb, no popup). */
function DelayForm({ orgId, member, onDone }: { orgId: string; member: Member; onDone: () => void }) {
  const [month, setMonth] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const save = async () => {
    const checked = checkDelay({ month, reason });
    if (!checked.ok) return setErrors(checked.errors);
    try {
      await markDelayed(orgId, member.id, checked.data);
      onDone();
    } catch (e) {
      const err = toApiError(e);
      setErrors({ [err.field ?? '']: err.message });
    }
  };
  return (
    <View className='gb-delay' data-testid={`gb-delay-form-${member.id}`}>
      <FormSection>
        <MonthField
          label='延迟后预计毕业时间'
          required
          value={month}
          onChange={setMonth}
          initial={member.expectedMonth ?? monthOf(todayInChina())}
          endMonth={endMonth()}
          error={errors.month}
          testId='gb-delay-month'
        />
        <TextField label='延迟毕业原因' required value={reason} onChange={setReason} maxLength={200} error={errors.reason} placeholder='如：休学一年' testId='gb-delay-reason' />
      </FormSection>
      <FormError message={errors['']} testId='gb-delay-error' />
      <View className='admin-actions'>
        <Button type='primary' onClick={save} data-testid='gb-delay-save'>
          确定标记
        </Button>
      </View>
    </View>
  );
}

/**
 * One graduating class branch [004 §二(二)3, 4]: its mark (a superior may correct it), who still
 * has to transfer and where to (学社衔接), 延迟毕业 per member, and deleting the 毕业生团组织 once
 * everyone left.
 */
export default function GraduationBranchPage() {
  const { allowed, orgId, params } = useOrgPage();
  const branchId = params.branchId ?? '';
  const detail = useAsync(allowed && orgId && branchId ? () => fetchGraduationBranch(orgId, branchId) : null, [allowed, orgId, branchId]);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [correcting, setCorrecting] = useState(false);
  const [month, setMonth] = useState('');
  const [reason, setReason] = useState('');
  const [deleting, setDeleting] = useState(false);
  const [showChannels, setShowChannels] = useState(false);

  if (!allowed) return null;
  const d = detail.data;
  const b = d?.branch;

  const correct = async () => {
    try {
      await correctGraduation(orgId, branchId, { month: month || null, reason: (reason || null) as never });
      setCorrecting(false);
      void detail.reload();
    } catch (e) {
      setError(toApiError(e).message);
    }
  };

  return (
    <View className='admin-page' data-testid='graduation-branch-page'>
      <PageStatus loading={detail.loading && !d} error={detail.error} onRetry={detail.reload} testId='graduation-branch'>
        {d && b ? (
          <>
            <View className='gb-head'>
              <Text className='gb-head__name' data-testid='gb-name'>
                {b.name}
              </Text>
              <Text className='admin-muted grad-line'>{b.pathNames.join(' / ')}</Text>
              <View className='grad-item__tags gb-head__tags'>
                {b.convertedAt ? (
                  <StatusTag tone='green' testId='gb-category'>
                    毕业生团组织
                  </StatusTag>
                ) : (
                  <StatusTag tone='gray' testId='gb-category'>
                    普通团支部
                  </StatusTag>
                )}
                <Text className='gb-head__month' data-testid='gb-month'>
                  预计毕业：{b.month ? monthText(b.month) : b.reason ? `无法确定（${GraduationReasons[b.reason as keyof typeof GraduationReasons] ?? b.reason}）` : '未标记'}
                </Text>
              </View>
              {b.correctable ? (
                <Button size='small' onClick={() => setCorrecting((v) => !v)} data-testid='gb-correct'>
                  更正毕业时间
                </Button>
              ) : null}
            </View>
            {correcting ? (
              <View className='gb-delay'>
                <FormSection title='上级更正（将记入操作日志）'>
                  <MonthField
                    label='预计毕业时间'
                    value={month}
                    onChange={(v) => {
                      setMonth(v);
                      setReason('');
                    }}
                    initial={b.month ?? monthOf(todayInChina())}
                    endMonth={endMonth()}
                    testId='gb-correct-month'
                  />
                  <ChoiceField
                    label='无法确定毕业时间的理由'
                    value={reason}
                    options={optionsOf(GraduationReasons)}
                    onChange={(v) => {
                      setReason(v);
                      setMonth('');
                    }}
                    clearable
                    testId='gb-correct-reason'
                  />
                </FormSection>
                <View className='admin-actions'>
                  <Button type='primary' onClick={correct} data-testid='gb-correct-save'>
                    保存更正
                  </Button>
                </View>
              </View>
            ) : null}
            {error ? (
              <View className='admin-error' data-testid='gb-error'>
                {error}
              </View>
            ) : null}

            <View className='gb-summary' data-testid='gb-summary'>
              <View className='gb-summary__cell'>
                <Text className='gb-summary__num'>{d.members.length}</Text>
                <Text className='admin-muted grad-line'>在册团员</Text>
              </View>
              <View className='gb-summary__cell'>
                <Text className='gb-summary__num gb-summary__num--warn' data-testid='gb-still'>
                  {d.stillToTransfer}
                </Text>
                <Text className='admin-muted grad-line'>尚未发起转接</Text>
              </View>
              <View className='gb-summary__cell'>
                <Text className='gb-summary__num'>{d.members.filter((m) => m.delayedMonth).length}</Text>
                <Text className='admin-muted grad-line'>延迟毕业</Text>
              </View>
            </View>

            <View className='admin-section'>
              <View className='admin-section__head' onClick={() => setShowChannels((v) => !v)}>
                <Text className='admin-section__title'>毕业生团组织关系去向（学社衔接）</Text>
                <Text className='admin-muted grad-line'>{showChannels ? '收起' : '展开'}</Text>
              </View>
              {showChannels ? (
                <View className='admin-card gb-channels' data-testid='gb-channels'>
                  {Object.values(GraduateTransferChannels).map((t) => (
                    <Text key={t} className='gb-channels__line'>
                      · {t}
                    </Text>
                  ))}
                </View>
              ) : null}
            </View>

            <View className='admin-section'>
              <View className='admin-section__head'>
                <Text className='admin-section__title'>团员</Text>
              </View>
              {d.members.length === 0 ? <Empty title='团员已全部转出' description={d.deletable ? '可以删除该毕业生团组织' : ''} /> : null}
              {d.members.map((m) => (
                <View key={m.id} className='admin-card gb-member' data-testid={`gb-member-${m.id}`}>
                  <View className='gb-member__row'>
                    <View className='gb-member__main'>
                      <Text className='gb-member__name'>{m.name}</Text>
                      <Text className='admin-muted grad-line'>预计毕业：{monthText(m.expectedMonth)}</Text>
                      <Text className={m.transferStatus ? 'admin-muted' : 'gb-member__todo'}>{m.delayedMonth ? `延迟原因：${m.delayedReason ?? ''}` : transferText(m.transferStatus)}</Text>
                    </View>
                    <View className='gb-member__side'>
                      {m.delayedMonth ? <StatusTag tone='orange'>延迟毕业生</StatusTag> : m.graduate ? <StatusTag tone='green'>毕业生</StatusTag> : null}
                      {m.delayedMonth ? (
                        <Button
                          size='small'
                          onClick={async () => {
                            await revokeDelayed(orgId, m.id).catch((e) => setError(toApiError(e).message));
                            void detail.reload();
                          }}
                          data-testid={`gb-revoke-${m.id}`}
                        >
                          撤销延迟
                        </Button>
                      ) : b.month ? (
                        <Button size='small' onClick={() => setOpen(open === m.id ? null : m.id)} data-testid={`gb-delay-${m.id}`}>
                          延迟毕业
                        </Button>
                      ) : null}
                    </View>
                  </View>
                  {open === m.id ? (
                    <DelayForm
                      orgId={orgId}
                      member={m}
                      onDone={() => {
                        setOpen(null);
                        void detail.reload();
                      }}
                    />
                  ) : null}
                </View>
              ))}
            </View>

            {d.deletable ? (
              <View className='admin-actions'>
                <Button type='danger' onClick={() => setDeleting(true)} data-testid='gb-delete'>
                  删除毕业生团组织
                </Button>
              </View>
            ) : null}
          </>
        ) : null}
      </PageStatus>
      <ConfirmDialog
        visible={deleting}
        title='删除毕业生团组织'
        content='该毕业生团组织的团员已全部转出。删除后不可恢复，确定删除吗？'
        confirmText='删除'
        onConfirm={async () => {
          try {
            await deleteGraduateOrg(orgId, branchId);
            setDeleting(false);
            await goBack(Routes.adminGraduation, { orgId });
          } catch (e) {
            setError(toApiError(e).message);
            setDeleting(false);
          }
        }}
        onClose={() => setDeleting(false)}
      />
    </View>
  );
}
