import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ErrorMessages, ORG_LIFE_KIND_KEYS, checkOrgLifePeriod, todayInChina } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { MonthField } from '../../../components/form-field';
import { defaultPeriod, kindLabel } from '../../../components/org-life';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { usePageParams } from '../../../hooks/use-page-params';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { fetchParticipation } from '../../../services/org-life';
import '../../cadre.css';
import './index.css';

/** [004 §一 3–4 查看团员参与组织会议/活动情况] a branch's members and how often each took part (?orgId=). */
export default function OrgLifeParticipationPage() {
  const allowed = useRequireLogin();
  const params = usePageParams();
  const orgId = params.orgId ?? '';
  const [period, setPeriod] = useState(defaultPeriod);
  const check = checkOrgLifePeriod(period.from, period.to, todayInChina());
  const data = useAsync(allowed && orgId && check.ok ? () => fetchParticipation(orgId, period.from, period.to) : null, [allowed, orgId, period.from, period.to]);
  if (!allowed) return null;
  const d = data.data;
  return (
    <View className='cadre-page' data-testid='olp-page'>
      <View className='tj-card olp-period'>
        <MonthField label='开始年月' value={period.from} onChange={(from) => setPeriod((p) => ({ ...p, from }))} testId='olp-from' />
        <MonthField label='结束年月' value={period.to} onChange={(to) => setPeriod((p) => ({ ...p, to }))} error={check.ok ? undefined : ErrorMessages[check.code]} testId='olp-to' />
      </View>
      <PageStatus loading={data.loading && !d} error={data.error} onRetry={data.reload} testId='olp'>
        {d ? (
          <View className='tj-card olp-list'>
            <Text className='cadre-card__title'>
              {d.branch.name} · 本时段共 {d.records} 次会议和活动
            </Text>
            {d.members.length === 0 ? <EmptyState title='本支部暂无团员' /> : null}
            {d.members.map((m) => (
              <View key={m.memberId} className='tj-list-row olp-row' data-testid={`olp-member-${m.memberId}`}>
                <View className='olp-row__main'>
                  <Text className='olp-name'>{m.name}</Text>
                  <Text className='cadre-muted'>
                    {ORG_LIFE_KIND_KEYS.filter((k) => m.counts[k] > 0)
                      .map((k) => `${kindLabel(k)} ${m.counts[k]}`)
                      .join(' · ') || '未参加'}
                  </Text>
                </View>
                <View className='olp-row__num'>
                  <Text className={`olp-rate${m.ratePercent < 50 ? ' olp-rate--low' : ''}`} data-testid={`olp-rate-${m.memberId}`}>
                    {m.ratePercent}%
                  </Text>
                  <Text className='cadre-muted'>
                    {m.attended}/{d.records} 次
                  </Text>
                </View>
              </View>
            ))}
          </View>
        ) : null}
      </PageStatus>
    </View>
  );
}
