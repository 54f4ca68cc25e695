import { datetime, index, int, json, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, updatedAt } from './columns';

/**
 * Durable scheduled work (jobs/queue.ts): a row per job, so a restart loses nothing. A worker
 * claims due rows by writing its token into `locked_by` with a lease (`locked_until`); a lease
 * that runs out (the worker died) makes the row claimable again.
 */
export const jobs = mysqlTable(
  'jobs',
  {
    id: id(),
    kind: varchar('kind', { length: 48 }).notNull(),
    payload: json('payload').$type<Record<string, unknown>>().notNull(),
    runAt: datetime('run_at', { mode: 'date', fsp: 3 }).notNull(),
    status: varchar('status', { length: 16 }).$type<'pending' | 'running' | 'done' | 'failed'>().notNull().default('pending'),
    attempts: int('attempts').notNull().default(0),
    maxAttempts: int('max_attempts').notNull().default(5),
    lockedBy: varchar('locked_by', { length: 80 }),
    lockedUntil: datetime('locked_until', { mode: 'date', fsp: 3 }),
    lastError: varchar('last_error', { length: 500 }),
    /**
     * A periodic job's occurrence ('graduation.convert:2027'): unique, so two instances scheduling
     * the same occurrence write one row, and a done occurrence is never scheduled again.
     */
    dedupeKey: varchar('dedupe_key', { length: 80 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('jobs_dedupe_key_uq').on(t.dedupeKey), index('jobs_status_run_at_idx').on(t.status, t.runAt), index('jobs_locked_by_idx').on(t.lockedBy)],
);
