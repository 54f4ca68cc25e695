/**
 * P1's raw side (scripts/bench/measures.mjs): the statements of one check-in submit, as SQL
 * text and parameters, built by the very builders submitCheckin runs (member-service.ts,
 * rules.ts, stats/counters.ts, jobs/queue.ts, lib/audit.ts), so the baseline cannot drift
 * from the service. The raw side decides what the service decides (keep the real-name
 * answer or start a new check) from the row it locked; it sends no framework, validation or
 * decryption work — that difference is what P1 measures.
 */
import { eq, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/mysql2';
import { MySqlDialect } from 'drizzle-orm/mysql-core';
import type { CheckinStatus, RealNameStatus } from '@tj/shared';
import type { DbOrTx } from '../src/db/client';
import * as schema from '../src/db/schema';
import { checkins } from '../src/db/schema';
import { auditStatement } from '../src/lib/audit';
import { enqueueStatement } from '../src/jobs/queue';
import { checkinIdQuery, lockCheckinQuery } from '../src/modules/checkins/member-service';
import { realNameOnSubmit } from '../src/modules/checkins/real-name';
import { submitFactsQuery } from '../src/modules/checkins/rules';
import { checkinChangeStatements } from '../src/modules/stats/counters';

// Never connected: only asked for SQL text, so the pool it lacks is never used.
const db = drizzle.mock({ schema, mode: 'default' }) as unknown as DbOrTx;
const dialect = new MySqlDialect();
type Statement = [sql: string, params: unknown[]];
const of = (q: { toSQL(): { sql: string; params: unknown[] } }): Statement => {
  const { sql, params } = q.toSQL();
  return [sql, params];
};
const ofSql = (s: SQL): Statement => {
  const { sql, params } = dialect.sqlToQuery(s);
  return [sql, params];
};

export const checkinId = (userId: number) => of(checkinIdQuery(db, userId));
export const lock = (id: number) => of(lockCheckinQuery(db, id));

/** The locked row as mysql2 returns it (snake_case columns). */
export interface RawCheckin {
  id: number;
  user_id: number;
  branch_id: number;
  status: CheckinStatus | null;
  id_hash: string;
  development_number: string | null;
  /** MariaDB's JSON is LONGTEXT: mysql2 hands it over as text. */
  approved_data: string | Record<string, unknown> | null;
  real_name_status: RealNameStatus | null;
  real_name_generation: number;
  real_name_key: string | null;
}

export const facts = (r: RawCheckin) => of(submitFactsQuery(db, { branchId: r.branch_id, idHash: r.id_hash, userId: r.user_id, developmentNumber: r.development_number }));

/** The writes of the submit, in submitCheckin's order. */
export function writes(r: RawCheckin, now: Date): Statement[] {
  // The service keys the real-name answer by the decrypted name + ID; the raw side takes the
  // stored key as that (the same person submitting again), or the ID hash when there is none.
  const rn = realNameOnSubmit({ realNameStatus: r.real_name_status, realNameKey: r.real_name_key, realNameGeneration: r.real_name_generation }, r.real_name_key ?? r.id_hash);
  const set = { status: 'submitted' as const, submittedAt: now, returnReason: null, ...(rn.start ? rn.set : {}) };
  return [
    of(db.update(checkins).set(set).where(eq(checkins.id, r.id))),
    ...checkinChangeStatements(
      { branchId: r.branch_id, status: r.status, approvedData: (typeof r.approved_data === 'string' ? JSON.parse(r.approved_data) : r.approved_data) as Record<string, unknown> | null },
      { status: 'submitted' },
    ).map(ofSql),
    ...(rn.start ? [of(enqueueStatement(db, 'realName.verify', { checkinId: r.id, generation: rn.set.realNameGeneration, attempt: 1 }, now))] : []),
    of(
      auditStatement(db, {
        actorUserId: r.user_id,
        orgId: r.branch_id,
        action: 'checkin.submit',
        targetType: 'checkin',
        targetId: r.id,
        before: { status: r.status },
        after: { status: 'submitted', realNameStatus: rn.start ? rn.set.realNameStatus : r.real_name_status },
      }),
    ),
  ];
}
