import Taro from '@tarojs/taro';
import { create } from 'zustand';
import { contiguousCursor, mergeMessages, type ChatConversation, type ChatMessage, type ChatSend, type ChatServerFrame } from '@tj/shared';
import { NETWORK_ERROR, toApiError } from '../services/api-error';
import { fetchConversations, fetchHistory, postMessage, postRead, postRecall } from '../services/chat';
import { chatSocket, type ChatSocketStatus } from '../services/chat-socket';
import { useAppStore } from '../stores';

/**
 * §6.6 团干会话 state (issue 18): conversations, the messages of the conversations opened,
 * the per-conversation cursor (highest sequence held without a gap) and the outbox of
 * messages not yet acknowledged. Every message is keyed by (sender, clientMsgId), so a
 * message arriving twice — pushed, then fetched after a reconnect, or a retried send — is
 * shown once. On every (re)connect the opened conversations catch up from their cursor.
 */

export type LocalMessage = ChatMessage & { status: 'sent' | 'pending' | 'failed'; error?: string; fileId?: string };

export interface Outgoing {
  conversationId: string;
  message: ChatSend;
  /** When it was last handed to the socket (resent if no ack comes). */
  sentAt: number;
  /** What the sender saw (kept with the outbox, so a restarted app shows it as 发送中 again). */
  shownAt?: string;
}

interface ChatState {
  status: ChatSocketStatus;
  conversations: ChatConversation[];
  unreadTotal: number;
  messages: Record<string, LocalMessage[]>;
  cursors: Record<string, number>;
  hasOlder: Record<string, boolean>;
  active: string | null;
  outbox: Outgoing[];
}

export const useChatStore = create<ChatState>()(() => ({
  status: 'idle',
  conversations: [],
  unreadTotal: 0,
  messages: {},
  cursors: {},
  hasOlder: {},
  active: null,
  outbox: [],
}));

const set = useChatStore.setState;
const get = useChatStore.getState;
const myId = () => useAppStore.getState().user?.id ?? '';
const ACK_TIMEOUT_MS = 8000;

const newClientMsgId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * The outbox outlives the app (as in WeChat, a message written offline is still going out after
 * the app was closed): kept in the device's storage per account, restored by startChat, sent
 * with its first clientMsgId (the server keeps one copy). Logging out forgets it.
 */
const outboxKey = (userId: string) => `chat-outbox:${userId}`;

function saveOutbox(userId: string, outbox: Outgoing[]) {
  if (!userId) return;
  try {
    if (outbox.length) Taro.setStorageSync(outboxKey(userId), JSON.stringify(outbox.map((o) => ({ ...o, sentAt: 0 }))));
    else Taro.removeStorageSync(outboxKey(userId));
  } catch {
    // storage full or unavailable: the outbox still lives in memory
  }
}

function restoreOutbox(userId: string): Outgoing[] {
  try {
    const raw: unknown = Taro.getStorageSync(outboxKey(userId));
    const list: unknown = typeof raw === 'string' && raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? (list as Outgoing[]).filter((o) => typeof o?.conversationId === 'string' && typeof o?.message?.clientMsgId === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The outbox's messages of a conversation as the sender saw them (发送中): for a list just
 * loaded, and what a conversation whose history could not load yet shows (written offline).
 */
export function outboxMessages(outbox: readonly Outgoing[], conversationId: string): LocalMessage[] {
  return outbox.filter((o) => o.conversationId === conversationId).map((o) => localMessage(conversationId, o.message, o.shownAt ?? new Date().toISOString()));
}

const pendingOf = (conversationId: string) => outboxMessages(get().outbox, conversationId);

function localMessage(conversationId: string, message: ChatSend, createdAt: string, preview?: string): LocalMessage {
  return {
    id: `local-${message.clientMsgId}`,
    conversationId,
    seq: 0,
    senderId: myId(),
    senderName: useAppStore.getState().user?.name ?? '我',
    clientMsgId: message.clientMsgId,
    kind: message.kind,
    text: message.kind === 'text' ? (message.text ?? '').trim() : null,
    imageUrl: preview ?? null,
    recalled: false,
    createdAt,
    status: 'pending',
    ...(message.kind === 'image' && message.fileId ? { fileId: message.fileId } : {}),
  };
}

function putMessages(conversationId: string, incoming: LocalMessage[]) {
  const current = get().messages[conversationId];
  if (!current) return;
  const merged = mergeMessages(current, incoming);
  const cursor = contiguousCursor(
    get().cursors[conversationId] ?? 0,
    merged.filter((m) => m.seq > 0).map((m) => m.seq),
  );
  set({ messages: { ...get().messages, [conversationId]: merged }, cursors: { ...get().cursors, [conversationId]: cursor } });
}

const sent = (m: ChatMessage): LocalMessage => ({ ...m, status: 'sent' });

function recount(conversations: ChatConversation[]) {
  set({ conversations, unreadTotal: conversations.reduce((n, c) => n + c.unread, 0) });
}

/** A message arrived (push, ack or fetch): the list's last message, order and unread count follow. */
function noteInList(m: ChatMessage) {
  const list = get().conversations;
  const at = list.findIndex((c) => c.id === m.conversationId);
  if (at < 0) {
    void loadConversations();
    return;
  }
  const c = list[at]!;
  if (m.seq < c.lastSeq) {
    // an older message changed (a recall): only the last one is shown in the list
    if (c.lastMessage?.id === m.id) recount(list.map((x) => (x.id === c.id ? { ...x, lastMessage: m } : x)));
    return;
  }
  const mine = m.senderId === myId();
  const reading = get().active === c.id;
  const readSeq = mine || reading ? m.seq : c.readSeq;
  const updated: ChatConversation = { ...c, lastSeq: m.seq, lastMessage: m, lastMessageAt: m.createdAt, readSeq, unread: Math.max(0, m.seq - readSeq) };
  recount([updated, ...list.filter((x) => x.id !== c.id)]);
}

function onFrame(frame: ChatServerFrame) {
  switch (frame.type) {
    case 'ready':
      void resync();
      return;
    case 'message':
    case 'ack':
    case 'recalled': {
      const m = frame.message;
      if (frame.type === 'ack') set({ outbox: get().outbox.filter((o) => o.message.clientMsgId !== frame.clientMsgId) });
      putMessages(m.conversationId, [sent(m)]);
      noteInList(m);
      if (frame.type === 'message' && get().active === m.conversationId && m.senderId !== myId()) void markRead(m.conversationId);
      return;
    }
    case 'read': {
      if (frame.userId === myId()) return;
      recount(get().conversations.map((c) => (c.id === frame.conversationId ? { ...c, peerReadSeq: Math.max(c.peerReadSeq ?? 0, frame.seq) } : c)));
      return;
    }
    case 'error': {
      if (!frame.ref) return;
      const item = get().outbox.find((o) => o.message.clientMsgId === frame.ref);
      if (!item) return;
      // too fast: it stays queued and goes again with the next flush
      if (frame.code === 'CHAT_RATE_LIMITED') return;
      failOutgoing(item, frame.message);
      return;
    }
    default:
      return;
  }
}

function failOutgoing(item: Outgoing, error: string) {
  set({ outbox: get().outbox.filter((o) => o !== item) });
  const list = get().messages[item.conversationId] ?? [];
  set({ messages: { ...get().messages, [item.conversationId]: list.map((m) => (m.clientMsgId === item.message.clientMsgId && m.seq === 0 ? { ...m, status: 'failed', error } : m)) } });
}

let started = false;
let flushTimer: ReturnType<typeof setInterval> | null = null;

/** Connects the socket and wires it to the store (idempotent; the cadre pages call it on show). */
export function startChat() {
  if (started) {
    chatSocket.start();
    return;
  }
  started = true;
  const restored = restoreOutbox(myId());
  if (restored.length) set({ outbox: [...restored, ...get().outbox.filter((o) => !restored.some((r) => r.message.clientMsgId === o.message.clientMsgId))] });
  chatSocket.on(onFrame);
  chatSocket.onStatus((status) => {
    set({ status });
  });
  chatSocket.start();
  set({ status: chatSocket.status });
  flushTimer = setInterval(() => void flushOutbox(), 3000);
}

export function stopChat() {
  if (flushTimer) clearInterval(flushTimer);
  flushTimer = null;
  started = false;
  chatSocket.stop();
  useChatStore.setState({ conversations: [], unreadTotal: 0, messages: {}, cursors: {}, hasOlder: {}, active: null, outbox: [] });
}

/** After every (re)connect: the list, every opened conversation from its cursor, then the outbox. */
async function resync() {
  await loadConversations().catch(() => undefined);
  await Promise.all(Object.keys(get().messages).map((id) => catchUp(id).catch(() => undefined)));
  const active = get().active;
  if (active) void markRead(active);
  await flushOutbox();
}

export async function loadConversations() {
  const list = await fetchConversations();
  recount(list.items);
  return list;
}

/** Everything after the cursor, page by page (nothing lost, nothing twice). */
export async function catchUp(conversationId: string) {
  for (let guard = 0; guard < 50; guard++) {
    const after = get().cursors[conversationId] ?? 0;
    const page = await fetchHistory(conversationId, { after, limit: 100 });
    putMessages(conversationId, page.items.map(sent));
    if (!page.hasMore) return;
  }
}

/** Opens a conversation: its latest page, then whatever comes live; marks it read. */
export async function openConversation(conversationId: string) {
  set({ active: conversationId });
  if (!get().messages[conversationId]) {
    const page = await fetchHistory(conversationId, { limit: 30 });
    const first = page.items[0]?.seq ?? 1;
    set({
      messages: { ...get().messages, [conversationId]: [] },
      cursors: { ...get().cursors, [conversationId]: page.items.length ? first - 1 : 0 },
      hasOlder: { ...get().hasOlder, [conversationId]: page.hasMore },
    });
    putMessages(conversationId, [...page.items.map(sent), ...pendingOf(conversationId)]);
  } else {
    await catchUp(conversationId);
  }
  void markRead(conversationId);
}

export function closeConversation(conversationId: string) {
  if (get().active === conversationId) set({ active: null });
}

export async function loadOlder(conversationId: string) {
  const list = get().messages[conversationId] ?? [];
  const oldest = list.find((m) => m.seq > 0)?.seq;
  if (!oldest || oldest <= 1) return;
  const page = await fetchHistory(conversationId, { before: oldest, limit: 30 });
  // older pages sit below the cursor: merge without moving it
  set({
    messages: { ...get().messages, [conversationId]: mergeMessages(list, page.items.map(sent)) },
    hasOlder: { ...get().hasOlder, [conversationId]: page.hasMore },
  });
}

export async function markRead(conversationId: string) {
  const c = get().conversations.find((x) => x.id === conversationId);
  const held = get().cursors[conversationId] ?? 0;
  const seq = Math.max(held, c?.lastSeq ?? 0);
  if (c) recount(get().conversations.map((x) => (x.id === conversationId ? { ...x, readSeq: Math.max(x.readSeq, seq), unread: 0 } : x)));
  if (seq === 0) return;
  if (!chatSocket.send({ type: 'read', conversationId, seq })) await postRead(conversationId, seq).catch(() => undefined);
}

/** Queues a message (shown at once as 发送中) and sends it when it can. */
export function sendMessage(conversationId: string, content: { text: string } | { fileId: string; preview?: string }) {
  const clientMsgId = newClientMsgId();
  const message: ChatSend = 'text' in content ? { clientMsgId, kind: 'text', text: content.text } : { clientMsgId, kind: 'image', fileId: content.fileId };
  const shownAt = new Date().toISOString();
  set({ outbox: [...get().outbox, { conversationId, message, sentAt: 0, shownAt }] });
  putMessages(conversationId, [localMessage(conversationId, message, shownAt, 'fileId' in content ? content.preview : undefined)]);
  void flushOutbox();
}

/** A failed message: try again with the same clientMsgId (the server keeps one copy). */
export function resend(conversationId: string, clientMsgId: string) {
  const list = get().messages[conversationId] ?? [];
  const m = list.find((x) => x.clientMsgId === clientMsgId && x.seq === 0);
  if (!m) return;
  const message: ChatSend = m.kind === 'text' ? { clientMsgId, kind: 'text', text: m.text ?? '' } : { clientMsgId, kind: 'image', fileId: m.fileId ?? '' };
  set({ messages: { ...get().messages, [conversationId]: list.map((x) => (x === m ? { ...x, status: 'pending', error: undefined } : x)) } });
  set({ outbox: [...get().outbox, { conversationId, message, sentAt: 0 }] });
  void flushOutbox();
}

let flushing = false;

/** Hands the outbox to the socket, or to HTTP when the socket is down; a lost network keeps it queued. */
export async function flushOutbox() {
  if (flushing) return;
  flushing = true;
  try {
    for (const item of [...get().outbox]) {
      if (Date.now() - item.sentAt < ACK_TIMEOUT_MS) continue;
      if (get().status === 'offline') return;
      item.sentAt = Date.now();
      if (chatSocket.send({ type: 'send', conversationId: item.conversationId, message: item.message })) continue;
      try {
        const m = await postMessage(item.conversationId, item.message);
        set({ outbox: get().outbox.filter((o) => o !== item) });
        putMessages(m.conversationId, [sent(m)]);
        noteInList(m);
      } catch (e) {
        const err = toApiError(e);
        if (err.code === NETWORK_ERROR || err.code === 'CHAT_RATE_LIMITED') return;
        failOutgoing(item, err.message);
      }
    }
  } finally {
    flushing = false;
  }
}

export async function recall(messageId: string) {
  const m = await postRecall(messageId);
  putMessages(m.conversationId, [sent(m)]);
  noteInList(m);
}

// Logging out (or in as someone else) closes the socket and forgets the last user's messages —
// on logout their unsent ones too (the next person on this phone must not send them).
useAppStore.subscribe((state, prev) => {
  const loggedOut = Boolean(prev.accessToken && !state.accessToken);
  if (state.user?.id !== prev.user?.id || loggedOut) {
    const before = prev.user?.id;
    stopChat();
    if (loggedOut && before) saveOutbox(before, []);
  }
});

// Every change of the outbox is written through (a send, an ack, a failure).
useChatStore.subscribe((state, prev) => {
  if (state.outbox !== prev.outbox && started) saveOutbox(myId(), state.outbox);
});
