import { Text, View } from '@tarojs/components';
import { RATING_LEVEL_KEYS, RatingLevels, type RatingCounts } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { Routes } from '../../../routes';
import { fetchRatingProgress } from '../../../services/ratings';
import { openPage } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

const STATUS_CELLS = [
  { key: 'notRated', label: '未自评' },
  { key: 'rated', label: '待复核' },
  { key: 'rerated', label: '重新自评' },
  { key: 'reviewed', label: '已复核' },
] as const;

/**
 * 对标定级进度 [004 Q&A (3) "上级团委是否可以看到下级团（总）支部开展“对标定级”工作的具体进度"]: the whole
 * subtree (any depth) by state and by star, then each direct sub-org — tap one to drill down.
 */
export default function RatingProgressPage() {
  const { allowed, orgId, org } = useOrgPage();
  const progress = useAsync(allowed && orgId ? () => fetchRatingProgress(orgId) : null, [allowed, orgId]);
  if (!allowed) return null;
  const p = progress.data;

  return (
    <View className='admin-page rp-page' data-testid='rating-progress-page'>
      <PageStatus loading={org.loading || (progress.loading && !p)} error={org.error ?? progress.error} onRetry={progress.reload} testId='rating-progress'>
        {org.data && p ? (
          <>
            <OrgHeader org={org.data} subtitle={`${p.year} 年度对标定级进度${p.locked ? '（已锁定）' : ''}`} />
            <View className='admin-section'>
              <View className='admin-card rp-card' data-testid='rp-total'>
                <View className='rp-head'>
                  <Text className='rp-head__big'>{p.total.inScope}</Text>
                  <Text className='admin-muted'>个团（总）支部纳入定级 · 不纳入 {p.total.excluded} 个</Text>
                </View>
                <StatusCells counts={p.total} testId='rp-total' />
                <StarTable counts={p.total} />
              </View>
            </View>
            <View className='admin-section'>
              <Text className='admin-section__title'>各下级组织</Text>
              {p.rows.length === 0 ? <EmptyState title='暂无下级团（总）支部' description='本组织下没有需要对标定级的团组织' /> : null}
              {p.rows.map((r) => (
                <View key={r.org.id} className='admin-card rp-row' onClick={() => void openPage(Routes.adminRatingProgress, { orgId: r.org.id })} data-testid={`rp-row-${r.org.id}`}>
                  <View className='rp-row__head'>
                    <Text className='rp-row__name'>{r.org.alias || r.org.shortName}</Text>
                    <Text className='rp-row__arrow'>›</Text>
                  </View>
                  <View className='rp-bar'>
                    <View className='rp-bar__done' style={{ width: `${r.counts.inScope ? Math.round((r.counts.reviewed / r.counts.inScope) * 100) : 0}%` }} />
                  </View>
                  <Text className='admin-muted rp-line'>
                    纳入 {r.counts.inScope} · 已复核 {r.counts.reviewed} · 待复核 {r.counts.rated + r.counts.rerated} · 未自评 {r.counts.notRated}
                    {r.counts.rectification ? ` · 重点整顿 ${r.counts.rectification}` : ''}
                  </Text>
                </View>
              ))}
            </View>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}

function StatusCells({ counts, testId }: { counts: RatingCounts; testId: string }) {
  return (
    <View className='rp-cells'>
      {STATUS_CELLS.map((c) => (
        <View key={c.key} className='rp-cell' data-testid={`${testId}-${c.key}`}>
          <Text className='rp-cell__num'>{counts[c.key]}</Text>
          <Text className='rp-cell__label'>{c.label}</Text>
        </View>
      ))}
      <View className='rp-cell rp-cell--red' data-testid={`${testId}-rectification`}>
        <Text className='rp-cell__num'>{counts.rectification}</Text>
        <Text className='rp-cell__label'>重点整顿</Text>
      </View>
    </View>
  );
}

/** By star: the superior's result where it has reviewed, the self-rating where it waits. */
function StarTable({ counts }: { counts: RatingCounts }) {
  return (
    <View className='rp-table' data-testid='rp-stars'>
      <View className='rp-table__row rp-table__row--head'>
        <Text className='rp-table__c1'>星级</Text>
        <Text className='rp-table__c'>已复核</Text>
        <Text className='rp-table__c'>自评待复核</Text>
      </View>
      {RATING_LEVEL_KEYS.map((l) => (
        <View key={l} className='rp-table__row' data-testid={`rp-star-${l}`}>
          <Text className='rp-table__c1'>{RatingLevels[l]}</Text>
          <Text className='rp-table__c'>{counts.reviewedByLevel[l] ?? 0}</Text>
          <Text className='rp-table__c'>{counts.selfByLevel[l] ?? 0}</Text>
        </View>
      ))}
    </View>
  );
}
