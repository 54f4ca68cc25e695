import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { toApiError, type ApiError } from '../../../services/api-error';
import { auditActionLabel, auditLine, fetchAudit, formatChinaTime, type AuditItem } from '../../../services/audit';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

/** §9 操作日志: who did what, when, in this org and below — newest first, 20 at a time. */
export default function AuditPage() {
  const { allowed, orgId, org } = useOrgPage();
  const [items, setItems] = useState<AuditItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const load = async (from: string | null, reset: boolean) => {
    setLoading(true);
    setError(null);
    try {
      const page = await fetchAudit(orgId, from);
      setItems((prev) => (reset ? page.items : [...prev, ...page.items]));
      setCursor(page.nextCursor);
      setLoaded(true);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (allowed && orgId) void load(null, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed, orgId]);

  if (!allowed) return null;
  const detail = org.data;

  return (
    <View className='admin-page' data-testid='audit-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='audit-page'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='操作日志' />
            <View className='admin-section'>
              <PageStatus loading={!loaded && loading} error={loaded ? null : error} onRetry={() => load(null, true)} testId='audit-list'>
                {items.length === 0 ? (
                  <View className='admin-card'>
                    <EmptyState title='暂无操作记录' />
                  </View>
                ) : (
                  <View className='admin-card' data-testid='audit-list'>
                    {items.map((item) => {
                      const summary = auditLine(item);
                      return (
                        <View key={item.id} className='tj-list-row audit-item' data-testid={`audit-item-${item.id}`}>
                          <View className='audit-item__head'>
                            <StatusTag tone='blue'>{auditActionLabel(item.action)}</StatusTag>
                            <Text className='audit-item__time'>{formatChinaTime(item.createdAt)}</Text>
                          </View>
                          {summary ? <Text className='audit-item__summary'>{summary}</Text> : null}
                          <Text className='audit-item__meta'>
                            操作人：{item.actorName ?? '系统'}
                            {item.orgName ? ` · ${item.orgName}` : ''}
                          </Text>
                        </View>
                      );
                    })}
                  </View>
                )}
              </PageStatus>
              {loaded && error ? <View className='admin-error'>{error.message}</View> : null}
              {loaded && cursor ? (
                <View className='audit-more'>
                  <Button size='small' loading={loading} disabled={loading} onClick={() => load(cursor, false)} data-testid='audit-more'>
                    加载更多
                  </Button>
                </View>
              ) : null}
              {loaded && !cursor && items.length > 0 ? <Text className='audit-end'>没有更多了</Text> : null}
            </View>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
