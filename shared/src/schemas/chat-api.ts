import { z } from 'zod';
import { CHAT_TEXT_MAX, CLIENT_MSG_ID_RE } from '../domain/chat';
import { codeFor, RowIdSchema } from './common';
import { countChars, hasLoneSurrogate } from '../domain/text';

/** §6.6 cadre chat (issue 18): the HTTP and socket contract. */

export const ChatMessageKinds = ['text', 'image'] as const;
export type ChatMessageKind = (typeof ChatMessageKinds)[number];

export const ClientMsgIdSchema = z.string({ error: codeFor('CHAT_BAD_FRAME') }).regex(CLIENT_MSG_ID_RE, 'CHAT_BAD_FRAME');

/** A message to send: text (1–2000 characters) or an uploaded image's fileId. */
export const ChatSendSchema = z
  .object({
    clientMsgId: ClientMsgIdSchema,
    kind: z.enum(ChatMessageKinds, { error: codeFor('CHAT_BAD_FRAME') }),
    text: z.string({ error: 'CHAT_BAD_FRAME' }).optional(),
    fileId: RowIdSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'text') {
      const text = (v.text ?? '').trim();
      if (!text) ctx.addIssue({ code: 'custom', message: 'CHAT_TEXT_EMPTY', path: ['text'] });
      else if (countChars(text) > CHAT_TEXT_MAX) ctx.addIssue({ code: 'custom', message: 'CHAT_TEXT_TOO_LONG', path: ['text'] });
      // half a surrogate pair cannot be stored as sent (and would fail a whole batch's JSON)
      else if (hasLoneSurrogate(text)) ctx.addIssue({ code: 'custom', message: 'CHAT_BAD_FRAME', path: ['text'] });
      if (v.fileId !== undefined) ctx.addIssue({ code: 'custom', message: 'CHAT_BAD_FRAME', path: ['fileId'] });
    } else {
      if (!v.fileId) ctx.addIssue({ code: 'custom', message: 'REQUIRED', path: ['fileId'] });
      if (v.text !== undefined) ctx.addIssue({ code: 'custom', message: 'CHAT_BAD_FRAME', path: ['text'] });
    }
  });
export type ChatSend = z.infer<typeof ChatSendSchema>;

export const ChatMessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** Per-conversation sequence number, from 1 without gaps: the client's sync cursor. */
  seq: z.number().int(),
  senderId: z.string(),
  senderName: z.string(),
  clientMsgId: z.string(),
  kind: z.enum(ChatMessageKinds),
  /** null once recalled. */
  text: z.string().nullable(),
  imageUrl: z.string().nullable(),
  recalled: z.boolean(),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ChatConversationSchema = z.object({
  id: z.string(),
  kind: z.enum(['direct', 'group']),
  /** The other cadre's name, or the org's name. */
  title: z.string(),
  /** The other cadre's org and position, or the group's member count. */
  subtitle: z.string(),
  peerUserId: z.string().nullable(),
  orgId: z.string().nullable(),
  lastSeq: z.number().int(),
  lastMessage: ChatMessageSchema.nullable(),
  lastMessageAt: z.string().nullable(),
  /** The caller's read cursor and the messages after it not sent by the caller. */
  readSeq: z.number().int(),
  unread: z.number().int(),
  /** One-to-one: how far the other cadre has read (read state of one's own messages). */
  peerReadSeq: z.number().int().nullable(),
});
export type ChatConversation = z.infer<typeof ChatConversationSchema>;

export const ChatConversationListSchema = z.object({ items: z.array(ChatConversationSchema), unreadTotal: z.number().int() });

export const ChatConversationParamsSchema = z.object({ conversationId: RowIdSchema });
export const ChatMessageParamsSchema = z.object({ messageId: RowIdSchema });

/** History: messages with seq > after (sync after reconnect), or the latest ones before `before`. */
export const ChatHistoryQuerySchema = z.object({
  after: z.coerce.number({ error: 'VALIDATION_FAILED' }).int('VALIDATION_FAILED').min(0, 'VALIDATION_FAILED').optional(),
  before: z.coerce.number({ error: 'VALIDATION_FAILED' }).int('VALIDATION_FAILED').min(1, 'VALIDATION_FAILED').optional(),
  limit: z.coerce.number({ error: 'VALIDATION_FAILED' }).int('VALIDATION_FAILED').min(1, 'VALIDATION_FAILED').max(200, 'VALIDATION_FAILED').default(50),
});
export const ChatHistorySchema = z.object({ items: z.array(ChatMessageSchema), hasMore: z.boolean() });

export const ChatReadSchema = z.object({
  seq: z
    .number({ error: codeFor('VALIDATION_FAILED') })
    .int('VALIDATION_FAILED')
    .min(0, 'VALIDATION_FAILED'),
});
export const ChatDirectSchema = z.object({ userId: RowIdSchema });

/** 通讯录: search by name, org or position; or browse one org (its cadres and sub-orgs). */
export const ChatDirectoryQuerySchema = z.object({
  q: z.string().trim().max(30, 'TEXT_TOO_LONG').default(''),
  orgId: RowIdSchema.optional(),
  limit: z.coerce.number({ error: 'VALIDATION_FAILED' }).int('VALIDATION_FAILED').min(1, 'VALIDATION_FAILED').max(100, 'VALIDATION_FAILED').default(50),
});
export const ChatContactSchema = z.object({
  userId: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  pathNames: z.array(z.string()),
  position: z.string(),
  /** §9 masked unless the viewer is a cadre of the contact's org chain. */
  phone: z.string(),
});
export type ChatContact = z.infer<typeof ChatContactSchema>;
export const ChatDirectoryOrgSchema = z.object({ id: z.string(), name: z.string(), childCount: z.number().int() });
export const ChatDirectorySchema = z.object({
  items: z.array(ChatContactSchema),
  /** Browsing: the org itself (null at the top) and its sub-orgs. */
  org: ChatDirectoryOrgSchema.extend({ pathNames: z.array(z.string()), parentId: z.string().nullable() }).nullable(),
  orgs: z.array(ChatDirectoryOrgSchema),
});

// ── socket frames ─────────────────────────────────────────────────────────────────────
export const ChatClientFrameSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('auth'), token: z.string().min(1).max(4000) }),
    z.object({ type: z.literal('ping') }),
    z.object({ type: z.literal('send'), conversationId: RowIdSchema, message: ChatSendSchema }),
    z.object({ type: z.literal('read'), conversationId: RowIdSchema, seq: z.number().int().min(0) }),
    z.object({ type: z.literal('recall'), messageId: RowIdSchema }),
  ],
  { error: 'CHAT_BAD_FRAME' },
);
export type ChatClientFrame = z.infer<typeof ChatClientFrameSchema>;

export type ChatServerFrame =
  | { type: 'ready'; userId: string }
  | { type: 'pong' }
  | { type: 'message'; message: ChatMessage }
  | { type: 'ack'; clientMsgId: string; message: ChatMessage }
  | { type: 'recalled'; message: ChatMessage }
  | { type: 'read'; conversationId: string; userId: string; seq: number }
  /** A frame that was refused: nothing changed. `ref` is the refused send's clientMsgId. */
  | { type: 'error'; code: string; message: string; ref?: string };
