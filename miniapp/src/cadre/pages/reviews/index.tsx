import { useState } from 'react';
import type { MemberFilters } from '@tj/shared';
import { MemberFilterBar, filterParams } from '../../components/member-filters';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Checkbox, Empty } from '@nutui/nutui-react-taro';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { realNameLabel, realNameTone } from '../../../labels/checkin';
import { batchApprove, canBatchApprove, fetchReviewQueue, formatTime, type BatchApproveResult, type ReviewItem } from '../../../services/review';
import { OrgSwitch } from '../../components/org-switch';
import { useCurrentOrg } from '../../use-current-org';
import '../../cadre.css';
import './index.css';

/**
 * 资料审核 queue of the current org: who is waiting (masked ID, §9), since when, and the
 * real-name state; tick those whose real-name check passed for 批量审核.
 */
export default function ReviewsPage() {
  const { allowed, orgId, org } = useCurrentOrg();
  // 001 annex 2: the review list filters by check-in state, real-name state, 学历 and branch
  const [filters, setFilters] = useState<MemberFilters>({});
  const [branchName, setBranchName] = useState('');
  const params = filterParams(filters);
  const paramsKey = JSON.stringify(params);
  const queue = useAsync(allowed && orgId ? () => fetchReviewQueue(orgId, null, 50, params) : null, [allowed, orgId, paramsKey]);
  const [more, setMore] = useState<ReviewItem[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [selected, setSelected] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<BatchApproveResult | null>(null);
  const [error, setError] = useState('');

  const reload = async () => {
    setMore([]);
    setCursor(undefined);
    setSelected([]);
    await queue.reload();
  };

  useDidShow(() => {
    if (queue.data) void reload();
  });

  if (!allowed) return null;

  const items = [...(queue.data?.items ?? []), ...more];
  const next = cursor === undefined ? (queue.data?.nextCursor ?? null) : cursor;
  const eligible = items.filter(canBatchApprove).map((i) => i.id);

  const loadMore = async () => {
    if (!next) return;
    try {
      const page = await fetchReviewQueue(orgId, next, 50, params);
      setMore((m) => [...m, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(toApiError(e).message);
    }
  };

  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...new Set([...s, id])] : s.filter((x) => x !== id)));

  const approveSelected = async () => {
    setError('');
    try {
      setResult(await batchApprove(orgId, selected));
      setConfirming(false);
      await reload();
    } catch (e) {
      setConfirming(false);
      setError(toApiError(e).message);
    }
  };

  return (
    <View className='cadre-page' data-testid='reviews-page'>
      <OrgSwitch org={org} />
      <View className='reviews-head'>
        <Text className='reviews-head__org'>{org ? org.alias || org.shortName : ''}</Text>
        <Text className='cadre-muted' data-testid='reviews-total'>
          待审核 {queue.data?.total ?? 0} 人
        </Text>
      </View>
      <MemberFilterBar
        value={filters}
        onChange={(f) => {
          setMore([]);
          setCursor(undefined);
          setSelected([]);
          setFilters(f);
        }}
        branchName={branchName}
        statuses={['submitted', 'editSubmitted']}
        testId='reviews-filters'
      />

      {result ? (
        <View className={`cadre-notice${result.skipped.length ? '' : ' cadre-notice--ok'}`} data-testid='reviews-batch-result'>
          <Text>已审核通过 {result.approved.length} 人</Text>
          {result.skipped.map((s) => (
            <Text key={s.id} className='reviews-skipped'>
              {items.find((i) => i.id === s.id)?.name ?? s.id}：{s.message}
            </Text>
          ))}
        </View>
      ) : null}
      {error ? (
        <View className='tj-form-error' data-testid='reviews-error'>
          {error}
        </View>
      ) : null}

      <PageStatus loading={queue.loading && !queue.data} error={queue.error} onRetry={queue.reload} testId='reviews'>
        {items.length === 0 ? <Empty title='暂无待审核的报到资料' description='团员提交报到或修改资料后会出现在这里' /> : null}
        {items.map((item) => {
          const batchable = canBatchApprove(item);
          return (
            <View key={item.id} className='reviews-item' data-testid={`review-item-${item.id}`}>
              <View className='reviews-item__check'>
                <Checkbox checked={selected.includes(item.id)} disabled={!batchable} onChange={(on) => toggle(item.id, on)} data-testid={`review-check-${item.id}`} />
              </View>
              <View
                className='reviews-item__body'
                onClick={() => void Taro.navigateTo({ url: withQuery(Routes.cadreReview, { orgId, checkinId: item.id }) })}
                data-testid={`review-open-${item.id}`}
              >
                <View className='reviews-item__top'>
                  <Text className='reviews-item__name'>{item.name}</Text>
                  <StatusTag tone={item.kind === 'edit' ? 'orange' : 'blue'}>{item.kind === 'edit' ? '修改资料' : '报到'}</StatusTag>
                  <StatusTag tone={realNameTone(item.realNameStatus)} testId={`review-realname-${item.id}`}>
                    实名：{realNameLabel(item.realNameStatus)}
                  </StatusTag>
                </View>
                <Text className='cadre-muted'>{item.idNumberMasked}</Text>
                <Text
                  className='cadre-muted cadre-link'
                  onClick={(e) => {
                    // 只看该支部: the branch filter of 001 annex 2, as in the member list
                    e.stopPropagation();
                    setBranchName(item.branchName);
                    setMore([]);
                    setCursor(undefined);
                    setSelected([]);
                    setFilters((f) => ({ ...f, branchId: item.branchId }));
                  }}
                  data-testid={`review-branch-${item.id}`}
                >
                  {item.branchName}
                </Text>
                <Text className='cadre-muted'>提交于 {formatTime(item.submittedAt)}</Text>
              </View>
              <Text className='reviews-item__arrow'>›</Text>
            </View>
          );
        })}
        {next ? (
          <View className='cadre-actions'>
            <Button size='small' onClick={loadMore} data-testid='reviews-more'>
              加载更多
            </Button>
          </View>
        ) : null}
      </PageStatus>

      <View className='reviews-bar'>
        <Checkbox
          checked={eligible.length > 0 && eligible.every((id) => selected.includes(id))}
          disabled={eligible.length === 0}
          onChange={(on) => setSelected(on ? eligible : [])}
          data-testid='reviews-select-all'
        >
          全选（实名已通过）
        </Checkbox>
        <Button type='primary' disabled={selected.length === 0} onClick={() => setConfirming(true)} data-testid='reviews-batch'>
          批量审核{selected.length ? `（${selected.length}）` : ''}
        </Button>
      </View>

      <ConfirmDialog
        visible={confirming}
        title='批量审核'
        content={`确定审核通过选中的 ${selected.length} 份报到资料吗？`}
        confirmText='审核通过'
        onConfirm={approveSelected}
        onClose={() => setConfirming(false)}
      />
    </View>
  );
}
