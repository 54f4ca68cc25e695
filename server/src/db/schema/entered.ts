import { char, datetime, index, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt } from './columns';
import { users } from './accounts';

export type ClaimVerificationStatus = 'verifying' | 'passed' | 'failed';

/**
 * 认领团员信息 (issue 16 part 5): a person's request to have their name + ID verified by the
 * real-name check, so that a member record entered by an org under that ID can be bound to their
 * account (identity by proof: nothing is bound before the check passes). One row per attempt;
 * the account's latest row is its state. The ID is sealed like every ID (§9). `declined_checkin_id`
 * remembers a "不是我" so that record is not offered to this account again.
 */
export const memberClaims = mysqlTable(
  'member_claims',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    name: varchar('name', { length: 30 }).notNull(),
    idEnc: varchar('id_enc', { length: 120 }).notNull(),
    idHash: char('id_hash', { length: 64 }).notNull(),
    status: varchar('status', { length: 16 }).$type<ClaimVerificationStatus>().notNull(),
    attempts: int('attempts').notNull().default(0),
    declinedCheckinId: ref('declined_checkin_id'),
    decidedAt: datetime('decided_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('member_claims_user_idx').on(t.userId, t.id)],
);
