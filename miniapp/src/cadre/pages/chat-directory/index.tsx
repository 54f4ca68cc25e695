import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { ChatContact } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { usePageParams } from '../../../hooks/use-page-params';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { fetchDirectory, openDirect } from '../../../services/chat';
import { initial } from '../../chat-format';
import '../../cadre.css';
import '../../chat.css';

/**
 * §6.6 通讯录: search the province's onboarded cadres by name, org or position, or browse
 * down the org tree; a cadre's card opens the one-to-one conversation. §9: phones are masked
 * except for the cadres of the contact's own org chain.
 */
export default function ChatDirectoryPage() {
  const loggedIn = useRequireLogin();
  const params = usePageParams();
  const [orgId, setOrgId] = useState(params.orgId ?? '');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [opening, setOpening] = useState(false);

  // search as one types, a moment after the last key
  useEffect(() => {
    const t = setTimeout(() => setQuery(q.trim()), 300);
    return () => clearTimeout(t);
  }, [q]);

  const dir = useAsync(loggedIn ? () => fetchDirectory({ q: query, orgId: query ? '' : orgId }) : null, [loggedIn, query, orgId]);

  if (!loggedIn) return null;

  const open = async (c: ChatContact) => {
    if (opening) return;
    setOpening(true);
    try {
      const conv = await openDirect(c.userId);
      await Taro.navigateTo({ url: withQuery(Routes.cadreChatConversation, { id: conv.id }) });
    } catch (e) {
      void Taro.showToast({ title: toApiError(e).message, icon: 'none' });
    } finally {
      setOpening(false);
    }
  };

  const d = dir.data;
  return (
    <View className='cadre-page' data-testid='chat-directory'>
      <View className='chat-toolbar'>
        <Input className='chat-search' value={q} placeholder='搜索姓名、组织或职务' confirmType='search' onInput={(e) => setQ(e.detail.value)} data-testid='chat-directory-search' />
      </View>
      {!query && d?.org ? (
        <View className='chat-crumbs' data-testid='chat-directory-crumbs'>
          <Text className='chat-crumb' onClick={() => setOrgId('')}>
            全部
          </Text>
          {[...d.org.pathNames, d.org.name].map((name, i, all) => (
            <Text key={`${i}-${name}`} className={i < all.length - 1 ? 'chat-crumb' : undefined}>
              › {name}
            </Text>
          ))}
          {d.org.parentId ? (
            <Text className='chat-crumb' onClick={() => setOrgId(d.org?.parentId ?? '')} data-testid='chat-directory-up'>
              （上一级）
            </Text>
          ) : null}
        </View>
      ) : null}
      <PageStatus loading={dir.loading && !d} error={dir.error} onRetry={() => void dir.reload()} testId='chat-directory'>
        {d ? (
          <>
            {d.items.length > 0 ? (
              <>
                <View className='chat-section'>{query ? `搜索结果（${d.items.length}）` : '本组织团干部'}</View>
                <View className='chat-list'>
                  {d.items.map((c) => (
                    <View key={`${c.userId}-${c.orgId}`} className='tj-list-row chat-row' onClick={() => void open(c)} data-testid={`chat-contact-${c.userId}`}>
                      <View className='chat-avatar'>{initial(c.name)}</View>
                      <View className='chat-row__main'>
                        <View className='chat-row__top'>
                          <Text className='chat-row__title'>{c.name}</Text>
                          <Text className='chat-row__time'>{c.position}</Text>
                        </View>
                        <Text className='chat-row__preview'>{[...c.pathNames.slice(-2), c.orgName].join(' › ')}</Text>
                        <Text className='cadre-muted'>手机 {c.phone}</Text>
                      </View>
                    </View>
                  ))}
                </View>
              </>
            ) : query ? (
              <EmptyState title='没有找到' description='换个姓名、组织或职务试试（只显示已入驻的团干部）' />
            ) : null}
            {!query && d.orgs.length > 0 ? (
              <>
                <View className='chat-section'>{d.org ? '下级组织' : '组织'}</View>
                <View className='chat-list'>
                  {d.orgs.map((o) => (
                    <View key={o.id} className='tj-list-row chat-row' onClick={() => setOrgId(o.id)} data-testid={`chat-directory-org-${o.id}`}>
                      <View className='chat-row__main'>
                        <Text className='chat-row__title'>{o.name}</Text>
                      </View>
                      <Text className='chat-arrow'>›</Text>
                    </View>
                  ))}
                </View>
              </>
            ) : null}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
