import { datetime, index, int, json, mysqlTable } from 'drizzle-orm/mysql-core';
import { id } from './columns';

/**
 * The statistics reconcile (modules/stats/reconcile.ts): one row per run, what it found —
 * how many branches it rebuilt from their check-ins and which counters had drifted
 * (kept → rebuilt). Ops and the province's admins read it (GET /orgs/:orgId/stats/reconcile).
 */
export const statsReconcileRuns = mysqlTable(
  'stats_reconcile_runs',
  {
    id: id(),
    ranAt: datetime('ran_at', { mode: 'date', fsp: 3 }).notNull(),
    branchesChecked: int('branches_checked').notNull(),
    branchesDrifted: int('branches_drifted').notNull(),
    drift: json('drift').$type<{ branchId: string; columns: Record<string, [number, number]> }[]>().notNull(),
  },
  (t) => [index('stats_reconcile_runs_ran_at_idx').on(t.ranAt)],
);
