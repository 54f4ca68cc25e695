import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { RATING_LEVEL_KEYS, RatingLevels, type RatingProgress } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { Routes } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { downloadExcel } from '../../../services/files';
import { fetchRatingProgress } from '../../../services/ratings';
import { fetchStatsOverview, statsExportPath } from '../../../services/stats';
import { openPage } from '../../../admin/nav';
import { useOrgPage } from '../../../admin/use-org-page';
import { StatChart } from '../../components/stat-chart';
import '../../../admin/admin.css';
import './index.css';

/** 民族 beyond the largest few are shown as one 其他 bar (the table lists them all). */
const TOP_ETHNIC = 6;

/** 对标定级 of the subtree this year: reviewed orgs by star, then those waiting for review and those not rated yet. */
const ratingChart = (p: RatingProgress) => [
  ...RATING_LEVEL_KEYS.map((k) => ({ key: k, label: RatingLevels[k], count: p.total.reviewedByLevel[k] ?? 0 })),
  { key: 'waiting', label: '待复核', count: p.total.rated + p.total.rerated },
  { key: 'notRated', label: '未自评', count: p.total.notRated },
];

/**
 * §8 团员统计 of a committee's subtree: members by check-in state, gender, age, 民族, 学历,
 * certified new members and transfers, each a chart with its table; the sub-orgs to drill into;
 * an Excel export. Members who left (团籍 not 正常) are never counted.
 */
export default function StatsPage() {
  const { allowed, orgId, org } = useOrgPage();
  const stats = useAsync(allowed && orgId ? () => fetchStatsOverview(orgId) : null, [allowed, orgId]);
  // a failed or refused rating progress only leaves its chart out
  const ratings = useAsync(allowed && orgId ? () => fetchRatingProgress(orgId).catch(() => null) : null, [allowed, orgId]);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState('');

  if (!allowed) return null;
  const detail = org.data;
  const s = stats.data;

  const exportExcel = async () => {
    if (!detail) return;
    setExporting(true);
    setError('');
    try {
      await downloadExcel(statsExportPath(orgId), `${detail.shortName}-团员统计.xlsx`);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setExporting(false);
    }
  };

  const ethnicChart = s
    ? s.ethnicity.length > TOP_ETHNIC
      ? [...s.ethnicity.slice(0, TOP_ETHNIC), { key: 'other', label: '其他', count: s.ethnicity.slice(TOP_ETHNIC).reduce((t, e) => t + e.count, 0) }]
      : s.ethnicity
    : [];

  return (
    <View className='admin-page stats-page' data-testid='stats-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='stats-org'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='团员统计' />
            <PageStatus loading={stats.loading} error={stats.error} onRetry={stats.reload} testId='stats'>
              {s ? (
                <>
                  <View className='tj-card stats-summary' data-testid='stats-summary'>
                    <Figure label='团员总数' value={s.members} testId='stats-members' />
                    <Figure label={`${s.year}年新发展团员`} value={s.newMembersThisYear} testId='stats-new' />
                    <Figure label='下级团支部' value={s.progress.branches} testId='stats-branches' />
                  </View>
                  <View className='stats-actions'>
                    <Button size='small' type='primary' loading={exporting} onClick={() => void exportExcel()} data-testid='stats-export'>
                      导出Excel
                    </Button>
                    {error ? <Text className='admin-error'>{error}</Text> : null}
                  </View>
                  <StatChart id='checkins' title='报到状态' data={s.checkins} />
                  <StatChart id='gender' title='性别' data={s.gender} kind='pie' height={150} />
                  <StatChart id='age' title='年龄' data={s.ageBands} />
                  <StatChart id='ethnicity' title='民族' data={ethnicChart} />
                  <StatChart id='education' title='学历' data={s.education.filter((e) => e.count > 0)} emptyText='暂无学历数据' />
                  <StatChart id='new' title='新发展团员（已认证）' data={s.newMembers} emptyText='暂无已认证的新发展团员' />
                  <StatChart id='transfers' title={`组织关系转接（${s.year}年）`} data={s.transfers} unit='人次' />
                  {ratings.data && ratings.data.total.inScope > 0 ? (
                    <StatChart id='ratings' title={`对标定级（${ratings.data.year}年）`} data={ratingChart(ratings.data)} unit='个组织' />
                  ) : null}
                  <View className='admin-section' data-testid='stats-children'>
                    <View className='admin-section__head'>
                      <Text className='admin-section__title'>下级组织（{s.children.length}）</Text>
                      <Text className='admin-muted'>点击查看下级统计</Text>
                    </View>
                    {s.children.length === 0 ? (
                      <View className='tj-card'>
                        <EmptyState title='暂无下级组织' />
                      </View>
                    ) : (
                      <View className='tj-card'>
                        {s.children.map((c) => (
                          <View key={c.org.id} className='tj-list-row stats-child' data-testid={`stats-child-${c.org.id}`} onClick={() => void openPage(Routes.stats, { orgId: c.org.id })}>
                            <Text className='stats-child__name'>{c.org.alias || c.org.shortName}</Text>
                            <Text className='stats-child__figure'>
                              团员 {c.members} · 支部 {c.branches}
                            </Text>
                            <Text className='stats-child__arrow'>›</Text>
                          </View>
                        ))}
                      </View>
                    )}
                  </View>
                </>
              ) : null}
            </PageStatus>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <View className='stats-figure' data-testid={testId}>
      <Text className='stats-figure__value'>{value}</Text>
      <Text className='stats-figure__label'>{label}</Text>
    </View>
  );
}
