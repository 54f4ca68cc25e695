import { desc, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { todayInChina, type StatsReconcile } from '@tj/shared';
import type { Db, DbOrTx } from '../../db/client';
import { branchStats, checkins, statsReconcileRuns } from '../../db/schema';
import { enqueueOnce } from '../../jobs/queue';
import { STATS_COLUMNS } from './columns';
import { rebuildBranchStats, tally } from './counters';

/**
 * The statistics reconcile: the counters are kept in the transaction of every check-in change
 * (counters.ts), so they should never drift — this checks it. A daily durable job takes a random
 * sample of branches, recounts them from their check-ins, and where a kept row differs it
 * rebuilds the branch (and its unit) under the branch row's lock, logs the drift and stores
 * the run (stats_reconcile_runs).
 */
export const JOB_STATS_RECONCILE = 'stats.reconcile';
/** Branches recounted per run (each is one read of its check-ins, ~17 rows). */
export const RECONCILE_SAMPLE = 500;
const DRIFT_KEPT = 50;

declare module '../../jobs/queue' {
  interface JobPayloads {
    [JOB_STATS_RECONCILE]: { day: string; branchIds?: number[] };
  }
}

type Drift = { branchId: string; columns: Record<string, [number, number]> };

/** The columns where `kept` differs from a recount of the branch's check-ins. */
async function driftOf(db: DbOrTx, ids: number[], lock: boolean): Promise<Drift[]> {
  if (ids.length === 0) return [];
  const q = db.select().from(branchStats).where(inArray(branchStats.branchId, ids));
  const kept = lock ? await q.for('update') : await q;
  const rows = await db
    .select({ branchId: checkins.branchId, status: checkins.status, approvedData: checkins.approvedData, membershipStatus: checkins.membershipStatus })
    .from(checkins)
    .where(inArray(checkins.branchId, ids));
  const counts = tally(rows);
  const keptBy = new Map(kept.map((k) => [k.branchId, k as unknown as Record<string, unknown>]));
  const out: Drift[] = [];
  for (const id of ids) {
    const k = keptBy.get(id);
    const c = counts.get(id);
    const columns: Record<string, [number, number]> = {};
    for (const col of STATS_COLUMNS) {
      const was = Number(k?.[col] ?? 0);
      const is = c?.get(col) ?? 0;
      if (was !== is) columns[col] = [was, is];
    }
    if (Object.keys(columns).length > 0) out.push({ branchId: String(id), columns });
  }
  return out;
}

/** Recounts `branchIds` (or a random sample), rebuilds the drifted ones, stores and returns the run. */
export async function reconcileStats(db: Db, now: Date, branchIds?: number[], sample = RECONCILE_SAMPLE) {
  const ids = branchIds ?? ((await db.execute(sql`select id from orgs where type = 'branch' order by rand() limit ${sample}`)) as unknown as [{ id: number }[]])[0].map((r) => Number(r.id));
  const suspects = (await driftOf(db, ids, false)).map((d) => Number(d.branchId));
  // a change committed between the two reads is no drift: confirm under the rows' locks, then rebuild
  const drift = suspects.length
    ? await db.transaction(async (tx) => {
        const found = await driftOf(tx, suspects, true);
        if (found.length)
          await rebuildBranchStats(
            tx,
            found.map((d) => Number(d.branchId)),
          );
        return found;
      })
    : [];
  await db.insert(statsReconcileRuns).values({ ranAt: now, branchesChecked: ids.length, branchesDrifted: drift.length, drift: drift.slice(0, DRIFT_KEPT) });
  return { branchesChecked: ids.length, drift };
}

/** The latest runs, newest first. */
export async function reconcileRuns(db: Db, limit = 10): Promise<StatsReconcile> {
  const rows = await db.select().from(statsReconcileRuns).orderBy(desc(statsReconcileRuns.id)).limit(limit);
  return {
    runs: rows.map((r) => ({ id: String(r.id), ranAt: r.ranAt.toISOString(), branchesChecked: r.branchesChecked, branchesDrifted: r.branchesDrifted, drift: r.drift })),
  };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** 03:30 in China, when few members submit. */
const runAtOf = (day: string) => new Date(`${day}T03:30:00+08:00`);

export async function scheduleReconcile(db: Db, day: string) {
  await enqueueOnce(db, JOB_STATS_RECONCILE, { day }, runAtOf(day), `${JOB_STATS_RECONCILE}:${day}`);
}

export function registerStatsJobs(app: FastifyInstance) {
  app.jobs.register(JOB_STATS_RECONCILE, async (p) => {
    const now = app.clock.now();
    const { branchesChecked, drift } = await reconcileStats(app.db, now, p.branchIds);
    if (drift.length > 0) app.log.warn({ branchesChecked, drifted: drift.length, drift: drift.slice(0, 5) }, 'statistics counters drifted; rebuilt');
    else app.log.info({ branchesChecked }, 'statistics counters reconciled');
    if (!p.branchIds) {
      const today = todayInChina(now);
      await scheduleReconcile(app.db, nextDay(p.day > today ? p.day : today));
    }
  });
  if (app.config.jobsEnabled) app.addHook('onReady', async () => scheduleReconcile(app.db, todayInChina(app.clock.now())));
}
