import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { chinaDateTime } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { Routes, withQuery } from '../../../routes';
import { toApiError, type ApiError } from '../../../services/api-error';
import { fetchPublished, type PublishedNotice } from '../../../services/inbox';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

/** 已发通知: this committee's notices, newest first, with how many recipients read each; a notice opens its 阅读情况. */
export default function NoticesPage() {
  const { allowed, orgId, org } = useOrgPage();
  const [items, setItems] = useState<PublishedNotice[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const load = async (before?: string) => {
    setLoading(true);
    setError(null);
    try {
      const page = await fetchPublished(orgId, before);
      setItems((old) => (before ? [...old, ...page.items] : page.items));
      setNext(page.nextBefore);
      setLoaded(true);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (allowed && orgId) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed, orgId]);
  useDidShow(() => {
    if (loaded) void load();
  });

  if (!allowed) return null;
  const detail = org.data;
  const go = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className='admin-page' data-testid='notices-page'>
      <PageStatus loading={org.loading && !detail} error={org.error} onRetry={org.reload} testId='notices-page'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='已发布的工作通知' />
            <View className='admin-actions'>
              <Button type='primary' onClick={() => go(withQuery(Routes.adminNoticePublish, { orgId }))} data-testid='notices-new'>
                发布工作通知
              </Button>
            </View>
            <View className='admin-section'>
              <PageStatus loading={!loaded && loading} error={loaded ? null : error} onRetry={() => void load()} testId='notices-list'>
                {loaded && items.length === 0 ? <EmptyState title='还没有发布通知' description='发布的通知会送达所选组织的团员或团干部' /> : null}
                {items.length > 0 ? (
                  <View className='admin-card'>
                    {items.map((n) => (
                      <View key={n.id} className='tj-list-row notices-row' onClick={() => go(withQuery(Routes.adminNoticeReads, { orgId, noticeId: n.id }))} data-testid={`notices-${n.id}`}>
                        <Text className='notices-row__title'>{n.title}</Text>
                        <View className='notices-row__meta'>
                          <Text>
                            {n.audienceLabel} · {n.targets.map((t) => t.name).join('、')}
                          </Text>
                        </View>
                        <View className='notices-row__meta'>
                          <Text>{chinaDateTime(n.publishedAt)}</Text>
                          <Text className='notices-row__reads' data-testid={`notices-${n.id}-reads`}>
                            已读 {n.readCount} 人 ›
                          </Text>
                        </View>
                      </View>
                    ))}
                  </View>
                ) : null}
              </PageStatus>
              {next ? (
                <View className='admin-actions'>
                  <Button loading={loading} onClick={() => void load(next)} data-testid='notices-more'>
                    加载更多
                  </Button>
                </View>
              ) : null}
            </View>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
