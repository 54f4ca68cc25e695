import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbOrTx } from '../db/client';
import { jobs } from '../db/schema';

/**
 * Durable jobs: rows in `jobs`, claimed by one worker at a time.
 *
 * Claiming is one conditional UPDATE (… WHERE status='pending' AND run_at <= now ORDER BY
 * run_at LIMIT n) that writes a token unique to this claim into `locked_by`; InnoDB's row
 * locks make two instances' UPDATEs take disjoint rows, and the claimed rows are then read
 * back by that token. A claim holds a lease (`locked_until`); a worker that dies leaves
 * its rows `running` past the lease and the next claim takes them back (crash safety).
 * Handlers must tolerate running again after such a takeover (ours check state first).
 */
export type JobRow = typeof jobs.$inferSelect;

/**
 * The payload type of each job kind. A module declares its kinds next to their handler by
 * declaration merging (`declare module '../../jobs/queue' { interface JobPayloads { … } }`),
 * so the queue imports nothing of the modules; a kind declared nowhere (tests) takes any
 * JSON object.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface JobPayloads {}
export type JobPayload<K extends string> = K extends keyof JobPayloads ? JobPayloads[K] : Record<string, unknown>;
export type JobHandler<K extends string = string> = (payload: JobPayload<K>, job: JobRow) => Promise<void>;

export interface QueueOptions {
  leaseSeconds: number;
}

/**
 * Schedules the occurrence `dedupeKey` of a periodic job once: a second call (another instance,
 * a restart, the job scheduling its successor again after a lease takeover) changes nothing.
 */
export async function enqueueOnce<K extends string>(db: DbOrTx, kind: K, payload: JobPayload<K>, runAt: Date, dedupeKey: string): Promise<void> {
  await db
    .insert(jobs)
    .values({ kind, payload: payload as Record<string, unknown>, runAt, status: 'pending', dedupeKey })
    .onDuplicateKeyUpdate({ set: { dedupeKey: sql`${jobs.dedupeKey}` } });
}

/** Schedules `kind` at `runAt` (default: now), in the caller's transaction when given one. */
export async function enqueue<K extends string>(db: DbOrTx, kind: K, payload: JobPayload<K>, runAt: Date, opts: { maxAttempts?: number } = {}): Promise<number> {
  const [res] = await enqueueStatement(db, kind, payload, runAt, opts);
  return Number(res.insertId);
}

/** enqueue's statement; the bench's raw side (scripts/bench) sends the same one. */
export const enqueueStatement = <K extends string>(db: DbOrTx, kind: K, payload: JobPayload<K>, runAt: Date, opts: { maxAttempts?: number } = {}) =>
  // The JSON column stores any object; the kind's type is what `register` hands back.
  db.insert(jobs).values({ kind, payload: payload as Record<string, unknown>, runAt, status: 'pending', ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}) });

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min … capped at 1 h. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

const isDeadlock = (err: unknown) => {
  const code = (err as { code?: string; cause?: { code?: string } })?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
};

/**
 * A job's own bookkeeping statement, run again when InnoDB picks it as a deadlock victim (two
 * instances claiming and finishing at once): losing "done" to a deadlock would turn a job that
 * ran into a retry and run it twice.
 */
async function settle(write: () => Promise<unknown>): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      await write();
      return;
    } catch (err) {
      if (!isDeadlock(err) || tries >= 5) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (tries + 1)));
    }
  }
}

export class JobQueue {
  /** Identifies this process in `locked_by` (host, pid, random), for operators reading the table. */
  readonly instanceId = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  /** Each handler under the kind it was registered for, so it only gets that kind's payloads. */
  private readonly handlers = new Map<string, (payload: unknown, job: JobRow) => Promise<void>>();
  private claimSeq = 0;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly opts: QueueOptions,
  ) {}

  register<K extends string>(kind: K, handler: JobHandler<K>): void {
    this.handlers.set(kind, handler as (payload: unknown, job: JobRow) => Promise<void>);
  }

  /** Expired leases go back to pending (or to failed when out of attempts). */
  private async reclaimExpired(now: Date): Promise<void> {
    await this.db
      .update(jobs)
      .set({
        status: sql`if(${jobs.attempts} >= ${jobs.maxAttempts}, 'failed', 'pending')`,
        lockedBy: null,
        lockedUntil: null,
        lastError: sql`coalesce(${jobs.lastError}, 'lease expired')`,
      })
      .where(and(eq(jobs.status, 'running'), lte(jobs.lockedUntil, now)));
  }

  /** Claims up to `limit` due jobs of the registered kinds for this worker. */
  async claim(now: Date, limit: number): Promise<JobRow[]> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return [];
    const token = `${this.instanceId}/${++this.claimSeq}`;
    const lockedUntil = new Date(now.getTime() + this.opts.leaseSeconds * 1000);
    for (let tries = 0; ; tries++) {
      try {
        await this.reclaimExpired(now);
        await this.db
          .update(jobs)
          .set({ status: 'running', lockedBy: token, lockedUntil, attempts: sql`${jobs.attempts} + 1` })
          .where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, now), inArray(jobs.kind, kinds)))
          .orderBy(jobs.runAt, jobs.id)
          .limit(limit);
        break;
      } catch (err) {
        // Two claimers can deadlock on the index; the loser simply tries again.
        if (!isDeadlock(err) || tries >= 5) throw err;
      }
    }
    return this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.lockedBy, token), eq(jobs.status, 'running')));
  }

  /** Runs one claimed job; the outcome is written only while this claim still holds it. */
  async runOne(job: JobRow, now: () => Date): Promise<void> {
    const handler = this.handlers.get(job.kind);
    const mine = and(eq(jobs.id, job.id), eq(jobs.lockedBy, job.lockedBy ?? ''), eq(jobs.status, 'running'));
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload, job);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = job.attempts >= job.maxAttempts;
      this.log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, final, err: message }, 'job failed');
      await settle(() =>
        this.db
          .update(jobs)
          .set({
            status: final ? 'failed' : 'pending',
            runAt: final ? job.runAt : new Date(now().getTime() + backoffMs(job.attempts)),
            lockedBy: null,
            lockedUntil: null,
            lastError: message.slice(0, 500),
          })
          .where(mine),
      );
      return;
    }
    await settle(() => this.db.update(jobs).set({ status: 'done', lockedBy: null, lockedUntil: null, lastError: null }).where(mine));
  }

  /** Claims and runs due jobs until none is left due at `now`; returns how many ran. */
  async runDue(now: () => Date, batchSize = 20): Promise<number> {
    let ran = 0;
    for (;;) {
      const batch = await this.claim(now(), batchSize);
      if (batch.length === 0) return ran;
      for (const job of batch) await this.runOne(job, now);
      ran += batch.length;
    }
  }
}
