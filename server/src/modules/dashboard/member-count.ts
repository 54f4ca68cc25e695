import { sql, type SQL } from 'drizzle-orm';
import { isCheckinApproved } from '@tj/shared';
import { STATUS_KEYS, statusColumn } from '../stats/columns';

/**
 * Members of a subtree from the per-branch counters (`branch_stats`, kept in the transaction
 * of every check-in change) instead of counting check-ins (issue 8): a member is a check-in
 * counting as approved (§4.2, also while an edit waits), i.e. the sum of those state columns.
 */
const MEMBER_COLUMNS = STATUS_KEYS.filter((s) => s != null && isCheckinApproved(s)).map(statusColumn);

/** `a.st_approved + a.st_edit_submitted + …` over the counter row aliased `alias`. */
export const membersOfRow = (alias: string): SQL =>
  sql.join(
    MEMBER_COLUMNS.map((c) => sql`${sql.identifier(alias)}.${sql.identifier(c)}`),
    sql` + `,
  );
