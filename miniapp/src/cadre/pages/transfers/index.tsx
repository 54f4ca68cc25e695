import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { canBatchTransfer, isKeyOf, OrgTypes } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { TransferCard } from '../../../components/transfer-card';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery, type Route } from '../../../routes';
import { fetchOrgTransfers, type TransferBox } from '../../../services/transfers';
import { useTransferOrg } from '../../use-transfer-org';
import { OrgSwitch } from '../../components/org-switch';
import '../../cadre.css';

const TABS: { box: TransferBox; label: string }[] = [
  { box: 'waiting', label: '待办理' },
  { box: 'in', label: '转入' },
  { box: 'out', label: '转出' },
];

/**
 * The org's transfers (§7.2–7.3): 待办理 (steps this org holds, or its direct subordinate's
 * it may act for), transfers in, transfers out; and the tools 办理转入 / 办理转出 /
 * 组织关系批量接转 (基层团委、团工委、团总支 only) / 逾期.
 */
export default function TransfersPage() {
  const { allowed, orgId, org, params } = useTransferOrg();
  const [box, setBox] = useState<TransferBox>(isKeyOf({ waiting: 1, in: 1, out: 1 }, params.box ?? '') ? (params.box as TransferBox) : 'waiting');
  const lists = useAsync(
    allowed && orgId ? async () => Object.fromEntries(await Promise.all(TABS.map(async (t) => [t.box, (await fetchOrgTransfers(orgId, t.box, null, 50)).items] as const))) : null,
    [allowed, orgId],
  );

  useDidShow(() => {
    if (lists.data) void lists.reload();
  });

  if (!allowed) return null;
  const go = (route: Route, q: Record<string, string> = {}) => void Taro.navigateTo({ url: withQuery(route, { orgId, ...q }) });
  const type = org.data?.type ?? '';
  const items = lists.data?.[box] ?? [];

  return (
    <View className='cadre-page' data-testid='transfers-page'>
      <OrgSwitch org={org.data ?? null} />
      {org.data ? <OrgHeader org={org.data} subtitle='组织关系转接' /> : null}
      <View className='tr-tools'>
        <View className='tr-tool' onClick={() => go(Routes.cadreTransferIn)} data-testid='transfers-in-entry'>
          办理转入
          <Text className='tr-tool__sub'>按姓名和身份证号查找</Text>
        </View>
        <View className='tr-tool' onClick={() => go(Routes.cadreTransferOut)} data-testid='transfers-out-entry'>
          办理转出
          <Text className='tr-tool__sub'>选择本组织团员</Text>
        </View>
        {isKeyOf(OrgTypes, type) && canBatchTransfer(type) ? (
          <View className='tr-tool' onClick={() => go(Routes.cadreBatchTransfer)} data-testid='transfers-batch-entry'>
            组织关系批量接转
            <Text className='tr-tool__sub'>下级团支部之间，一次最多30人</Text>
          </View>
        ) : null}
        <View className='tr-tool' onClick={() => go(Routes.cadreOverdue)} data-testid='transfers-overdue-entry'>
          逾期
          <Text className='tr-tool__sub'>下级组织超过7天未办理</Text>
        </View>
      </View>
      <View className='tr-tabs'>
        {TABS.map((t) => (
          <View key={t.box} className={`tr-tab${box === t.box ? ' tr-tab--on' : ''}`} onClick={() => setBox(t.box)} data-testid={`transfers-tab-${t.box}`}>
            {t.label}
            {lists.data ? `（${lists.data[t.box]?.length ?? 0}）` : ''}
          </View>
        ))}
      </View>
      <PageStatus loading={lists.loading && !lists.data} error={lists.error} onRetry={lists.reload} testId='transfers'>
        {items.length === 0 ? (
          <EmptyState title={box === 'waiting' ? '没有待办理的组织关系转接' : '暂无记录'} />
        ) : (
          items.map((t) => (
            <TransferCard
              key={t.id}
              t={t}
              testId={`transfers-item-${t.id}`}
              onClick={() => go(Routes.cadreTransfer, { transferId: t.id })}
              extra={
                t.actionable ? (
                  <Text className='cadre-link'>
                    {t.actionable === 'out' ? '待转出审批' : '待转入审批'}
                    {t.actingFor ? `（代${t.actingFor.name}办理）` : ''} ›
                  </Text>
                ) : null
              }
            />
          ))
        )}
      </PageStatus>
    </View>
  );
}
