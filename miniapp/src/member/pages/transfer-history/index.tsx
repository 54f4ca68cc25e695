import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EmptyState } from '../../../components/empty-state';
import { PageStatus } from '../../../components/page-status';
import { TransferCard } from '../../../components/transfer-card';
import { TransferSteps } from '../../../components/transfer-steps';
import { useAsync } from '../../../hooks/use-async';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes, withQuery } from '../../../routes';
import { fetchMyTransfers } from '../../../services/transfers';
import '../../member.css';
import './index.css';

/** §7.2 我的组织关系转接历史: every transfer, newest first, with both sides' steps. */
export default function TransferHistoryPage() {
  const allowed = useRequireLogin();
  const list = useAsync(allowed ? fetchMyTransfers : null, [allowed]);
  const [open, setOpen] = useState<string | null>(null);

  if (!allowed) return null;
  const items = list.data ?? [];
  return (
    <View className='member-page' data-testid='transfer-history'>
      <PageStatus loading={list.loading} error={list.error} onRetry={list.reload} testId='transfer-history'>
        {items.length === 0 ? (
          <EmptyState title='暂无组织关系转接记录'>
            <Button size='small' type='primary' onClick={() => void Taro.redirectTo({ url: Routes.memberTransferApply })}>
              发起组织关系转接
            </Button>
          </EmptyState>
        ) : (
          items.map((t, i) => (
            <TransferCard
              key={t.id}
              t={t}
              testId={`transfer-history-${i}`}
              onClick={() => setOpen(open === t.id ? null : t.id)}
              extra={
                <>
                  {open === t.id || i === 0 ? (
                    <View className='th-steps'>
                      <TransferSteps steps={t.steps} testId={`transfer-history-${i}-steps`} />
                    </View>
                  ) : (
                    <Text className='th-more'>查看办理记录 ›</Text>
                  )}
                  {open === t.id || i === 0 ? (
                    <Text
                      className='th-more'
                      onClick={(e) => {
                        e.stopPropagation();
                        void Taro.navigateTo({ url: withQuery(Routes.memberTransferProgress, { id: t.id }) });
                      }}
                      data-testid={`transfer-history-${i}-open`}
                    >
                      查看详情与联系方式 ›
                    </Text>
                  ) : null}
                </>
              }
            />
          ))
        )}
      </PageStatus>
    </View>
  );
}
