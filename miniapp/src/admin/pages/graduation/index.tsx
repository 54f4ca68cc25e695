import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Checkbox, Empty } from '@nutui/nutui-react-taro';
import { GraduationReasons, canMarkGraduation, monthOf, todayInChina, type IndustryCategory, type OrgType } from '@tj/shared';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ChoiceField, FormError, FormSection, MonthField, optionsOf } from '../../../components/form-field';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { toApiError } from '../../../services/api-error';
import { checkMark, fetchDelayed, fetchGraduationBranches, markGraduation, revokeDelayed, type GraduationBranchList } from '../../../services/graduation';
import { Routes } from '../../../routes';
import { openPage } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

type Branch = GraduationBranchList['items'][number];
const monthText = (m: string | null) => (m ? `${m.slice(0, 4)}年${m.slice(5, 7)}月` : '');
const reasonText = (r: string | null) => (r && r in GraduationReasons ? GraduationReasons[r as keyof typeof GraduationReasons] : (r ?? ''));
// 预计毕业时间 may lie up to 8 years ahead (a 本硕博 class)
const endMonth = () => `${Number(todayInChina().slice(0, 4)) + 8}-12`;

function BranchState({ b }: { b: Branch }) {
  if (b.convertedAt)
    return (
      <StatusTag tone='green' testId={`grad-state-${b.id}`}>
        毕业生团组织
      </StatusTag>
    );
  if (b.month)
    return (
      <StatusTag tone='blue' testId={`grad-state-${b.id}`}>
        已标记 {monthText(b.month)}
      </StatusTag>
    );
  if (b.reason)
    return (
      <StatusTag tone='orange' testId={`grad-state-${b.id}`}>
        已标记：无法确定
      </StatusTag>
    );
  return (
    <StatusTag tone='gray' testId={`grad-state-${b.id}`}>
      未标记
    </StatusTag>
  );
}

/**
 * 标记团支部毕业时间 [004 §二(二)] on a phone: tick the class branches that graduate together,
 * then one month (or a reason when it cannot be known) in the bar at the bottom; a confirmation
 * says the mark cannot be undone. Second tab: the 延迟毕业团员 of the subtree.
 */
export default function GraduationPage() {
  const { allowed, orgId, org } = useOrgPage();
  const [tab, setTab] = useState<'branches' | 'delayed'>('branches');
  const list = useAsync(allowed && orgId ? () => fetchGraduationBranches(orgId) : null, [allowed, orgId]);
  const delayed = useAsync(allowed && orgId && tab === 'delayed' ? () => fetchDelayed(orgId) : null, [allowed, orgId, tab]);
  const [selected, setSelected] = useState<string[]>([]);
  const [marking, setMarking] = useState(false);
  const [month, setMonth] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState('');

  if (!allowed) return null;
  const detail = org.data;
  const items = list.data?.items ?? [];
  // issue 16 B1: an org that cannot mark (a leading organ above schools) only corrects its subordinates' marks
  const correctOnly = !!detail && !canMarkGraduation({ type: detail.type as OrgType, industry: detail.industry as IndustryCategory });
  const markable = (b: Branch) => !b.month && !b.reason && !b.convertedAt;
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));

  const next = () => {
    const checked = checkMark({ branchIds: selected, month: month || null, reason: reason || null });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setConfirming(true);
  };
  const submit = async () => {
    try {
      await markGraduation(orgId, { branchIds: selected, month: month || null, reason: (reason || null) as never });
      setNotice(`已标记 ${selected.length} 个团支部`);
      setSelected([]);
      setMarking(false);
      setMonth('');
      setReason('');
      void list.reload();
    } catch (e) {
      setErrors({ '': toApiError(e).message });
      setConfirming(false);
    }
  };

  return (
    <View className='admin-page grad-page' data-testid='graduation-page'>
      <PageStatus loading={org.loading || (list.loading && !list.data)} error={org.error ?? list.error} onRetry={list.reload} testId='graduation'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle={correctOnly ? '毕业时间更正' : '毕业班管理'} />
            <View className='grad-tabs' style={correctOnly ? { display: 'none' } : undefined}>
              <Text className={`grad-tab${tab === 'branches' ? ' grad-tab--on' : ''}`} onClick={() => setTab('branches')} data-testid='grad-tab-branches'>
                毕业时间标记
              </Text>
              <Text className={`grad-tab${tab === 'delayed' ? ' grad-tab--on' : ''}`} onClick={() => setTab('delayed')} data-testid='grad-tab-delayed'>
                延迟毕业团员
              </Text>
            </View>
            {tab === 'branches' ? (
              <>
                {canMarkGraduation({ type: detail.type as OrgType, industry: detail.industry as IndustryCategory }) ? (
                  <View className='admin-notice'>
                    勾选预计毕业时间相同的班级团支部批量标记；无法确定毕业时间的，选择理由。标记后不能自行取消，如需更正请联系上级团组织。每年6月1日，本年度毕业的团支部自动变更为毕业生团组织。
                  </View>
                ) : (
                  <View className='admin-notice'>以下为下级组织标记的毕业时间，本组织可以更正。</View>
                )}
                {notice ? (
                  <View className='grad-ok' data-testid='grad-notice'>
                    {notice}
                  </View>
                ) : null}
                {items.length === 0 ? (
                  correctOnly ? (
                    <Empty title='暂无可更正的毕业时间标记' description='下级学校团组织标记的毕业时间会出现在这里' />
                  ) : (
                    <Empty title='暂无班级团支部' description='下级团支部会出现在这里' />
                  )
                ) : null}
                {items.map((b) => (
                  <View key={b.id} className='grad-item' data-testid={`grad-branch-${b.id}`}>
                    <View className='grad-item__check'>
                      <Checkbox checked={selected.includes(b.id)} disabled={!markable(b) || !list.data?.canMark} onChange={(on) => toggle(b.id, on)} data-testid={`grad-check-${b.id}`} />
                    </View>
                    <View className='grad-item__body' onClick={() => openPage(Routes.adminGraduationBranch, { orgId, branchId: b.id })} data-testid={`grad-open-${b.id}`}>
                      <Text className='grad-item__name'>{b.name}</Text>
                      <View className='grad-item__tags'>
                        <BranchState b={b} />
                        <Text className='admin-muted grad-line'>{b.memberCount} 名团员</Text>
                      </View>
                      {b.reason ? <Text className='admin-muted grad-line'>理由：{reasonText(b.reason)}</Text> : null}
                      {b.markedByOrg ? <Text className='admin-muted grad-line'>由 {b.markedByOrg} 标记</Text> : null}
                    </View>
                    <Text className='grad-item__arrow'>›</Text>
                  </View>
                ))}
              </>
            ) : (
              <PageStatus loading={delayed.loading && !delayed.data} error={delayed.error} onRetry={delayed.reload} testId='delayed'>
                {(delayed.data?.items ?? []).length === 0 ? <Empty title='暂无延迟毕业团员' description='在毕业班团支部页面标记' /> : null}
                {(delayed.data?.items ?? []).map((m) => (
                  <View key={m.id} className='grad-item' data-testid={`delayed-${m.id}`}>
                    <View className='grad-item__body grad-item__body--pad'>
                      <Text className='grad-item__name'>{m.name}</Text>
                      <Text className='admin-muted grad-line'>{m.branchName}</Text>
                      <Text className='admin-muted grad-line'>
                        预计毕业：{monthText(m.delayedMonth)} · {m.delayedReason}
                      </Text>
                    </View>
                    <Button
                      size='small'
                      onClick={async () => {
                        await revokeDelayed(orgId, m.id).catch((e) => setNotice(toApiError(e).message));
                        void delayed.reload();
                      }}
                      data-testid={`delayed-revoke-${m.id}`}
                    >
                      撤销
                    </Button>
                  </View>
                ))}
              </PageStatus>
            )}
          </>
        ) : null}
      </PageStatus>

      {tab === 'branches' && list.data?.canMark ? (
        <View className='grad-bar'>
          {marking ? (
            <View className='grad-form' data-testid='grad-form'>
              <FormSection>
                <MonthField
                  label='预计毕业时间'
                  value={month}
                  onChange={(v) => {
                    setMonth(v);
                    setReason('');
                    setErrors({});
                  }}
                  initial={monthOf(todayInChina())}
                  endMonth={endMonth()}
                  error={errors.month}
                  testId='grad-month'
                />
                <ChoiceField
                  label='无法确定毕业时间的理由'
                  value={reason}
                  options={optionsOf(GraduationReasons)}
                  onChange={(v) => {
                    setReason(v);
                    setMonth('');
                    setErrors({});
                  }}
                  clearable
                  testId='grad-reason'
                />
              </FormSection>
              <FormError message={errors[''] ?? errors.branchIds} testId='grad-form-error' />
              <View className='admin-actions'>
                <Button onClick={() => setMarking(false)} data-testid='grad-cancel'>
                  取消
                </Button>
                <Button type='primary' onClick={next} data-testid='grad-next'>
                  下一步
                </Button>
              </View>
            </View>
          ) : (
            <View className='grad-bar__row'>
              <Text className='admin-muted grad-line'>已选 {selected.length} 个团支部</Text>
              <Button type='primary' disabled={selected.length === 0} onClick={() => setMarking(true)} data-testid='grad-mark'>
                标记毕业时间
              </Button>
            </View>
          )}
        </View>
      ) : null}

      <ConfirmDialog
        visible={confirming}
        title='确认标记'
        content={`将 ${selected.length} 个团支部标记为${month ? `${monthText(month)}毕业` : `“${reasonText(reason)}”`}。一旦标记成功后，将无法自行取消，务必谨慎操作。`}
        confirmText='确定标记'
        onConfirm={submit}
        onClose={() => setConfirming(false)}
      />
    </View>
  );
}
