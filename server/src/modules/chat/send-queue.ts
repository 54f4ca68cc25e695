import type { Pool } from 'mysql2/promise';
import type { ChatSend } from '@tj/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { isRetryableLockError } from '../../lib/mysql-errors';
import { checkStep, ConversationCache, writeStep, type Checked, type Pending } from './batch';
import { sendMessage, type SendOutcome } from './service';

/**
 * Sends in one transaction at most (a bound on the time rows stay locked and on the packet: 256
 * texts of 2,000 characters as hex JSON are ~6 MB at worst — control characters escape to
 * `\u00XX` — under MariaDB's max_allowed_packet of 16 MB).
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
 * checked again with them and written; a write that lost a deadlock (or, on Galera, its
 * certification) is sent again. A batch that still fails (a lost connection) is sent again
 * message by message through `sendMessage`, idempotent per (conversation, sender, clientMsgId).
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
type CheckedOk = Exclude<Checked, { failed: unknown }>;

/** A write that lost a deadlock or, on Galera, its certification is sent again this often before the one-by-one way. */
const WRITE_RETRIES = 2;
/** A packet that has not come back by then is given up (its connection closed): a dead node must not hold a lane. */
const PACKET_TIMEOUT_MS = 30_000;

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
    let ready: Taken | null = null;
    let next: Pending[] | null = null;
    try {
      for (;;) {
        // a batch whose check was lost with a failed packet is checked on its own; one refused
        // for a peer without a look at the stored copies, again with them
        let checked = ready && (ready.checked ?? (await this.checkAlone(ready.batch, false)));
        if (ready && checked && 'unsure' in checked && checked.unsure) checked = await this.checkAlone(ready.batch, true);
        next = this.take();
        if (!ready && !next) break;
        ready = await this.packet(ready && checked ? { batch: ready.batch, checked } : null, next);
        next = null;
      }
    } catch (err) {
      // a defect, not a database error (those are answered where they happen): no send may wait
      // forever (a send already answered ignores this)
      for (const p of [...(ready?.batch ?? []), ...(next ?? [])]) p.reject(err);
      this.onFallback(err);
    } finally {
      this.running = false;
      if (this.waiting.length) void this.run();
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
    const checked = ready?.checked as CheckedOk | undefined;
    let results: { reads: unknown[]; writes: unknown[] } = { reads: [], writes: [] };
    try {
      const write = checked && checked.fresh.length ? writeStep(checked.fresh) : null;
      if (check || write) results = await onePacket(this.pool, check?.statements ?? [], write?.statements ?? []);
      if (ready && checked) answer(ready.batch, checked.answers, write ? write.finish(results.writes) : new Map<Pending, SendOutcome>());
    } catch (err) {
      // nothing of the packet is used: the batch written goes the slow way, the next one is checked again
      if (ready && checked) await this.rescue(ready.batch, checked, err);
      return next ? { batch: next, checked: null } : null;
    }
    if (!next) return null;
    try {
      return { batch: next, checked: check ? check.finish(results.reads) : null };
    } catch {
      return { batch: next, checked: null };
    }
  }

  /**
   * A batch whose write failed: written again after a deadlock or a lost certification (its
   * transaction was rolled back); checked again against the stored messages when a resend met
   * the unique key; else one by one.
   */
  private async rescue(batch: Pending[], checked: CheckedOk, err: unknown) {
    const writeAgain = async (c: CheckedOk) => {
      const write = c.fresh.length ? writeStep(c.fresh) : null;
      answer(batch, c.answers, write ? write.finish((await onePacket(this.pool, [], write.statements)).writes) : new Map<Pending, SendOutcome>());
    };
    for (let attempt = 1; isRetryableLockError(err) && attempt <= WRITE_RETRIES; attempt++) {
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
      try {
        return await writeAgain(checked);
      } catch (e) {
        err = e;
      }
    }
    if (isDuplicate(err)) {
      this.stats.rechecks++;
      try {
        const again = await this.checkAlone(batch, true);
        if ('failed' in again) throw again.failed;
        return await writeAgain(again);
      } catch (e) {
        err = e;
      }
    }
    await this.oneByOne(batch, err);
  }

  /**
   * Each send of the batch alone, in order: the answer (or the error) it would have had alone —
   * and pushed even when its copy was already stored: the batch may have committed before it
   * failed (a connection lost after COMMIT) and then nobody pushed it; a device that has the
   * message already merges the copy away (by sender and client id, `mergeMessages`).
   */
  private async oneByOne(batch: Pending[], err: unknown) {
    this.stats.fallbacks++;
    this.onFallback(err);
    for (const p of batch) await sendMessage(this.db, p.userId, p.conversationId, p.input, p.now).then((o) => p.resolve({ ...o, created: true }), p.reject);
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
    const [res] = await conn.query({ sql: statements.join(';\n'), timeout: PACKET_TIMEOUT_MS });
    conn.release();
    const all = statements.length === 1 ? [res] : (res as unknown[]);
    return { reads: all.slice(0, reads.length), writes: all.slice(reads.length + 1, reads.length + 1 + writes.length) };
  } catch (err) {
    // a packet past its time may still be running on the server: that connection is closed
    if ((err as { code?: string }).code === 'PROTOCOL_SEQUENCE_TIMEOUT') conn.destroy();
    else
      await conn.query('rollback').then(
        () => conn.release(),
        () => conn.destroy(),
      );
    throw err;
  }
}
