import { datetime, index, int, mysqlTable, primaryKey, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref } from './columns';

/**
 * §6.6 cadre chat (issue 18). A conversation is one-to-one (`user_lo` < `user_hi`) or the
 * group of one org (`org_id`), whose members are that org's onboarded cadres at the time of
 * reading — membership follows the roster, nothing is copied. `last_seq` is the sequence
 * counter: a send increments it under the row lock, so each conversation's messages are
 * numbered 1, 2, 3… without gaps (the client's sync cursor).
 */
export const chatConversations = mysqlTable(
  'chat_conversations',
  {
    id: id(),
    kind: varchar('kind', { length: 8 }).$type<'direct' | 'group'>().notNull(),
    userLo: ref('user_lo'),
    userHi: ref('user_hi'),
    orgId: ref('org_id'),
    lastSeq: int('last_seq').notNull().default(0),
    lastMessageAt: datetime('last_message_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('chat_conv_direct_uq').on(t.userLo, t.userHi), uniqueIndex('chat_conv_org_uq').on(t.orgId), index('chat_conv_hi_idx').on(t.userHi)],
);

/**
 * Messages are League work records: never deleted; a recall keeps the row (`recalled_at`) and
 * only hides its content from readers. (conversation, sender, client_msg_id) is unique: a send
 * retried after a lost answer returns the first copy instead of a second message.
 */
export const chatMessages = mysqlTable(
  'chat_messages',
  {
    id: id(),
    conversationId: ref('conversation_id').notNull(),
    seq: int('seq').notNull(),
    senderId: ref('sender_id').notNull(),
    clientMsgId: varchar('client_msg_id', { length: 64 }).notNull(),
    kind: varchar('kind', { length: 8 }).$type<'text' | 'image'>().notNull(),
    body: text('body'),
    uploadId: ref('upload_id'),
    recalledAt: datetime('recalled_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('chat_msg_seq_uq').on(t.conversationId, t.seq),
    uniqueIndex('chat_msg_client_uq').on(t.conversationId, t.senderId, t.clientMsgId),
    index('chat_msg_upload_idx').on(t.uploadId),
  ],
);

/**
 * How far each member has read each conversation (unread counts, read state). Keyed by
 * (conversation, user) itself: every send moves the sender's cursor with an upsert, and with a
 * surrogate id key InnoDB first inserted a row under a fresh id, met the unique key, undid the
 * insert and then updated (P6: a fifth of the database's work per message).
 */
export const chatReads = mysqlTable(
  'chat_reads',
  {
    conversationId: ref('conversation_id').notNull(),
    userId: ref('user_id').notNull(),
    readSeq: int('read_seq').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index('chat_reads_user_idx').on(t.userId)],
);
