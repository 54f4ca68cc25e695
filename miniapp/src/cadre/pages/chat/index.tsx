import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EmptyState } from '../../../components/empty-state';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes, withQuery } from '../../../routes';
import { useAppStore } from '../../../stores';
import { loadConversations, startChat, useChatStore } from '../../chat-store';
import { chatPreview, chatTime, initial } from '../../chat-format';
import '../../cadre.css';
import '../../chat.css';

/** §6.6 团干会话: one-to-ones and the org groups, the latest first, with unread counts. */
export default function ChatListPage() {
  const loggedIn = useRequireLogin();
  const conversations = useChatStore((s) => s.conversations);
  const status = useChatStore((s) => s.status);
  const myId = useAppStore((s) => s.user?.id ?? '');
  const list = useAsync(loggedIn ? () => loadConversations() : null, [loggedIn]);

  useDidShow(() => {
    if (!loggedIn) return;
    startChat();
    if (list.data) void loadConversations().catch(() => undefined);
  });

  if (!loggedIn) return null;
  const notCadre = list.error?.code === 'CHAT_NOT_CADRE';

  return (
    <View className='cadre-page' data-testid='chat-list'>
      {status === 'offline' ? (
        <View className='chat-status' data-testid='chat-offline'>
          网络不可用，消息将在恢复后收发
        </View>
      ) : null}
      {notCadre ? (
        <View data-testid='chat-not-cadre'>
          <EmptyState title='暂不可用' description={list.error?.message} />
        </View>
      ) : (
        <>
          <View className='chat-toolbar'>
            <View className='chat-search' onClick={() => void Taro.navigateTo({ url: Routes.cadreChatDirectory })} data-testid='chat-open-directory'>
              <Text className='chat-search__hint'>搜索团干部（姓名、组织、职务）</Text>
            </View>
            <Button className='chat-toolbar__btn' size='small' type='primary' fill='outline' onClick={() => void Taro.navigateTo({ url: Routes.cadreChatDirectory })}>
              通讯录
            </Button>
          </View>
          <PageStatus loading={list.loading && conversations.length === 0} error={list.error} onRetry={() => void list.reload()} testId='chat-list'>
            {conversations.length === 0 ? (
              <EmptyState title='还没有会话' description='在通讯录中找到团干部，发起会话' />
            ) : (
              <View className='chat-list'>
                {conversations.map((c) => (
                  <View
                    key={c.id}
                    className='tj-list-row chat-row'
                    onClick={() => void Taro.navigateTo({ url: withQuery(Routes.cadreChatConversation, { id: c.id }) })}
                    data-testid={`chat-conv-${c.kind === 'direct' ? `user-${c.peerUserId}` : `org-${c.orgId}`}`}
                  >
                    <View className={`chat-avatar${c.kind === 'group' ? ' chat-avatar--group' : ''}`}>{c.kind === 'group' ? '群' : initial(c.title)}</View>
                    <View className='chat-row__main'>
                      <View className='chat-row__top'>
                        <Text className='chat-row__title'>{c.title}</Text>
                        <Text className='chat-row__time'>{chatTime(c.lastMessageAt)}</Text>
                      </View>
                      <View className='chat-row__top'>
                        <Text className='chat-row__preview' style={{ flex: 1, minWidth: 0 }}>
                          {chatPreview(c.lastMessage, myId, c.kind === 'group')}
                        </Text>
                        {c.unread > 0 ? (
                          <Text className='tj-badge' data-testid='chat-conv-unread'>
                            {c.unread > 99 ? '99+' : c.unread}
                          </Text>
                        ) : null}
                      </View>
                    </View>
                  </View>
                ))}
              </View>
            )}
          </PageStatus>
        </>
      )}
    </View>
  );
}
