import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { chinaDateTime } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery } from '../../../routes';
import { fetchNoticeReads } from '../../../services/inbox';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import '../notices/index.css';

/**
 * 阅读情况 (?orgId=&noticeId=&parentId=): how many recipients read the notice, per sub-org of
 * the publisher (or of `parentId`, drilling down); counted when a recipient opens it.
 */
export default function NoticeReadsPage() {
  const { allowed, orgId, params } = useOrgPage();
  const noticeId = params.noticeId ?? '';
  const parentId = params.parentId;
  const reads = useAsync(allowed && orgId && noticeId ? () => fetchNoticeReads(orgId, noticeId, parentId) : null, [allowed, orgId, noticeId, parentId]);
  const r = reads.data;

  if (!allowed) return null;

  return (
    <View className='admin-page' data-testid='notice-reads-page'>
      <PageStatus loading={reads.loading && !r} error={reads.error} onRetry={reads.reload} testId='notice-reads-page'>
        {r ? (
          <>
            <View className='tj-card'>
              <Text className='notices-row__title' data-testid='reads-title'>
                {r.notice.title}
              </Text>
              <View className='notices-row__meta'>
                <Text>
                  {r.notice.orgName} · {chinaDateTime(r.notice.publishedAt)}
                </Text>
              </View>
              <View className='notices-row__meta'>
                <Text>
                  {r.notice.audienceLabel} · {r.notice.targets.map((t) => t.name).join('、')}
                </Text>
              </View>
            </View>
            <View className='tj-card reads-summary'>
              <View>
                <Text className='reads-summary__num' data-testid='reads-total'>
                  {r.notice.readCount}
                </Text>
                <Text className='reads-summary__label'>已读总人数</Text>
              </View>
              <View>
                <Text className='reads-summary__num' data-testid='reads-self'>
                  {r.selfReadCount}
                </Text>
                <Text className='reads-summary__label'>{r.parent.name}本级</Text>
              </View>
            </View>
            <View className='admin-section'>
              <View className='admin-section__head'>
                <Text className='admin-section__title'>{r.parent.name}的下级组织</Text>
                {r.parent.parentId ? (
                  <Text className='reads-up' onClick={() => void Taro.navigateBack()} data-testid='reads-up'>
                    ‹ 返回上级
                  </Text>
                ) : null}
              </View>
              {r.rows.length === 0 ? (
                <EmptyState title='没有下级组织' />
              ) : (
                <View className='admin-card'>
                  {r.rows.map((row) => (
                    <View
                      key={row.orgId}
                      className='tj-list-row reads-row'
                      onClick={() => (row.hasChildren ? void Taro.navigateTo({ url: withQuery(Routes.adminNoticeReads, { orgId, noticeId, parentId: row.orgId }) }) : undefined)}
                      data-testid={`reads-row-${row.orgId}`}
                    >
                      <Text className='reads-row__name'>{row.name}</Text>
                      <Text className='reads-row__count' data-testid={`reads-row-${row.orgId}-count`}>
                        已读 {row.readCount} 人{row.hasChildren ? ' ›' : ''}
                      </Text>
                    </View>
                  ))}
                </View>
              )}
            </View>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
