import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/**
 * Keeps `orgs.cadre_count` equal to the org's number of roster lines: call it in the
 * transaction of every roster insert (delta > 0) and delete (delta < 0), BEFORE the insert or
 * delete. Taking the org row's exclusive lock first matters: an insert's foreign-key check holds
 * a shared lock on that row, and two inserts then upgrading it to update the count would
 * deadlock. Raw SQL so the org's `updated_at` (an edit of the org itself) stays as it was.
 */
export async function countRosterLines(db: DbOrTx, orgId: number, delta: number) {
  if (delta !== 0) await db.execute(sql`update orgs set cadre_count = cadre_count + ${delta} where id = ${orgId}`);
}
