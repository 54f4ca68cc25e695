import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { chinaDateTime } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { PageStatus } from '../../../components/page-status';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { usePageParams } from '../../../hooks/use-page-params';
import { Routes, withQuery } from '../../../routes';
import { toApiError, type ApiError } from '../../../services/api-error';
import { fetchInboxMessages, fetchInboxNotices, fetchUnread, markAllMessagesRead, markMessageRead, type InboxMessage, type InboxNotice, type InboxUnread } from '../../../services/inbox';
import '../../inbox.css';

type Tab = 'notices' | 'messages';

interface List<T> {
  items: T[];
  next: string | null;
  loaded: boolean;
}
const empty = <T,>(): List<T> => ({ items: [], next: null, loaded: false });

/** A message's page: its route with its params as the query (a route the server wrote, see shared MessagePages). */
const pageOf = (m: InboxMessage): string | null => {
  if (!m.route) return null;
  const q = Object.entries(m.params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return q ? `${m.route}?${q}` : m.route;
};

/**
 * 消息中心 (issue 17 part 3): 工作通知 from the committees above (unread first in bold, a red
 * dot) and 消息 — the product's own news (审核结果, 实名核验, 转接进度, 档案审批 …); a message
 * opens its page and is marked read.
 */
export default function InboxPage() {
  const allowed = useRequireLogin();
  const params = usePageParams();
  const [tab, setTab] = useState<Tab>(params.tab === 'messages' ? 'messages' : 'notices');
  const [unread, setUnread] = useState<InboxUnread | null>(null);
  const [notices, setNotices] = useState<List<InboxNotice>>(empty);
  const [messages, setMessages] = useState<List<InboxMessage>>(empty);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const load = async (which: Tab, before?: string) => {
    setLoading(true);
    setError(null);
    try {
      if (which === 'notices') {
        const page = await fetchInboxNotices(before);
        setNotices((old) => ({ items: before ? [...old.items, ...page.items] : page.items, next: page.nextBefore, loaded: true }));
      } else {
        const page = await fetchInboxMessages(before);
        setMessages((old) => ({ items: before ? [...old.items, ...page.items] : page.items, next: page.nextBefore, loaded: true }));
      }
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setLoading(false);
    }
  };
  const refresh = () => {
    if (!allowed) return;
    void fetchUnread().then(setUnread, () => undefined);
    void load(tab);
  };

  // reload when the tab changes
  useEffect(refresh, [allowed, tab]);
  useDidShow(() => {
    // back from a notice: its read state and the counts changed
    if (notices.loaded || messages.loaded) refresh();
  });

  const openMessage = async (m: InboxMessage) => {
    if (!m.read) {
      setMessages((old) => ({ ...old, items: old.items.map((i) => (i.id === m.id ? { ...i, read: true } : i)) }));
      void markMessageRead(m.id).then(
        (r) => setUnread(r.unread),
        () => undefined,
      );
    }
    const url = pageOf(m);
    if (url) void Taro.navigateTo({ url }).catch(() => undefined);
  };

  const readAll = async () => {
    try {
      setUnread((await markAllMessagesRead()).unread);
      setMessages((old) => ({ ...old, items: old.items.map((i) => ({ ...i, read: true })) }));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  if (!allowed) return null;
  const list = tab === 'notices' ? notices : messages;
  const title = (label: string, n?: number) => (n ? `${label}（${n}）` : label);

  return (
    <View className='inbox-page' data-testid='inbox-page'>
      <View className='inbox-tabs' data-testid='inbox-tabs'>
        {(['notices', 'messages'] as const).map((t) => (
          <View key={t} className={`inbox-tab${tab === t ? ' inbox-tab--active' : ''}`} onClick={() => setTab(t)} data-testid={`inbox-tab-${t}`}>
            <Text>{t === 'notices' ? title('工作通知', unread?.notices) : title('消息', unread?.messages)}</Text>
          </View>
        ))}
      </View>
      <PageStatus loading={!list.loaded && loading} error={list.loaded ? null : error} onRetry={() => void load(tab)} testId='inbox-list'>
        {list.loaded && list.items.length === 0 ? (
          <EmptyState
            title={tab === 'notices' ? '暂无工作通知' : '暂无消息'}
            description={tab === 'notices' ? '上级团组织发布的工作通知会显示在这里' : '报到审核、实名核验、组织关系转接等结果会显示在这里'}
          />
        ) : null}
        {tab === 'messages' && (unread?.messages ?? 0) > 0 ? (
          <View className='inbox-toolbar'>
            <Text className='inbox-link' onClick={() => void readAll()} data-testid='inbox-read-all'>
              全部标为已读
            </Text>
          </View>
        ) : null}
        {list.items.length > 0 ? (
          <View className='tj-card inbox-list'>
            {tab === 'notices'
              ? notices.items.map((n) => (
                  <View
                    key={n.id}
                    className='tj-list-row inbox-row'
                    onClick={() => void Taro.navigateTo({ url: withQuery(Routes.inboxNotice, { id: n.id }) })}
                    data-testid={`inbox-notice-${n.id}`}
                  >
                    <View className='inbox-row__head'>
                      {n.read ? null : <View className='inbox-dot' data-testid={`inbox-notice-${n.id}-unread`} />}
                      <Text className={`inbox-row__title${n.read ? '' : ' inbox-row__title--unread'}`}>{n.title}</Text>
                    </View>
                    <View className='inbox-row__meta'>
                      <Text>{n.orgName}</Text>
                      <Text>
                        {n.attachmentCount ? `附件${n.attachmentCount}  ` : ''}
                        {chinaDateTime(n.publishedAt)}
                      </Text>
                    </View>
                  </View>
                ))
              : messages.items.map((m) => (
                  <View key={m.id} className='tj-list-row inbox-row' onClick={() => void openMessage(m)} data-testid={`inbox-message-${m.id}`}>
                    <View className='inbox-row__head'>
                      {m.read ? null : <View className='inbox-dot' />}
                      <Text className={`inbox-row__title${m.read ? '' : ' inbox-row__title--unread'}`}>{m.title}</Text>
                    </View>
                    {m.body ? <Text className='inbox-row__body'>{m.body}</Text> : null}
                    <View className='inbox-row__meta'>
                      <Text className='inbox-kind'>{m.kindLabel}</Text>
                      <Text>
                        {chinaDateTime(m.createdAt)}
                        {m.route ? '  查看 ›' : ''}
                      </Text>
                    </View>
                  </View>
                ))}
          </View>
        ) : null}
        {list.loaded && error ? <View className='inbox-error'>{error.message}</View> : null}
        {list.next ? (
          <View className='inbox-actions'>
            <Button block loading={loading} onClick={() => void load(tab, list.next ?? undefined)} data-testid='inbox-more'>
              加载更多
            </Button>
          </View>
        ) : null}
      </PageStatus>
    </View>
  );
}
