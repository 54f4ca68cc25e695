import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { chinaDateTime } from '@tj/shared';
import { kindLabel } from '../../../components/org-life';
import { PageStatus } from '../../../components/page-status';
import { PrivateImage } from '../../../components/private-image';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { usePageParams } from '../../../hooks/use-page-params';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes, withQuery } from '../../../routes';
import { fetchOrgLifeRecord } from '../../../services/org-life';
import '../../cadre.css';
import './index.css';

/**
 * One record (?orgId=&recordId=), for the branch and every committee above it (the org in
 * the query is the one the reader came through). Photos load for the branch's cadres and the
 * admins of its chain; the branch's operators and admins above correct it.
 */
export default function OrgLifeRecordPage() {
  const allowed = useRequireLogin();
  const params = usePageParams();
  const orgId = params.orgId ?? '';
  const recordId = params.recordId ?? '';
  const rec = useAsync(allowed && orgId && recordId ? () => fetchOrgLifeRecord(orgId, recordId) : null, [allowed, orgId, recordId]);
  useDidShow(() => {
    if (rec.data) void rec.reload();
  });
  if (!allowed) return null;
  const r = rec.data;
  return (
    <View className='cadre-page' data-testid='olr-page'>
      <PageStatus loading={rec.loading && !r} error={rec.error} onRetry={rec.reload} testId='olr'>
        {r ? (
          <>
            <View className='tj-card'>
              <View className='olr-top'>
                <Text className='ol-kind' data-testid='olr-kind'>
                  {kindLabel(r.kind)}
                </Text>
                {r.countsForRule ? (
                  <StatusTag tone={r.rateMet ? 'green' : 'red'} testId='olr-rate-tag'>
                    参与率{r.rateMet ? '达到' : '不足'}50%
                  </StatusTag>
                ) : null}
              </View>
              <Text className='olr-topic' data-testid='olr-topic'>
                {r.topic}
              </Text>
              <View className='olr-line'>
                <Text className='olr-label'>团支部</Text>
                <Text className='olr-value'>{r.branch.name}</Text>
              </View>
              <View className='olr-line'>
                <Text className='olr-label'>日期</Text>
                <Text className='olr-value' data-testid='olr-date'>
                  {r.heldOn}
                </Text>
              </View>
              <View className='olr-line'>
                <Text className='olr-label'>地点</Text>
                <Text className='olr-value'>{r.place}</Text>
              </View>
              <View className='olr-line'>
                <Text className='olr-label'>参与率</Text>
                <Text className='olr-value' data-testid='olr-rate'>
                  {r.attendeeCount} / {r.memberCount} 人（{r.ratePercent}%）
                </Text>
              </View>
              {r.note ? <Text className='olr-note'>{r.note}</Text> : null}
            </View>
            <View className='tj-card'>
              <Text className='cadre-card__title'>参加人员（{r.attendees.length} 人）</Text>
              <View className='olr-people' data-testid='olr-attendees'>
                {r.attendees.map((a) => (
                  <Text key={a.memberId} className='olr-person'>
                    {a.name}
                  </Text>
                ))}
              </View>
            </View>
            {r.photos.length ? (
              <View className='tj-card'>
                <Text className='cadre-card__title'>照片（{r.photos.length} 张）</Text>
                <View className='olr-photos'>
                  {r.photos.map((p, i) => (
                    <View key={p.fileId} className='olr-photo'>
                      <PrivateImage url={p.url} testId={`olr-photo-${i}`} />
                    </View>
                  ))}
                </View>
              </View>
            ) : null}
            <Text className='cadre-muted olr-meta'>
              录入于 {chinaDateTime(r.createdAt)}
              {r.updatedAt !== r.createdAt ? `，最后修改于 ${chinaDateTime(r.updatedAt)}` : ''}
            </Text>
            {r.canEdit ? (
              <View className='cadre-actions'>
                <Button block fill='outline' onClick={() => void Taro.navigateTo({ url: withQuery(Routes.cadreOrgLifeForm, { orgId: r.branch.id, recordId: r.id }) })} data-testid='olr-edit'>
                  修改记录
                </Button>
              </View>
            ) : null}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
