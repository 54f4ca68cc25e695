import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro';
import { Image, ScrollView, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CHAT_RECALL_WINDOW_MS, CHAT_TEXT_MAX, countChars, type ChatConversation } from '@tj/shared';
import { PageStatus } from '../../../components/page-status';
import { PrivateImage } from '../../../components/private-image';
import { useAsync } from '../../../hooks/use-async';
import { usePageParams } from '../../../hooks/use-page-params';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { toApiError } from '../../../services/api-error';
import { fetchConversation } from '../../../services/chat';
import { chooseImageInWeapp, uploadImage, type PickedFile } from '../../../services/uploads';
import { useAppStore } from '../../../stores';
import { closeConversation, loadOlder, openConversation, outboxMessages, recall, resend, sendMessage, startChat, useChatStore, type LocalMessage } from '../../chat-store';
import { chatTime, initial } from '../../chat-format';
import '../../cadre.css';
import '../../chat.css';

const isH5 = process.env.TARO_ENV !== 'weapp';
const EMPTY: LocalMessage[] = [];

/**
 * §6.6 one conversation: live messages, read state of one's own (one-to-one), recall of one's
 * own within 2 minutes (long press), images, and sending that queues while offline and goes
 * out when the network is back (发送中 → sent; 发送失败 → tap to resend).
 */
export default function ChatConversationPage() {
  const loggedIn = useRequireLogin();
  const { id = '' } = usePageParams();
  const myId = useAppStore((s) => s.user?.id ?? '');
  // before its history has loaded (offline), a conversation shows what waits in the outbox
  const loaded = useChatStore((s) => s.messages[id]);
  const outbox = useChatStore((s) => s.outbox);
  const messages = useMemo(() => loaded ?? (outbox.length ? outboxMessages(outbox, id) : EMPTY), [loaded, outbox, id]);
  const hasOlder = useChatStore((s) => s.hasOlder[id] ?? false);
  const status = useChatStore((s) => s.status);
  const listed = useChatStore((s) => s.conversations.find((c) => c.id === id));
  const [text, setText] = useState('');
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const head = useAsync<ChatConversation>(loggedIn && id ? () => fetchConversation(id) : null, [loggedIn, id]);
  const opened = useAsync(loggedIn && id ? () => openConversation(id) : null, [loggedIn, id]);
  const conv = listed ?? head.data;

  const title = conv?.title;
  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title });
  }, [title]);

  useDidShow(() => {
    if (!loggedIn) return;
    startChat();
    if (opened.data !== undefined) void openConversation(id).catch(() => undefined);
  });
  useDidHide(() => closeConversation(id));
  useUnload(() => closeConversation(id));

  if (!loggedIn) return null;

  const last = messages[messages.length - 1];
  const canSend = text.trim().length > 0 && countChars(text.trim()) <= CHAT_TEXT_MAX;
  const submit = () => {
    if (!canSend) return;
    sendMessage(id, { text });
    setText('');
  };

  const sendImage = async (picked: PickedFile, mime: string, size: number, preview: string) => {
    setUploading(true);
    try {
      const { upload } = await uploadImage(picked, mime, size);
      sendMessage(id, { fileId: upload.fileId, preview });
    } catch (e) {
      void Taro.showToast({ title: toApiError(e).message, icon: 'none' });
    } finally {
      setUploading(false);
    }
  };
  const pickImage = async () => {
    if (isH5) return fileInput.current?.click();
    try {
      const img = await chooseImageInWeapp();
      await sendImage(img.picked, img.mime, img.size, img.preview);
    } catch {
      // closing the chooser is not an error
    }
  };
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void sendImage({ kind: 'web', file }, file.type, file.size, URL.createObjectURL(file));
  };

  const onLongPress = (m: LocalMessage) => {
    if (m.senderId !== myId || m.seq === 0 || m.recalled) return;
    if (Date.now() - new Date(m.createdAt).getTime() > CHAT_RECALL_WINDOW_MS) {
      void Taro.showToast({ title: '只能撤回2分钟内发送的消息', icon: 'none' });
      return;
    }
    void Taro.showActionSheet({ itemList: ['撤回'] })
      .then(() => recall(m.id))
      .catch((e: unknown) => {
        if (e && typeof e === 'object' && 'code' in e) void Taro.showToast({ title: toApiError(e).message, icon: 'none' });
      });
  };

  const group = conv?.kind === 'group';
  // A failed load hides nothing there is to show: the messages already here (from the list's
  // sync, or written offline and waiting in the outbox) stay, with a bar to load again. Offline,
  // the offline bar says it all. (The E2E went offline while the conversation was still loading
  // on a busy machine: the error replaced the list and the message written offline never showed.)
  const loadError = opened.error ?? head.error;
  const retry = () => {
    void opened.reload();
    void head.reload();
  };
  return (
    <View className='chat-conv' data-testid='chat-conversation'>
      {status === 'offline' ? (
        <View className='chat-status' data-testid='chat-offline'>
          网络不可用，消息将在恢复后发送
        </View>
      ) : null}
      {loadError && messages.length > 0 && status !== 'offline' ? (
        <View className='chat-status' onClick={retry} data-testid='chat-load-error'>
          {loadError.message}，点击重试
        </View>
      ) : null}
      {conv ? <View className='chat-conv__head'>{conv.subtitle}</View> : null}
      <ScrollView className='chat-conv__body' scrollY scrollIntoView={last ? `m-${last.clientMsgId}` : undefined} scrollWithAnimation={false}>
        <PageStatus loading={opened.loading && messages.length === 0} error={messages.length === 0 ? loadError : null} onRetry={retry} testId='chat-conversation'>
          <View className='chat-conv__inner' data-testid='chat-messages'>
            {hasOlder ? (
              <View className='chat-more' onClick={() => void loadOlder(id)}>
                查看更早的消息
              </View>
            ) : null}
            {messages.length === 0 && !opened.loading ? <View className='chat-recalled'>还没有消息，打个招呼吧</View> : null}
            {messages.map((m) => {
              const mine = m.senderId === myId;
              if (m.recalled) {
                return (
                  <View key={m.clientMsgId + m.senderId} id={`m-${m.clientMsgId}`} className='chat-recalled' data-testid='chat-msg-recalled'>
                    {mine ? '您' : m.senderName}撤回了一条消息
                  </View>
                );
              }
              const read = !group && mine && m.seq > 0 && (conv?.peerReadSeq ?? 0) >= m.seq;
              return (
                <View key={m.clientMsgId + m.senderId} id={`m-${m.clientMsgId}`} className={`chat-msg${mine ? ' chat-msg--mine' : ''}`} data-testid='chat-msg' data-seq={m.seq}>
                  <View className='chat-avatar'>{initial(m.senderName)}</View>
                  <View className='chat-msg__col'>
                    {group && !mine ? <Text className='chat-msg__name'>{m.senderName}</Text> : null}
                    <View className={`chat-bubble${m.kind === 'image' ? ' chat-bubble--image' : ''}`} onLongPress={() => onLongPress(m)} data-testid='chat-msg-body'>
                      {m.kind === 'image' ? (
                        m.imageUrl?.startsWith('/api/') ? (
                          <PrivateImage url={m.imageUrl} testId='chat-msg-image' />
                        ) : m.imageUrl ? (
                          <Image className='chat-image-local' src={m.imageUrl} mode='aspectFill' />
                        ) : null
                      ) : (
                        <Text userSelect>{m.text}</Text>
                      )}
                    </View>
                    {m.status === 'pending' ? (
                      <Text className='chat-msg__meta' data-testid='chat-msg-pending'>
                        发送中…
                      </Text>
                    ) : m.status === 'failed' ? (
                      <Text className='chat-msg__meta chat-msg__meta--failed' onClick={() => resend(id, m.clientMsgId)} data-testid='chat-msg-failed'>
                        {m.error ?? '发送失败'}，点击重发
                      </Text>
                    ) : mine ? (
                      <Text className='chat-msg__meta' data-testid={read ? 'chat-msg-read' : 'chat-msg-sent'}>
                        {chatTime(m.createdAt)}
                        {group ? '' : read ? ' 已读' : ' 未读'}
                      </Text>
                    ) : (
                      <Text className='chat-msg__meta'>{chatTime(m.createdAt)}</Text>
                    )}
                  </View>
                </View>
              );
            })}
          </View>
        </PageStatus>
      </ScrollView>
      <View className='chat-bar'>
        <View className='chat-bar__icon' onClick={uploading ? undefined : () => void pickImage()} data-testid='chat-pick-image'>
          {uploading ? '…' : '＋'}
        </View>
        <Textarea
          className='chat-bar__input'
          value={text}
          autoHeight
          maxlength={CHAT_TEXT_MAX}
          placeholder='输入消息'
          confirmType='send'
          onInput={(e) => setText(e.detail.value)}
          onConfirm={submit}
          data-testid='chat-input'
        />
        <Button type='primary' size='small' disabled={!canSend} onClick={submit} data-testid='chat-send'>
          发送
        </Button>
      </View>
      {isH5 ? <input ref={fileInput} className='chat-file' type='file' accept='image/*' onChange={onFile} data-testid='chat-file' /> : null}
    </View>
  );
}
