import { useEffect, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { MembershipStatuses, isKeyOf } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { Routes } from '../../../routes';
import { toApiError, type ApiError } from '../../../services/api-error';
import { fetchEntered, type EnteredMemberItem } from '../../../services/entered';
import { openPage } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

const monthText = (m: string) => (/^\d{4}-\d{2}$/.test(m) ? `${m.slice(0, 4)}年${m.slice(5, 7)}月入团` : m);

/**
 * 录入团员 (issue 16 part 5, [004 §二(一)] 团员列表): the members this org and the orgs below it
 * entered; a 团支部 enters one (录入团员) or many (批量导入). A record is edited here until the person
 * claims it; then they keep it themselves.
 */
export default function EnteredMembersPage() {
  const { allowed, orgId, org } = useOrgPage();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<EnteredMemberItem[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const load = async (offset: number, reset: boolean) => {
    setLoading(true);
    setError(null);
    try {
      const page = await fetchEntered(orgId, { q: q.trim(), offset });
      setItems((prev) => (reset ? page.items : [...prev, ...page.items]));
      setNext(page.nextOffset);
      setLoaded(true);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (allowed && orgId) void load(0, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed, orgId]);
  // back from the form or the import: the list changed
  useDidShow(() => {
    if (loaded) void load(0, true);
  });

  if (!allowed) return null;
  const detail = org.data;
  const isBranch = detail?.type === 'branch';

  return (
    <View className='admin-page' data-testid='entered-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='entered-page'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='录入团员' />
            <View className='admin-notice'>
              录入本组织已有、尚未在手机端报到的团员，认证资料与团员报到相同。2020年及以后入团的，录入后请在“团员电子档案”上传《入团志愿书》。团员本人注册并通过实名验证后可认领这条信息，此后由本人维护。
            </View>
            {isBranch ? (
              <View className='admin-actions'>
                <Button type='primary' onClick={() => openPage(Routes.adminMemberEntry, { orgId })} data-testid='entered-new'>
                  录入团员
                </Button>
                <Button onClick={() => openPage(Routes.adminImport, { orgId, kind: 'members' })} data-testid='entered-import'>
                  批量导入
                </Button>
              </View>
            ) : (
              <Text className='admin-muted entered-more'>在下级团支部的组织管理中录入团员</Text>
            )}
            <View className='entered-search'>
              <View className='entered-search__input'>
                <Input value={q} onChange={setQ} placeholder='姓名、身份证号或发展团员编号' maxLength={50} clearable data-testid='entered-q' />
              </View>
              <Button size='small' type='primary' onClick={() => load(0, true)} data-testid='entered-search'>
                搜索
              </Button>
            </View>
            <View className='admin-section'>
              <PageStatus loading={!loaded && loading} error={loaded ? null : error} onRetry={() => load(0, true)} testId='entered-list'>
                {items.length === 0 ? (
                  <View className='admin-card'>
                    <EmptyState title='暂无录入的团员' description={isBranch ? '点“录入团员”或“批量导入”开始' : '下级团支部录入的团员会出现在这里'} />
                  </View>
                ) : (
                  <View className='admin-card' data-testid='entered-list'>
                    {items.map((m) => (
                      <View
                        key={m.id}
                        className='tj-list-row entered-row'
                        onClick={() => (m.claimed ? undefined : openPage(Routes.adminMemberEntry, { orgId: m.branchId, memberId: m.id }))}
                        data-testid={`entered-${m.id}`}
                      >
                        <View className='entered-row__body'>
                          <View className='entered-row__name'>
                            <Text>{m.name}</Text>
                            {m.claimed ? <StatusTag tone='green'>本人已认领</StatusTag> : <StatusTag tone='orange'>待本人认领</StatusTag>}
                            {m.membershipStatus !== 'normal' ? (
                              <StatusTag tone='gray'>{isKeyOf(MembershipStatuses, m.membershipStatus) ? MembershipStatuses[m.membershipStatus] : m.membershipStatus}</StatusTag>
                            ) : null}
                          </View>
                          <Text className='admin-muted'>
                            {m.idNumberMasked} · {monthText(m.joinedAt)}
                          </Text>
                          <Text className='admin-muted'>{m.branchName}</Text>
                        </View>
                        {m.claimed ? null : <Text className='entered-row__arrow'>›</Text>}
                      </View>
                    ))}
                    {next !== null ? (
                      <Text className='entered-more' onClick={() => load(next, false)} data-testid='entered-more'>
                        {loading ? '加载中…' : '加载更多'}
                      </Text>
                    ) : null}
                  </View>
                )}
              </PageStatus>
            </View>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
