import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { TransferCard } from '../../../components/transfer-card';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery } from '../../../routes';
import { formatTime } from '../../../services/review';
import { fetchOverdue, orgPhone } from '../../../services/transfers';
import { useTransferOrg } from '../../use-transfer-org';
import { OrgSwitch } from '../../components/org-switch';
import '../../cadre.css';

const THRESHOLDS = [3, 7, 9];

/**
 * §7.4 / §10 escalation: transfer steps held by orgs of this subtree for days (the second
 * reminder goes at day 7; day 10 returns them), so a superior can chase the holder.
 */
export default function OverduePage() {
  const { allowed, orgId, org } = useTransferOrg();
  const [minDays, setMinDays] = useState(7);
  const list = useAsync(allowed && orgId ? () => fetchOverdue(orgId, minDays) : null, [allowed, orgId, minDays]);
  if (!allowed) return null;
  const items = list.data ?? [];
  return (
    <View className='cadre-page' data-testid='overdue-page'>
      <OrgSwitch org={org.data ?? null} />
      {org.data ? <OrgHeader org={org.data} subtitle='下级组织逾期未办理的组织关系转接' /> : null}
      <View className='tr-tabs'>
        {THRESHOLDS.map((d) => (
          <View key={d} className={`tr-tab${minDays === d ? ' tr-tab--on' : ''}`} onClick={() => setMinDays(d)} data-testid={`overdue-days-${d}`}>
            超过{d}天
          </View>
        ))}
      </View>
      <PageStatus loading={list.loading && !list.data} error={list.error} onRetry={list.reload} testId='overdue'>
        {items.length === 0 ? (
          <EmptyState title='没有逾期的转接' description={`下级组织没有超过${minDays}天未办理的组织关系转接`} />
        ) : (
          items.map((t) => (
            <TransferCard
              key={t.id}
              t={t}
              testId={`overdue-item-${t.id}`}
              onClick={() => void Taro.navigateTo({ url: withQuery(Routes.cadreTransfer, { orgId, transferId: t.id }) })}
              extra={
                <View className='tr-kv'>
                  <Text className='tr-kv__k'>待办组织</Text>
                  <View className='tr-kv__v'>
                    <Text className='cadre-text'>{t.heldBy.name}</Text>
                    <Text className='cadre-muted'>
                      {t.heldBy.secretaryName ?? ''} {orgPhone(t.heldBy)}
                    </Text>
                    <StatusTag tone='red'>
                      已等待{t.daysWaiting}天 · {formatTime(t.deadline)}自动退回
                    </StatusTag>
                  </View>
                </View>
              }
            />
          ))
        )}
      </PageStatus>
    </View>
  );
}
