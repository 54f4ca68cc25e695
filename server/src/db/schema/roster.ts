import { boolean, char, datetime, index, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt } from './columns';

/**
 * §6.1 the cadre roster of an org: who may onboard there, with which position. A row is
 * matched to an account by phone (and ID hash) at onboarding and then carries `user_id`.
 * Admins (§3.4, at most 2 per org) are roster rows with `is_admin`.
 */
export const rosterEntries = mysqlTable(
  'roster_entries',
  {
    id: id(),
    orgId: ref('org_id').notNull(),
    name: varchar('name', { length: 30 }).notNull(),
    idEnc: varchar('id_enc', { length: 120 }).notNull(),
    idHash: char('id_hash', { length: 64 }).notNull(),
    phone: varchar('phone', { length: 11 }).notNull(),
    position: varchar('position', { length: 32 }).notNull(),
    cadreNature: varchar('cadre_nature', { length: 16 }),
    isOperator: boolean('is_operator').notNull().default(false),
    isAdmin: boolean('is_admin').notNull().default(false),
    userId: ref('user_id'),
    onboardedAt: datetime('onboarded_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('roster_org_id_hash_uq').on(t.orgId, t.idHash),
    index('roster_phone_idx').on(t.phone),
    index('roster_user_idx').on(t.userId),
  ],
);
