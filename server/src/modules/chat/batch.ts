import { inArray } from 'drizzle-orm';
import mysql from 'mysql2';
import type { ChatSend } from '@tj/shared';
import type { Db } from '../../db/client';
import { chatConversations } from '../../db/schema';
import { AppError } from '../../errors';
import { isMember, toMessage, type ConversationRow, type MessageRow, type SendOutcome } from './service';

/**
 * The statements of a batch of chat sends (group commit, `send-queue.ts`): the reads that check
 * it as `sendMessage` checks one send, and the transaction that writes it. Each is a `Step`:
 * statement texts and what to make of their results, so the queue can put several steps in one
 * packet (one round trip).
 */

export interface Pending {
  userId: number;
  conversationId: number;
  input: ChatSend;
  now: Date;
  resolve: (outcome: SendOutcome) => void;
  reject: (err: unknown) => void;
}

/** Statements and what their results (one per statement, in order) answer. */
export interface Step<T> {
  statements: string[];
  finish: (results: unknown[]) => T;
}

type Facts = Pick<ConversationRow, 'id' | 'kind' | 'userLo' | 'userHi' | 'orgId'>;

/**
 * Who a conversation is between never changes (kind, the pair, the org; rows are never deleted),
 * so it is read once per instance; membership itself (the roster) is read with every batch.
 */
export class ConversationCache {
  private readonly known = new Map<number, Facts>();

  async get(db: Db, ids: number[]): Promise<Map<number, Facts>> {
    const missing = ids.filter((id) => !this.known.has(id));
    if (missing.length) {
      if (this.known.size > 100_000) this.known.clear();
      const rows = await db
        .select({ id: chatConversations.id, kind: chatConversations.kind, userLo: chatConversations.userLo, userHi: chatConversations.userHi, orgId: chatConversations.orgId })
        .from(chatConversations)
        .where(inArray(chatConversations.id, missing));
      for (const r of rows) this.known.set(r.id, r);
    }
    const out = new Map<number, Facts>();
    for (const id of ids) {
      const f = this.known.get(id);
      if (f) out.set(id, f);
    }
    return out;
  }
}

const uniq = <T>(xs: Iterable<T>) => [...new Set(xs)];

/**
 * A statement with its values put in by mysql2's own formatter (the escaping mysql2 applies to
 * every parameterised query drizzle sends; arrays become lists, arrays of arrays rows). Why not
 * drizzle's builder here: it makes an object per value and checks each chunk's kind, and on a
 * batch of a few hundred values that was a tenth of the chat server's CPU per message (P6).
 */
const statement = (text: string, values: Parameters<typeof mysql.format>[1]) => mysql.format(text, values, false, 'Z');

/**
 * A JSON document as SQL: its UTF-8 bytes in hex (`x'…'`, nothing in it can end the literal),
 * read as utf8mb4. Not through the escaper: it walks a string with a regular expression and
 * rebuilds it around every quote, and a JSON document is mostly quotes.
 */
const jsonDoc = (value: unknown) => `convert(x'${Buffer.from(JSON.stringify(value), 'utf8').toString('hex')}' using utf8mb4)`;

/** A date as MariaDB reads a DATETIME(3) in UTC (the pools' time zone is 'Z'). */
const utcText = (d: Date) => d.toISOString().slice(0, 23).replace('T', ' ');

/** The rows of the i-th statement of a packet. */
const rowsAt = <T>(results: unknown[], i: number): T[] => results[i] as T[];

type MessageColumns = {
  id: number;
  conversation_id: number;
  seq: number;
  sender_id: number;
  client_msg_id: string;
  kind: 'text' | 'image';
  body: string | null;
  upload_id: number | null;
  recalled_at: Date | null;
  created_at: Date;
};
const MESSAGE_COLUMNS = 'id, conversation_id, seq, sender_id, client_msg_id, kind, body, upload_id, recalled_at, created_at';
const messageRow = (m: MessageColumns): MessageRow => ({
  id: Number(m.id),
  conversationId: Number(m.conversation_id),
  seq: m.seq,
  senderId: Number(m.sender_id),
  clientMsgId: m.client_msg_id,
  kind: m.kind,
  body: m.body,
  uploadId: m.upload_id == null ? null : Number(m.upload_id),
  recalledAt: m.recalled_at,
  createdAt: m.created_at,
});
/**
 * A send's identity as the unique key sees it: `client_msg_id` compares without case (the
 * column's utf8mb4_unicode_ci; ids are [A-Za-z0-9_-]), so ids that differ only in case are one
 * message here too.
 */
const keyOf = (conversationId: number, senderId: number, clientMsgId: string) => `${conversationId}:${senderId}:${clientMsgId.toLowerCase()}`;

interface Fresh {
  p: Pending;
  conv: Facts;
  senderName: string;
  recipients: number[];
  copies: Pending[];
}
/**
 * A checked batch: the answers known before writing and the sends to write. `unsure`: checked
 * without the stored copies and some send was refused for its peer — `sendMessage` answers a
 * resend with its stored copy before that check, so the batch must be checked again with them.
 */
export type Checked = { answers: Map<Pending, SendOutcome | AppError>; fresh: Fresh[]; unsure: boolean } | { failed: unknown };

/**
 * The checks of `sendMessage`, for a whole batch in one round of reads (the conversations from
 * the cache; the onboarded roster lines of senders and one-to-one peers; the groups' members;
 * with `stored`, copies already stored under the same client ids): the answers known before
 * writing, and the sends to write. Without `stored` a resend of a stored message is caught by the
 * unique key when written (the queue then checks again with it).
 */
export async function checkStep(db: Db, batch: Pending[], cache: ConversationCache, stored: boolean): Promise<Step<Checked>> {
  const convBy = await cache.get(db, uniq(batch.map((p) => p.conversationId)));
  const convs = [...convBy.values()];
  const people = uniq([...batch.map((p) => p.userId), ...convs.flatMap((c) => (c.kind === 'direct' ? [c.userLo, c.userHi] : []))]).filter((id): id is number => id != null);
  const groupOrgs = uniq(convs.flatMap((c) => (c.kind === 'group' && c.orgId != null ? [c.orgId] : [])));
  const statements = [statement('select user_id, org_id, name from roster_entries where user_id in (?) and onboarded_at is not null order by id', [people])];
  const groupsAt = groupOrgs.length
    ? statements.push(statement('select org_id, user_id from roster_entries where org_id in (?) and onboarded_at is not null and user_id is not null', [groupOrgs])) - 1
    : -1;
  // a point range per send on chat_msg_client_uq
  const storedAt = stored
    ? statements.push(
        statement(`select ${MESSAGE_COLUMNS} from chat_messages where (conversation_id, sender_id, client_msg_id) in (?)`, [
          batch.map((p) => [p.conversationId, p.userId, p.input.clientMsgId]),
        ]),
      ) - 1
    : -1;
  return {
    statements,
    finish: (results) => checked(batch, convBy, rowsAt(results, 0), groupsAt < 0 ? [] : rowsAt(results, groupsAt), storedAt < 0 ? null : rowsAt(results, storedAt)),
  };
}

function checked(
  batch: Pending[],
  convBy: Map<number, Facts>,
  lines: { user_id: number; org_id: number; name: string }[],
  groupLines: { org_id: number; user_id: number }[],
  earlier: MessageColumns[] | null,
): Checked {
  const stored = earlier !== null;
  let unsure = false;
  const answers = new Map<Pending, SendOutcome | AppError>();
  const linesOf = new Map<number, { orgId: number; name: string }[]>();
  for (const l of lines) {
    const line = { orgId: l.org_id, name: l.name };
    const list = linesOf.get(l.user_id);
    if (list) list.push(line);
    else linesOf.set(l.user_id, [line]);
  }
  const groupSets = new Map<number, Set<number>>();
  for (const g of groupLines) {
    const set = groupSets.get(g.org_id);
    if (set) set.add(g.user_id);
    else groupSets.set(g.org_id, new Set([g.user_id]));
  }
  const membersOf = new Map([...groupSets].map(([org, set]) => [org, [...set]]));
  const recipientsOf = (c: Facts) => (c.kind === 'direct' ? [c.userLo, c.userHi].filter((id): id is number => id != null) : c.orgId == null ? [] : (membersOf.get(c.orgId) ?? []));
  const earlierBy = new Map((earlier ?? []).map((m) => [keyOf(m.conversation_id, m.sender_id, m.client_msg_id), messageRow(m)]));

  const fresh = new Map<string, Fresh>();
  for (const p of batch) {
    const conv = convBy.get(p.conversationId);
    const mine = linesOf.get(p.userId) ?? [];
    if (mine.length === 0) answers.set(p, new AppError('CHAT_NOT_CADRE'));
    else if (!conv) answers.set(p, new AppError('NOT_FOUND'));
    else if (!isMember(conv, p.userId, conv.kind === 'group' ? mine.map((l) => l.orgId) : [])) answers.set(p, new AppError('CHAT_NOT_MEMBER'));
    else {
      const senderName = mine[0]!.name;
      const key = keyOf(conv.id, p.userId, p.input.clientMsgId);
      const first = earlierBy.get(key);
      const peer = conv.kind === 'direct' ? (conv.userLo === p.userId ? conv.userHi : conv.userLo) : null;
      if (first) answers.set(p, { created: false, recipients: recipientsOf(conv), message: toMessage(first, senderName) });
      else if (fresh.has(key)) fresh.get(key)!.copies.push(p);
      else if (peer != null && !linesOf.has(peer)) {
        answers.set(p, new AppError('CHAT_PEER_NOT_CADRE'));
        unsure ||= !stored;
      } else fresh.set(key, { p, conv, senderName, recipients: recipientsOf(conv), copies: [] });
    }
  }
  return { answers, fresh: [...fresh.values()], unsure };
}

/** A message to write; `back`: how many of the batch's messages of its conversation come after it. */
interface Value {
  s: Fresh;
  conversationId: number;
  senderId: number;
  clientMsgId: string;
  body: string;
  createdAt: Date;
  back: number;
}

/**
 * The transaction's statements for the batch's new messages (without `start transaction` and `commit`, which the queue adds): every conversation's
 * sequence numbers taken at once under its row lock (rows locked in id order), one multi-row
 * insert, one upsert of the senders' read cursors. The statements cannot hand each other values
 * through the client, so a message's number is worked out by the database: the conversation's
 * counter after the bump (read under the row lock this transaction holds) minus the number of the
 * batch's later messages in that conversation (`back`). The answers are built from what was written and handed back.
 */
export function writeStep(sends: Fresh[]): Step<Map<Pending, SendOutcome>> {
  const perConv = new Map<number, number>();
  for (const s of sends) perConv.set(s.conv.id, (perConv.get(s.conv.id) ?? 0) + 1);
  const convIds = [...perConv.keys()].sort((x, y) => x - y);
  const convBy = new Map(sends.map((s) => [s.conv.id, s.conv]));
  const lastAt = new Map<number, Date>();
  for (const s of sends) {
    const at = lastAt.get(s.conv.id);
    if (!at || s.p.now > at) lastAt.set(s.conv.id, s.p.now);
  }
  // `back`: how many of the batch's messages of the same conversation come after this one
  const left = new Map(perConv);
  const values = sends.map((s): Value => {
    const back = left.get(s.conv.id)! - 1;
    left.set(s.conv.id, back);
    return { s, conversationId: s.conv.id, senderId: s.p.userId, clientMsgId: s.p.input.clientMsgId, body: (s.p.input.text ?? '').trim(), createdAt: s.p.now, back };
  });
  // sending reads everything before it: each sender's cursor to their last message of the batch
  // (rows in key order, so two instances' batches never lock them crosswise)
  const reads = new Map<string, { conversationId: number; userId: number; back: number }>();
  for (const v of values) reads.set(`${v.conversationId}:${v.senderId}`, { conversationId: v.conversationId, userId: v.senderId, back: v.back });
  const sortedReads = [...reads.values()].sort((x, y) => x.conversationId - y.conversationId || x.userId - y.userId);
  const statements = [
    // MariaDB's upsert RETURNING gives the row as updated (every conversation here exists —
    // checked, and conversations are never deleted; strict mode still wants every NOT NULL
    // column without a default in the insert part)
    statement(
      `insert into chat_conversations (id, kind, last_seq, last_message_at, created_at) values ?
        on duplicate key update last_seq = last_seq + values(last_seq), last_message_at = values(last_message_at) returning id, last_seq`,
      [convIds.map((id) => [id, convBy.get(id)!.kind, perConv.get(id)!, lastAt.get(id)!, lastAt.get(id)!])],
    ),
    // the rows come as one JSON document (JSON_TABLE), joined to their conversation's counter once:
    // a subquery per row (`values (…, (select last_seq …) - back, …)`) was optimised row by row
    // and cost a third of the database's work per message. RETURNING, not insertId + i: on Galera
    // the auto-increment steps by the cluster size.
    `insert into chat_messages (conversation_id, seq, sender_id, client_msg_id, kind, body, created_at)
      select v.conv, c.last_seq - v.back, v.sender, v.cid, 'text', v.body, v.at
      from json_table(${jsonDoc(values.map((v) => [v.conversationId, v.back, v.senderId, v.clientMsgId, v.body, utcText(v.createdAt)]))}, '$[*]' columns (
        conv bigint unsigned path '$[0]' error on error, back int path '$[1]' error on error, sender bigint unsigned path '$[2]' error on error,
        cid varchar(64) path '$[3]' error on error, body text path '$[4]' error on error, at datetime(3) path '$[5]' error on error)) v
      join chat_conversations c on c.id = v.conv
      returning id, conversation_id, seq`,
    `insert into chat_reads (conversation_id, user_id, read_seq)
      select v.conv, v.user, c.last_seq - v.back
      from json_table(${jsonDoc(sortedReads.map((r) => [r.conversationId, r.userId, r.back]))}, '$[*]' columns (
        conv bigint unsigned path '$[0]' error on error, user bigint unsigned path '$[1]' error on error, back int path '$[2]' error on error)) v
      join chat_conversations c on c.id = v.conv
      on duplicate key update read_seq = greatest(read_seq, values(read_seq))`,
  ];
  return { statements, finish: (results) => written(values, results) };
}

function written(values: Value[], results: unknown[]) {
  const out = new Map<Pending, SendOutcome>();
  const tops = new Map(rowsAt<{ id: number; last_seq: number }>(results, 0).map((t) => [Number(t.id), Number(t.last_seq)]));
  const ids = rowsAt<{ id: number; conversation_id: number; seq: number }>(results, 1);
  if (ids.length !== values.length) throw new Error(`chat batch: ${ids.length} ids for ${values.length} messages`);
  const idBy = new Map(ids.map((r) => [`${r.conversation_id}:${r.seq}`, Number(r.id)]));
  values.forEach((v) => {
    const seq = tops.get(v.conversationId)! - v.back;
    const id = idBy.get(`${v.conversationId}:${seq}`);
    if (id === undefined) throw new Error(`chat batch: no row for ${v.conversationId}:${seq}`);
    const row: MessageRow = {
      id,
      conversationId: v.conversationId,
      seq,
      senderId: v.senderId,
      clientMsgId: v.clientMsgId,
      kind: 'text',
      body: v.body,
      uploadId: null,
      recalledAt: null,
      createdAt: v.createdAt,
    };
    const done = { created: true, recipients: v.s.recipients, message: toMessage(row, v.s.senderName) };
    out.set(v.s.p, done);
    for (const copy of v.s.copies) out.set(copy, { ...done, created: false });
  });
  return out;
}
