import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { chinaDateTime, isValidDate, type SubmissionSummary } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { ChoiceField, FormSection, TextField } from '../../../components/form-field';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { campaignTitle, outcomeLabel, outcomeTone, StateTag } from '../../../components/two-systems';
import { useAsync } from '../../../hooks/use-async';
import { toApiError } from '../../../services/api-error';
import { decideSubmission, fetchApprovals, fetchSubmission, type ApprovalFilter } from '../../../services/two-systems';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import '../two-systems/index.css';
import './index.css';

const KIND_OPTIONS = [
  { value: '', label: '全部' },
  { value: 'registration', label: '团籍注册' },
  { value: 'review', label: '教育评议' },
];
const STATE_OPTIONS = [
  { value: 'submitted', label: '待审批' },
  { value: 'approved', label: '已审批' },
  { value: 'returned', label: '已退回' },
  { value: '', label: '全部' },
];

/**
 * 年度团籍注册审批 [004 §二 6 "输入团员姓名，选择处理状态及时间区间，即可查看并审批"]: what the direct
 * child branches submitted, by kind, state and the day submitted; 同意 or 退回 with a reason.
 */
export default function TwoSystemsApprovalsPage() {
  const { allowed, orgId, org } = useOrgPage();
  const [filter, setFilter] = useState<ApprovalFilter>({ state: 'submitted' });
  const [dates, setDates] = useState({ from: '', to: '' });
  const [open, setOpen] = useState<string | null>(null);
  const list = useAsync(allowed && orgId ? () => fetchApprovals(orgId, filter) : null, [allowed, orgId, filter.kind, filter.state, filter.from, filter.to]);

  if (!allowed) return null;
  const detail = org.data;
  const dateError = (v: string) => (v && !isValidDate(v) ? '请按“年-月-日”格式填写' : undefined);
  const applyDates = () => {
    if (dateError(dates.from) || dateError(dates.to)) return;
    setFilter({ ...filter, from: dates.from || undefined, to: dates.to || undefined });
  };

  return (
    <View className='admin-page' data-testid='ts-approvals-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='ts-approvals-org'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='年度团籍注册 / 教育评议审批' />
            <FormSection testId='ts-filter'>
              <ChoiceField
                label='处理状态'
                value={filter.state ?? ''}
                options={STATE_OPTIONS}
                onChange={(v) => setFilter({ ...filter, state: (v || undefined) as ApprovalFilter['state'] })}
                testId='ts-filter-state'
              />
              <ChoiceField
                label='类别'
                value={filter.kind ?? ''}
                options={KIND_OPTIONS}
                onChange={(v) => setFilter({ ...filter, kind: (v || undefined) as ApprovalFilter['kind'] })}
                testId='ts-filter-kind'
              />
              <View className='ts-dates'>
                <TextField
                  label='提交日期 自'
                  value={dates.from}
                  placeholder='年-月-日'
                  onChange={(from) => setDates({ ...dates, from })}
                  error={dateError(dates.from)}
                  testId='ts-filter-from'
                />
                <TextField label='至' value={dates.to} placeholder='年-月-日' onChange={(to) => setDates({ ...dates, to })} error={dateError(dates.to)} testId='ts-filter-to' />
              </View>
              <View className='ts-filter-apply'>
                <Button size='small' onClick={applyDates} data-testid='ts-filter-apply'>
                  按日期筛选
                </Button>
              </View>
            </FormSection>
            <View className='admin-section'>
              <PageStatus loading={list.loading && !list.data} error={list.error} onRetry={list.reload} testId='ts-approvals'>
                {list.data && list.data.length === 0 ? (
                  <View className='admin-card'>
                    <EmptyState title='暂无记录' description='下级团支部提交后在此审批' />
                  </View>
                ) : null}
                {list.data?.map((s) => (
                  // a decided card stays with its new state (已审批 / 已退回) until the list is loaded
                  // again: reloading at once dropped it from the 待审批 list before the reviewer saw the outcome
                  <SubmissionCard key={s.id} orgId={orgId} item={s} open={open === s.id} onToggle={() => setOpen(open === s.id ? null : s.id)} />
                ))}
              </PageStatus>
            </View>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}

function SubmissionCard({ orgId, item, open, onToggle }: { orgId: string; item: SubmissionSummary; open: boolean; onToggle: () => void }) {
  const detail = useAsync(open ? () => fetchSubmission(orgId, item.id) : null, [open, orgId, item.id]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const counts = Object.entries(item.counts);

  const decide = async (decision: 'approve' | 'return') => {
    if (decision === 'return' && !reason.trim()) return setError('退回时请填写原因');
    setBusy(true);
    setError(null);
    try {
      detail.setData(await decideSubmission(orgId, item.id, decision, reason));
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  const state = detail.data?.state ?? item.state;

  return (
    <View className='admin-card ts-campaign' data-testid={`ts-submission-${item.id}`}>
      <View className='ts-campaign__head' onClick={onToggle}>
        <View className='ts-campaign__main'>
          <Text className='ts-campaign__title'>{item.branch.alias || item.branch.shortName}</Text>
          <Text className='admin-muted'>
            {campaignTitle(item.campaign)} · {item.members} 人
          </Text>
          <Text className='admin-muted'>提交：{item.submittedAt ? chinaDateTime(item.submittedAt) : '—'}</Text>
        </View>
        <StateTag state={state} testId={`ts-submission-state-${item.id}`} />
      </View>
      <View className='ts-counts'>
        {counts.map(([o, n]) => (
          <StatusTag key={o} tone={outcomeTone(o)}>
            {outcomeLabel(o)} {n}
          </StatusTag>
        ))}
      </View>
      {item.returnReason ? <Text className='ts-reason'>退回原因：{item.returnReason}</Text> : null}
      <Text className='ts-campaign__toggle' onClick={onToggle} data-testid={`ts-submission-toggle-${item.id}`}>
        {open ? '收起名单' : '查看名单并审批 ›'}
      </Text>
      {open ? (
        <PageStatus loading={detail.loading && !detail.data} error={detail.error} onRetry={detail.reload} testId='ts-submission'>
          {detail.data ? (
            <View>
              {detail.data.memberList.map((m) => (
                <View key={m.memberId} className='ts-member-line'>
                  <Text className='ts-member-line__name'>{m.name}</Text>
                  <View className='ts-member-line__right'>
                    <StatusTag tone={outcomeTone(m.outcome)}>{m.outcome ? outcomeLabel(m.outcome) : '未办理'}</StatusTag>
                    {m.reason ? <Text className='admin-muted'>{m.reason}</Text> : null}
                  </View>
                </View>
              ))}
              {state === 'submitted' ? (
                <>
                  <TextField label='退回原因（退回时必填）' value={reason} onChange={setReason} maxLength={100} testId='ts-return-reason' />
                  {error ? (
                    <Text className='ts-error' data-testid='ts-decide-error'>
                      {error}
                    </Text>
                  ) : null}
                  <View className='ts-decide'>
                    <Button type='primary' loading={busy} onClick={() => void decide('approve')} data-testid='ts-approve'>
                      同意
                    </Button>
                    <Button loading={busy} onClick={() => void decide('return')} data-testid='ts-return'>
                      退回
                    </Button>
                  </View>
                </>
              ) : null}
            </View>
          ) : null}
        </PageStatus>
      ) : null}
    </View>
  );
}
