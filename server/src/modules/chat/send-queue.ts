import type { Pool } from 'mysql2/promise';
import type { ChatSend } from '@tj/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { checkStep, ConversationCache, writeStep, type Checked, type Pending } from './batch';
import { sendMessage, type SendOutcome } from './service';

/**
 * Sends in one transaction at most (a bound on the time rows stay locked and on the packet: 256
 * texts of 2,000 characters as hex JSON are ~4 MB at worst, MariaDB's max_allowed_packet 16 MB).
 */
const MAX_BATCH = 256;
/**
 * Lanes: the queue is split by conversation (id mod LANES) into lanes whose batches are written
 * side by side on connections of their own. A lane writes one batch after the other, so the
 * conversations of one lane are numbered in the order their sends came; lanes never share a
 * conversation, so their transactions lock disjoint rows (conversations, read cursors). Why two:
 * with one, MariaDB worked on one batch at a time on one core, and that chain, not the CPU, set
 * P6's limit (6,000/s passed, 7,000/s not; two lanes: 7,000/s at p99 57 ms in the same code).
 */
const LANES = 2;

export interface QueueStats {
  /** Batches taken from the queue, and the largest one. */
  batches: number;
  largest: number;
  /** Batches checked again: a resend met the unique key. */
  rechecks: number;
  /** Batches sent again one by one (health and tests: it should be rare). */
  fallbacks: number;
}

/**
 * Group commit of chat sends (issue 18, bench P6). One transaction per message made a durable
 * commit (and its fsync) the price of every message: the rate topped out at an eighth of a bare
 * relay's. Here text sends queue per instance; while a batch is on its way the next sends gather,
 * and the next batch writes all of them in one transaction — a fixed number of statements
 * whatever its size (conversations' sequence numbers bumped under their row locks, one
 * multi-row insert, one upsert of the senders' read cursors, `batch.ts`).
 *
 * One round trip per batch: the packet that writes a batch also carries the reads that check the
 * next one (`check n+1; start transaction; write n; commit`). On this machine a round trip — a
 * socket write, a wake-up on each side — cost the server and MariaDB more CPU than a batch's rows
 * (P6). An idle queue checks a send and writes it at once: a lone message waits for nobody.
 *
 * The answers are what `sendMessage` answers, send by send: each gets its own error. A resend of
 * a stored message meets the unique key (the first check does not look for stored copies — a
 * resend is rare, its lookup was a fifth of the database's work per message): the batch is
 * checked again with them and written. A batch that still fails (a deadlock, a lost connection)
 * is sent again message by message through `sendMessage`, idempotent per (sender, clientMsgId).
 * Images (an upload row to check per message, rare) go straight to `sendMessage`.
 */
export class SendQueue {
  private readonly lanes: Lane[];
  readonly stats: QueueStats = { batches: 0, largest: 0, rechecks: 0, fallbacks: 0 };
  /** Connections the queue's pool needs: one per lane, and one to spare. */
  static readonly connections = LANES + 1;

  constructor(
    private readonly db: Db,
    /**
     * The queue's own connections, with multiple statements a packet (`createPool(…, {
     * multipleStatements: true })`). Only the statements of `batch.ts` run there, every value
     * escaped by mysql2's formatter.
     */
    pool: Pool,
    /** Told why a batch went the one-by-one way (a log line). */
    onFallback: (err: unknown) => void = () => undefined,
  ) {
    const cache = new ConversationCache();
    this.lanes = Array.from({ length: LANES }, () => new Lane(db, pool, cache, this.stats, onFallback));
  }

  send(userId: number, conversationId: number, input: ChatSend, now: Date): Promise<SendOutcome> {
    if (input.kind !== 'text') return sendMessage(this.db, userId, conversationId, input, now);
    const lane = this.lanes[Math.abs(conversationId) % LANES]!;
    return new Promise<SendOutcome>((resolve, reject) => lane.add({ userId, conversationId, input, now, resolve, reject }));
  }
}

/** A batch taken from the queue, checked (or not yet: null). */
interface Taken {
  batch: Pending[];
  checked: Checked | null;
}

class Lane {
  private waiting: Pending[] = [];
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly pool: Pool,
    private readonly cache: ConversationCache,
    private readonly stats: QueueStats,
    private readonly onFallback: (err: unknown) => void,
  ) {}

  add(p: Pending) {
    this.waiting.push(p);
    if (!this.running) void this.run();
  }

  private take(): Pending[] | null {
    if (this.waiting.length === 0) return null;
    const batch = this.waiting.splice(0, MAX_BATCH);
    this.stats.batches++;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    return batch;
  }

  /** Packets one after the other, each writing the batch the one before checked and checking the next. */
  private async run() {
    this.running = true;
    try {
      let ready: Taken | null = null;
      for (;;) {
        // a batch whose check was lost with a failed packet is checked on its own
        const checked = ready && (ready.checked ?? (await this.checkAlone(ready.batch, false)));
        const next = this.take();
        if (!ready && !next) break;
        ready = await this.packet(ready && checked ? { batch: ready.batch, checked } : null, next);
      }
    } finally {
      this.running = false;
    }
  }

  private async checkAlone(batch: Pending[], stored: boolean): Promise<Checked> {
    try {
      const check = await checkStep(this.db, batch, this.cache, stored);
      return check.finish((await onePacket(this.pool, check.statements, [])).reads);
    } catch (err) {
      return { failed: err };
    }
  }

  /** Writes `ready` (answering its sends) and checks `next`, in one round trip. */
  private async packet(ready: { batch: Pending[]; checked: Checked } | null, next: Pending[] | null): Promise<Taken | null> {
    if (ready && 'failed' in ready.checked) {
      await this.oneByOne(ready.batch, ready.checked.failed);
      ready = null;
    }
    const check = next ? await checkStep(this.db, next, this.cache, false).catch(() => null) : null;
    const checked = ready?.checked as Exclude<Checked, { failed: unknown }> | undefined;
    const write = checked && checked.fresh.length ? writeStep(checked.fresh) : null;
    let results: { reads: unknown[]; writes: unknown[] } = { reads: [], writes: [] };
    try {
      if (check || write) results = await onePacket(this.pool, check?.statements ?? [], write?.statements ?? []);
      if (ready && checked) answer(ready.batch, checked.answers, write ? write.finish(results.writes) : new Map<Pending, SendOutcome>());
    } catch (err) {
      // nothing of the packet is used: the batch written goes the slow way, the next one is checked again
      if (ready) await this.rescue(ready.batch, err);
      return next ? { batch: next, checked: null } : null;
    }
    if (!next) return null;
    try {
      return { batch: next, checked: check ? check.finish(results.reads) : null };
    } catch {
      return { batch: next, checked: null };
    }
  }

  /** A batch whose write failed: checked again against the stored messages when a resend met the unique key, else one by one. */
  private async rescue(batch: Pending[], err: unknown) {
    if (isDuplicate(err)) {
      this.stats.rechecks++;
      try {
        const again = await this.checkAlone(batch, true);
        if ('failed' in again) throw again.failed;
        const write = again.fresh.length ? writeStep(again.fresh) : null;
        const written = write ? write.finish((await onePacket(this.pool, [], write.statements)).writes) : new Map<Pending, SendOutcome>();
        return answer(batch, again.answers, written);
      } catch (e) {
        err = e;
      }
    }
    await this.oneByOne(batch, err);
  }

  /** Each send of the batch alone, in order: the answer (or the error) it would have had alone. */
  private async oneByOne(batch: Pending[], err: unknown) {
    this.stats.fallbacks++;
    this.onFallback(err);
    for (const p of batch) await sendMessage(this.db, p.userId, p.conversationId, p.input, p.now).then(p.resolve, p.reject);
  }
}

const isDuplicate = (err: unknown) => (err as { errno?: number } | null)?.errno === 1062;

function answer(batch: Pending[], answers: Map<Pending, SendOutcome | AppError>, written: Map<Pending, SendOutcome>) {
  for (const p of batch) {
    const outcome = answers.get(p) ?? written.get(p);
    if (outcome === undefined) p.reject(new Error('a chat send left unanswered'));
    else if (outcome instanceof AppError) p.reject(outcome);
    else p.resolve(outcome);
  }
}

/**
 * Reads, then writes in one transaction (`start transaction; …; commit`), sent as one packet on
 * one of the queue's connections: one round trip. MariaDB stops at the first failing statement
 * and may leave the transaction open: it is rolled back before the connection goes back (a
 * connection that cannot roll back is closed, which rolls back).
 */
async function onePacket(pool: Pool, reads: string[], writes: string[]): Promise<{ reads: unknown[]; writes: unknown[] }> {
  const statements = [...reads, ...(writes.length ? ['start transaction', ...writes, 'commit'] : [])];
  const conn = await pool.getConnection();
  try {
    const [res] = await conn.query(statements.join(';\n'));
    conn.release();
    const all = statements.length === 1 ? [res] : (res as unknown[]);
    return { reads: all.slice(0, reads.length), writes: all.slice(reads.length + 1, reads.length + 1 + writes.length) };
  } catch (err) {
    await conn.query('rollback').then(
      () => conn.release(),
      () => conn.destroy(),
    );
    throw err;
  }
}
