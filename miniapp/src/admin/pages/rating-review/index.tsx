import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Checkbox } from '@nutui/nutui-react-taro';
import { chinaDateTime, type RatingLevel, type RatingReviewList } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { FormError } from '../../../components/form-field/errors';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { LevelTag, levelLabel, RatingStatusTag, StarPicker } from '../../../components/rating';
import { useAsync } from '../../../hooks/use-async';
import { toApiError } from '../../../services/api-error';
import { fetchRatingReviews, reviewRatings } from '../../../services/ratings';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

type Item = RatingReviewList['items'][number];
const TABS = [
  { key: 'waiting', label: '待复核' },
  { key: 'all', label: '全部' },
  { key: 'rectification', label: '重点整顿' },
] as const;
type Tab = (typeof TABS)[number]['key'];

const inTab = (tab: Tab, i: Item) => (tab === 'all' ? true : tab === 'rectification' ? Boolean(i.rating?.rectification) : i.rating?.status === 'rated' || i.rating?.status === 'rerated');

/**
 * 上级复核 [004 §二(五)1(2)]: the committee's 团总支 / 团支部 (不含团委、团工委); tick those to review, pick a
 * star. A re-rating after 不予定级 is marked in red; the review may change until 12-31 12:00.
 */
export default function RatingReviewPage() {
  const { allowed, orgId, org } = useOrgPage();
  const list = useAsync(allowed && orgId ? () => fetchRatingReviews(orgId) : null, [allowed, orgId]);
  const [tab, setTab] = useState<Tab>('waiting');
  const [selected, setSelected] = useState<string[]>([]);
  const [picking, setPicking] = useState(false);
  const [level, setLevel] = useState<RatingLevel | ''>('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  if (!allowed) return null;
  const data = list.data;
  const items = (data?.items ?? []).filter((i) => inTab(tab, i));
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  const submit = async () => {
    if (!level) return setError('请选择星级');
    setBusy(true);
    setError('');
    try {
      list.setData(await reviewRatings(orgId, selected, level));
      setNotice(`已将 ${selected.length} 个团组织复核为“${levelLabel(level)}”`);
      setSelected([]);
      setPicking(false);
      setLevel('');
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='admin-page rr-page' data-testid='rating-review-page'>
      <PageStatus loading={org.loading || (list.loading && !data)} error={org.error ?? list.error} onRetry={list.reload} testId='rating-review'>
        {org.data && data ? (
          <>
            <OrgHeader org={org.data} subtitle={`${data.year} 年度对标定级 · 上级复核`} />
            <View className='admin-notice'>
              {data.locked ? '本年度复核结果已锁定，不能再修改。' : `勾选团组织后选择星级完成复核；${chinaDateTime(data.lockAt)} 前可修改复核结果。标红的为整改后重新自评的团组织。`}
            </View>
            {notice ? (
              <View className='rr-ok' data-testid='rr-notice'>
                {notice}
              </View>
            ) : null}
            <View className='rr-tabs'>
              {TABS.map((t) => (
                <Text key={t.key} className={`rr-tab${tab === t.key ? ' rr-tab--on' : ''}`} onClick={() => setTab(t.key)} data-testid={`rr-tab-${t.key}`}>
                  {t.label} {(data.items ?? []).filter((i) => inTab(t.key, i)).length}
                </Text>
              ))}
            </View>
            {items.length === 0 ? <EmptyState title={tab === 'rectification' ? '没有列入重点整顿的团组织' : '暂无待复核的自评'} description='下级团（总）支部提交自评后在此复核' /> : null}
            {items.map((i) => {
              const r = i.rating;
              const changed = r?.status === 'rerated';
              return (
                <View key={i.org.id} className={`rr-item${changed ? ' rr-item--changed' : ''}`} data-testid={`rr-org-${i.org.id}`}>
                  <View className='rr-item__check'>
                    <Checkbox checked={selected.includes(i.org.id)} disabled={!r || data.locked} onChange={(on) => toggle(i.org.id, on)} data-testid={`rr-check-${i.org.id}`} />
                  </View>
                  <View className='rr-item__body'>
                    <Text className='rr-item__name'>{i.org.alias || i.org.shortName}</Text>
                    {i.org.parentId !== orgId && i.org.pathNames.length > 0 ? <Text className='admin-muted rr-line'>{i.org.pathNames[i.org.pathNames.length - 1]}</Text> : null}
                    <View className='rr-item__tags'>
                      <Text className='admin-muted'>自评</Text>
                      <LevelTag level={r?.selfLevel ?? null} testId={`rr-self-${i.org.id}`} />
                      <Text className='admin-muted'>复核</Text>
                      {r?.reviewLevel ? <LevelTag level={r.reviewLevel} testId={`rr-review-${i.org.id}`} /> : <Text className='admin-muted'>—</Text>}
                    </View>
                    <View className='rr-item__tags'>
                      <RatingStatusTag status={r?.status ?? 'notRated'} testId={`rr-status-${i.org.id}`} />
                      {r?.rectification ? <Text className='rr-flag'>重点整顿</Text> : null}
                    </View>
                  </View>
                </View>
              );
            })}
          </>
        ) : null}
      </PageStatus>

      {data && !data.locked ? (
        <View className='rr-bar'>
          {picking ? (
            <View data-testid='rr-form'>
              <Text className='rr-bar__title'>将已选的 {selected.length} 个团组织复核为</Text>
              <StarPicker value={level} onChange={setLevel} testId='rr-pick' />
              <FormError message={error} testId='rr-error' />
              <View className='admin-actions rr-actions'>
                <Button onClick={() => setPicking(false)} data-testid='rr-cancel'>
                  取消
                </Button>
                <Button type='primary' loading={busy} disabled={!level} onClick={() => void submit()} data-testid='rr-submit'>
                  确定复核
                </Button>
              </View>
            </View>
          ) : (
            <View className='rr-bar__row'>
              <Text className='admin-muted'>已选 {selected.length} 个</Text>
              <Button type='primary' disabled={selected.length === 0} onClick={() => setPicking(true)} data-testid='rr-review'>
                复核自评结果
              </Button>
            </View>
          )}
        </View>
      ) : null}
    </View>
  );
}
