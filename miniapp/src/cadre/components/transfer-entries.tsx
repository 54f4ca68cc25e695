import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useAsync } from '../../hooks/use-async';
import { Routes, withQuery } from '../../routes';
import { fetchTaskCounts } from '../../services/tasks';

/**
 * 转接办理 and 操作中心 on the cadre home / dashboard, with the counters of GET
 * /orgs/:id/tasks/counts (§10 dashboard counters: transfers awaiting the org).
 */
export function TransferEntries({ orgId }: { orgId: string }) {
  const counts = useAsync(orgId ? () => fetchTaskCounts(orgId) : null, [orgId]);
  useDidShow(() => {
    if (counts.data) void counts.reload();
  });
  const c = counts.data;
  const go = (url: string) => void Taro.navigateTo({ url });
  const transfers = c ? c.transferIn + c.transferOut : null;
  return (
    <View className='tj-card tr-entries' data-testid='transfer-entries'>
      <View className='tr-entry' onClick={() => go(withQuery(Routes.cadreTransfers, { orgId }))} data-testid='cadre-transfers-entry'>
        <Text className='tr-entry__num' data-testid='cadre-transfers-count'>
          {transfers ?? '–'}
        </Text>
        <Text className='tr-entry__name'>转接办理</Text>
        <Text className='cadre-muted'>待审批的组织关系转接</Text>
      </View>
      <View className='tr-entry' onClick={() => go(withQuery(Routes.cadreTasks, { orgId }))} data-testid='cadre-tasks-entry'>
        <Text className='tr-entry__num' data-testid='cadre-tasks-count'>
          {c?.total ?? '–'}
        </Text>
        <Text className='tr-entry__name'>操作中心</Text>
        <Text className='cadre-muted'>全部待办事项</Text>
      </View>
    </View>
  );
}
