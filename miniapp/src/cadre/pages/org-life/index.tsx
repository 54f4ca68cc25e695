import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorMessages, ORG_LIFE_KIND_KEYS, checkOrgLifePeriod, monthOf, todayInChina, type OrgDetail, type OrgLifeOverviewRow } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { MonthField } from '../../../components/form-field';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { RecordRow, VerdictTag, defaultPeriod, kindLabel, monthLabel, verdictText } from '../../../components/org-life';
import { useAsync } from '../../../hooks/use-async';
import { usePageParams } from '../../../hooks/use-page-params';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes, withQuery } from '../../../routes';
import { fetchBranchMonth, fetchOverview } from '../../../services/org-life';
import { fetchOrg } from '../../../services/orgs';
import { useAppStore } from '../../../stores';
import '../../cadre.css';
import './index.css';

/**
 * 三会两制一课 · 团日活动 (issue 17 part 2) [004 §一 3–4, 7–10]. A branch: its records by month,
 * each month judged by 004's rule, and 录入 for its operators. A committee: each sub-org's
 * counts for a period; tapping one opens the same page for it, down to a branch and a record.
 */
export default function OrgLifePage() {
  const allowed = useRequireLogin();
  const params = usePageParams();
  const stored = useAppStore((s) => s.currentOrgId);
  const orgId = params.orgId || stored || '';
  const org = useAsync(allowed && orgId ? () => fetchOrg(orgId) : null, [allowed, orgId]);
  if (!allowed) return null;
  return (
    <View className='cadre-page' data-testid='ol-page'>
      <PageStatus loading={org.loading && !org.data} error={org.error} onRetry={org.reload} testId='ol-org'>
        {org.data ? (
          <>
            <OrgHeader org={org.data} subtitle='三会两制一课 · 团日活动' />
            {org.data.type === 'branch' ? <BranchView org={org.data} initialMonth={params.month} /> : <CommitteeView orgId={orgId} />}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}

function BranchView({ org, initialMonth }: { org: OrgDetail; initialMonth?: string }) {
  const [month, setMonth] = useState(initialMonth ?? monthOf(todayInChina()));
  const data = useAsync(() => fetchBranchMonth(org.id, month), [org.id, month]);
  useDidShow(() => {
    if (data.data) void data.reload();
  });
  const go = (url: string) => void Taro.navigateTo({ url });
  const d = data.data;
  const current = d?.months.find((m) => m.month === month);
  return (
    <PageStatus loading={data.loading && !d} error={data.error} onRetry={data.reload} testId='ol-branch'>
      {d ? (
        <>
          <View className='tj-card'>
            <View className='ol-head'>
              <Text className='ol-head__title'>{monthLabel(month)}</Text>
              {current ? <VerdictTag verdict={current.verdict} testId='ol-month-verdict' /> : null}
            </View>
            <Text className='cadre-muted' data-testid='ol-month-text'>
              {current ? verdictText(current.verdict) : ''} · 本支部团员 {d.members} 人
            </Text>
            <Text className='cadre-muted ol-rule'>对标定级：团支部每月至少开展1次活动；每次团员参与率50%以上（支部团员大会、团课、团日活动计入）</Text>
            <View className='ol-months'>
              {d.months.map((m) => (
                <View key={m.month} className={`ol-month${m.month === month ? ' ol-month--on' : ''}`} onClick={() => setMonth(m.month)} data-testid={`ol-month-${m.month}`}>
                  <Text className='ol-month__label'>{Number(m.month.slice(5, 7))}月</Text>
                  <Text className={`ol-month__mark ol-month__mark--${m.verdict}`}>{m.verdict === 'met' ? '达标' : m.records ? '未达标' : '无'}</Text>
                </View>
              ))}
            </View>
          </View>
          <View className='ol-actions'>
            {d.canRecord ? (
              <Button type='primary' size='small' onClick={() => go(withQuery(Routes.cadreOrgLifeForm, { orgId: org.id }))} data-testid='ol-new'>
                录入会议 / 团课 / 团日活动
              </Button>
            ) : null}
            <Button size='small' fill='outline' onClick={() => go(withQuery(Routes.cadreOrgLifeParticipation, { orgId: org.id }))} data-testid='ol-participation'>
              团员参与情况
            </Button>
          </View>
          <View className='tj-card ol-list'>
            {d.records.length === 0 ? <EmptyState title='本月暂无记录' description={d.canRecord ? '召开会议、上团课或开展团日活动后，在此录入' : undefined} /> : null}
            {d.records.map((r) => (
              <RecordRow key={r.id} record={r} onOpen={() => go(withQuery(Routes.cadreOrgLifeRecord, { orgId: org.id, recordId: r.id }))} />
            ))}
          </View>
        </>
      ) : null}
    </PageStatus>
  );
}

function CommitteeView({ orgId }: { orgId: string }) {
  const [period, setPeriod] = useState(defaultPeriod);
  const check = checkOrgLifePeriod(period.from, period.to, todayInChina());
  const data = useAsync(check.ok ? () => fetchOverview(orgId, period.from, period.to) : null, [orgId, period.from, period.to]);
  const d = data.data;
  const open = (row: OrgLifeOverviewRow) => void Taro.navigateTo({ url: withQuery(Routes.cadreOrgLife, { orgId: row.org.id }) });
  return (
    <>
      <View className='tj-card ol-period'>
        <MonthField label='开始年月' value={period.from} onChange={(from) => setPeriod((p) => ({ ...p, from }))} testId='ol-from' />
        <MonthField label='结束年月' value={period.to} onChange={(to) => setPeriod((p) => ({ ...p, to }))} error={check.ok ? undefined : ErrorMessages[check.code]} testId='ol-to' />
      </View>
      <PageStatus loading={data.loading && !d} error={data.error} onRetry={data.reload} testId='ol-overview'>
        {d ? (
          <>
            <View className='tj-card' data-testid='ol-total'>
              <Text className='cadre-card__title'>本组织及下级合计</Text>
              <Counts row={d.total} testId='ol-total' />
            </View>
            <View className='tj-card ol-list'>
              <Text className='cadre-card__title'>各下级组织（点击查看）</Text>
              {d.rows.length === 0 ? <EmptyState title='暂无下级组织' /> : null}
              {d.rows.map((r) => (
                <View key={r.org.id} className='tj-list-row ol-sub' onClick={() => open(r)} data-testid={`ol-sub-${r.org.id}`}>
                  <View className='ol-sub__main'>
                    <Text className='ol-sub__name'>{r.org.name}</Text>
                    <Counts row={r} testId={`ol-sub-${r.org.id}`} />
                  </View>
                  <Text className='ol-arrow'>›</Text>
                </View>
              ))}
            </View>
          </>
        ) : null}
      </PageStatus>
    </>
  );
}

function Counts({ row, testId }: { row: OrgLifeOverviewRow; testId: string }) {
  return (
    <View>
      <Text className='ol-sub__total' data-testid={`${testId}-count`}>
        共 {row.total} 次
      </Text>
      <Text className='cadre-muted'>{ORG_LIFE_KIND_KEYS.map((k) => `${kindLabel(k)} ${row.counts[k]}`).join(' · ')}</Text>
      <Text className='cadre-muted' data-testid={`${testId}-met`}>
        每月达标：{row.branchMonthsMet} / {row.branchMonths}（{row.branches} 个团支部 × 月）
      </Text>
    </View>
  );
}
