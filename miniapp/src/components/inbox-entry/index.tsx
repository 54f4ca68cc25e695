import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Routes } from '../../routes';
import { fetchUnread } from '../../services/inbox';
import './index.css';

/**
 * 消息中心 on the member home, the cadre 工作台 and the admin home (issue 17 part 3): one row
 * with the unread badge (工作通知 + 站内信), refreshed whenever the page shows again.
 */
export function InboxEntry({ testId = 'inbox-entry' }: { testId?: string }) {
  const [unread, setUnread] = useState<number | null>(null);
  const refresh = () =>
    void fetchUnread().then(
      (u) => setUnread(u.total),
      () => undefined,
    );
  useEffect(refresh, []);
  useDidShow(refresh);

  return (
    <View className='tj-card inbox-entry' onClick={() => void Taro.navigateTo({ url: Routes.inbox })} data-testid={testId}>
      <Text className='inbox-entry__icon'>信</Text>
      <View className='inbox-entry__main'>
        <Text className='inbox-entry__title'>消息中心</Text>
        <Text className='inbox-entry__desc'>工作通知、审核结果与转接进度</Text>
      </View>
      {unread ? (
        <Text className='inbox-entry__badge' data-testid={`${testId}-badge`}>
          {unread > 99 ? '99+' : unread}
        </Text>
      ) : null}
      <Text className='inbox-entry__arrow'>›</Text>
    </View>
  );
}
