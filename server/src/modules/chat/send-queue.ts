import { inArray, sql } from 'drizzle-orm';
import mysql from 'mysql2';
import type { ChatSend } from '@tj/shared';
import type { Db, DbOrTx } from '../../db/client';
import { chatConversations } from '../../db/schema';
import { AppError } from '../../errors';
import { resultRows } from '../../lib/rows';
import { isMember, sendMessage, toMessage, type ConversationRow, type MessageRow, type SendOutcome } from './service';

/** Sends in one transaction at most (a bound on the statement size and the time rows stay locked). */
const MAX_BATCH = 256;
/**
 * Batches on their way at once (checked or being written). 1: strictly one after the other. 2
 * (the next batch's reads overlapping the current commit) measured the same CPU per message and
 * a higher p50 in P6, and a resend landing in the next batch would miss its first copy (a
 * unique-key refusal, then the one-by-one way).
 */
const BATCHES_ON_THE_WAY = 1;

interface Pending {
  userId: number;
  conversationId: number;
  input: ChatSend;
  now: Date;
  resolve: (outcome: SendOutcome) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit of chat sends (issue 18, bench P6). One transaction per message made a durable
 * commit (and its fsync) the price of every message: the rate topped out at an eighth of a bare
 * relay's. Here text sends queue per instance; while one batch is being written the next ones
 * gather, and the next batch writes all of them in one transaction — a fixed number of
 * statements whatever its size (conversations' sequence numbers bumped under their row locks,
 * one multi-row insert, one upsert of the senders' read cursors). An idle queue writes a send at
 * once, so a lone message waits for nobody. The answers are what `sendMessage` answers, send by
 * send: each gets its own error, and a batch that fails as a whole (a resend racing in from
 * another instance, a deadlock past its retries) is sent again message by message through
 * `sendMessage`, which is idempotent per (sender, clientMsgId).
 * Images (an upload row to check per message, rare) go straight to `sendMessage`.
 */
export class SendQueue {
  private waiting: Pending[] = [];
  /** A batch is being checked (its reads); at most one at a time. */
  private checking = false;
  /** Batches checked or being checked whose write has not finished: one written, the next one checked meanwhile. */
  private unwritten = 0;
  /** Writes in batch order: a sender's messages are numbered in the order they were sent. */
  private writes: Promise<void> = Promise.resolve();
  private readonly conversations = new ConversationCache();
  /** Batches written, the largest one, and how many were sent again one by one (health and tests). */
  readonly stats = { batches: 0, largest: 0, fallbacks: 0 };

  constructor(
    private readonly db: Db,
    /** Told why a batch went the one-by-one way (a log line: it should be rare). */
    private readonly onFallback: (err: unknown) => void = () => undefined,
  ) {}

  send(userId: number, conversationId: number, input: ChatSend, now: Date): Promise<SendOutcome> {
    if (input.kind !== 'text') return sendMessage(this.db, userId, conversationId, input, now);
    return new Promise<SendOutcome>((resolve, reject) => {
      this.waiting.push({ userId, conversationId, input, now, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    if (this.checking || this.unwritten >= BATCHES_ON_THE_WAY || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, MAX_BATCH);
    this.stats.batches++;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    this.checking = true;
    this.unwritten++;
    const checked = checkBatch(this.db, batch, this.conversations).catch((err: unknown) => ({ failed: err }));
    void checked.then(() => {
      this.checking = false;
      this.pump();
    });
    this.writes = this.writes.then(async () => {
      const failed = await writeBatch(this.db, batch, await checked);
      if (failed !== null) {
        this.stats.fallbacks++;
        this.onFallback(failed);
      }
      this.unwritten--;
      this.pump();
    });
  }
}

type Facts = Pick<ConversationRow, 'id' | 'kind' | 'userLo' | 'userHi' | 'orgId'>;

/**
 * Who a conversation is between never changes (kind, the pair, the org; rows are never deleted),
 * so it is read once per instance; membership itself (the roster) is read with every batch.
 */
class ConversationCache {
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
 * A batch statement, its values put in by mysql2's own formatter (the escaping mysql2 applies
 * to every parameterised query drizzle sends; arrays become lists, arrays of arrays rows) and
 * run as one raw chunk. Why not drizzle's builder here: it makes an object per value and checks
 * each chunk's kind, and on a batch of a few hundred values that was a tenth of the chat
 * server's CPU per message (P6 profile).
 */
async function rowsOf<T>(db: DbOrTx, text: string, values: Parameters<typeof mysql.format>[1]): Promise<T[]> {
  return resultRows<T>(await db.execute(sql.raw(mysql.format(text, values, false, 'Z'))));
}

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
const keyOf = (conversationId: number, senderId: number, clientMsgId: string) => `${conversationId}:${senderId}:${clientMsgId}`;

interface Fresh {
  p: Pending;
  conv: Facts;
  senderName: string;
  recipients: number[];
  copies: Pending[];
}
type Checked = { answers: Map<Pending, SendOutcome | AppError>; fresh: Fresh[] } | { failed: unknown };

/**
 * Writes a checked batch and answers every send of it. A batch that fails as a whole is sent
 * again one message at a time, in order, through `sendMessage`: each send gets the answer (or
 * the error) it would have had alone. Answers the batch's error when it had to, else null.
 */
async function writeBatch(db: Db, batch: Pending[], checked: Checked): Promise<unknown> {
  try {
    if ('failed' in checked) throw checked.failed;
    const written = await commitBatch(db, checked.fresh);
    for (const p of batch) {
      const outcome = checked.answers.get(p) ?? written.get(p);
      if (outcome instanceof AppError || outcome === undefined) p.reject(outcome ?? new Error('a chat send left unanswered'));
      else p.resolve(outcome);
    }
    return null;
  } catch (err) {
    for (const p of batch) await sendMessage(db, p.userId, p.conversationId, p.input, p.now).then(p.resolve, p.reject);
    return err ?? new Error('chat batch failed');
  }
}

/**
 * The checks of `sendMessage`, for a whole batch in one round of reads (the conversations from
 * the cache; the onboarded roster lines of senders and one-to-one peers; the groups' members;
 * copies already stored under the same client ids): the answers known before writing, and the
 * sends to write.
 */
async function checkBatch(db: Db, batch: Pending[], cache: ConversationCache): Promise<Checked> {
  const answers = new Map<Pending, SendOutcome | AppError>();
  const convBy = await cache.get(db, uniq(batch.map((p) => p.conversationId)));
  const convs = [...convBy.values()];
  const people = uniq([...batch.map((p) => p.userId), ...convs.flatMap((c) => (c.kind === 'direct' ? [c.userLo, c.userHi] : []))]).filter((id): id is number => id != null);
  const groupOrgs = uniq(convs.flatMap((c) => (c.kind === 'group' && c.orgId != null ? [c.orgId] : [])));
  const [lines, groupLines, earlier] = await Promise.all([
    rowsOf<{ user_id: number; org_id: number; name: string }>(db, 'select user_id, org_id, name from roster_entries where user_id in (?) and onboarded_at is not null order by id', [people]),
    groupOrgs.length
      ? rowsOf<{ org_id: number; user_id: number }>(db, 'select org_id, user_id from roster_entries where org_id in (?) and onboarded_at is not null and user_id is not null', [groupOrgs])
      : Promise.resolve([]),
    // a point range per send on chat_msg_client_uq
    rowsOf<MessageColumns>(db, `select ${MESSAGE_COLUMNS} from chat_messages where (conversation_id, sender_id, client_msg_id) in (?)`, [
      batch.map((p) => [p.conversationId, p.userId, p.input.clientMsgId]),
    ]),
  ]);
  const linesOf = new Map<number, { orgId: number; name: string }[]>();
  for (const l of lines) linesOf.set(l.user_id, [...(linesOf.get(l.user_id) ?? []), { orgId: l.org_id, name: l.name }]);
  const membersOf = new Map<number, number[]>();
  for (const g of groupLines) membersOf.set(g.org_id, uniq([...(membersOf.get(g.org_id) ?? []), g.user_id]));
  const recipientsOf = (c: Facts) => (c.kind === 'direct' ? [c.userLo, c.userHi].filter((id): id is number => id != null) : c.orgId == null ? [] : (membersOf.get(c.orgId) ?? []));
  const earlierBy = new Map(earlier.map((m) => [keyOf(m.conversation_id, m.sender_id, m.client_msg_id), messageRow(m)]));

  const fresh = new Map<string, Fresh>();
  for (const p of batch) {
    const conv = convBy.get(p.conversationId);
    const mine = linesOf.get(p.userId) ?? [];
    if (mine.length === 0) answers.set(p, new AppError('CHAT_NOT_CADRE'));
    else if (!conv) answers.set(p, new AppError('NOT_FOUND'));
    else if (!isMember(conv, p.userId, uniq(mine.map((l) => l.orgId)))) answers.set(p, new AppError('CHAT_NOT_MEMBER'));
    else {
      const senderName = mine[0]!.name;
      const key = keyOf(conv.id, p.userId, p.input.clientMsgId);
      const first = earlierBy.get(key);
      const peer = conv.kind === 'direct' ? (conv.userLo === p.userId ? conv.userHi : conv.userLo) : null;
      if (first) answers.set(p, { created: false, recipients: recipientsOf(conv), message: toMessage(first, senderName) });
      else if (fresh.has(key)) fresh.get(key)!.copies.push(p);
      else if (peer != null && !linesOf.has(peer)) answers.set(p, new AppError('CHAT_PEER_NOT_CADRE'));
      else fresh.set(key, { p, conv, senderName, recipients: recipientsOf(conv), copies: [] });
    }
  }
  return { answers, fresh: [...fresh.values()] };
}

/**
 * One transaction for the batch's new messages: every conversation's sequence numbers taken at
 * once under its row lock (rows locked in id order), one multi-row insert, one upsert of the
 * senders' read cursors. Nothing after the commit can fail: the answers are built from what was
 * read and written.
 */
async function commitBatch(db: Db, sends: Fresh[]): Promise<Map<Pending, SendOutcome>> {
  const out = new Map<Pending, SendOutcome>();
  if (sends.length === 0) return out;
  const perConv = new Map<number, number>();
  for (const s of sends) perConv.set(s.conv.id, (perConv.get(s.conv.id) ?? 0) + 1);
  const convIds = [...perConv.keys()].sort((x, y) => x - y);
  const convBy = new Map(sends.map((s) => [s.conv.id, s.conv]));
  const lastAt = new Date(Math.max(...sends.map((s) => s.p.now.getTime())));
  const rows = await db.transaction(async (tx) => {
    // the numbers handed back by the same statement: MariaDB's upsert RETURNING gives the row as
    // updated (every conversation here exists — checked, and conversations are never deleted;
    // strict mode still wants every NOT NULL column without a default in the insert part)
    const tops = await rowsOf<{ id: number; last_seq: number }>(
      tx,
      `insert into chat_conversations (id, kind, last_seq, last_message_at, created_at) values ?
        on duplicate key update last_seq = last_seq + values(last_seq), last_message_at = values(last_message_at) returning id, last_seq`,
      [convIds.map((id) => [id, convBy.get(id)!.kind, perConv.get(id)!, lastAt, lastAt])],
    );
    const next = new Map(tops.map((t) => [Number(t.id), Number(t.last_seq) - perConv.get(Number(t.id))! + 1]));
    const values = sends.map((s) => {
      const seq = next.get(s.conv.id)!;
      next.set(s.conv.id, seq + 1);
      return {
        conversationId: s.conv.id,
        seq,
        senderId: s.p.userId,
        clientMsgId: s.p.input.clientMsgId,
        kind: 'text' as const,
        body: (s.p.input.text ?? '').trim(),
        uploadId: null,
        recalledAt: null,
        createdAt: s.p.now,
      };
    });
    // RETURNING, not insertId + i: on Galera the auto-increment steps by the cluster size
    const ids = await rowsOf<{ id: number; conversation_id: number; seq: number }>(
      tx,
      'insert into chat_messages (conversation_id, seq, sender_id, client_msg_id, kind, body, created_at) values ? returning id, conversation_id, seq',
      [values.map((v) => [v.conversationId, v.seq, v.senderId, v.clientMsgId, v.kind, v.body, v.createdAt])],
    );
    if (ids.length !== values.length) throw new Error(`chat batch: ${ids.length} ids for ${values.length} messages`);
    // sending reads everything before it: each sender's cursor to their last message of the batch
    // (rows in key order, so two instances' batches never lock them crosswise)
    const reads = new Map<string, { conversationId: number; userId: number; readSeq: number }>();
    for (const v of values) reads.set(`${v.conversationId}:${v.senderId}`, { conversationId: v.conversationId, userId: v.senderId, readSeq: v.seq });
    await rowsOf(tx, 'insert into chat_reads (conversation_id, user_id, read_seq) values ? on duplicate key update read_seq = greatest(read_seq, values(read_seq))', [
      [...reads.values()].sort((x, y) => x.conversationId - y.conversationId || x.userId - y.userId).map((r) => [r.conversationId, r.userId, r.readSeq]),
    ]);
    const idBy = new Map(ids.map((r) => [`${r.conversation_id}:${r.seq}`, Number(r.id)]));
    return values.map((v): MessageRow => ({ ...v, id: idBy.get(`${v.conversationId}:${v.seq}`)! }));
  });
  sends.forEach((s, i) => {
    const done = { created: true, recipients: s.recipients, message: toMessage(rows[i]!, s.senderName) };
    out.set(s.p, done);
    for (const copy of s.copies) out.set(copy, { ...done, created: false });
  });
  return out;
}
