import { boolean, char, datetime, index, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { sealedText } from './sealed';
import { createdAt, id, ref, updatedAt } from './columns';
import { users } from './accounts';
import { orgs } from './orgs';
import type { CadreNature, Position } from '@tj/shared';

/**
 * §6.1 the cadre roster of an org: who may onboard there, with which position. A row is
 * offered to the account whose SMS-proven phone it names (and whose verified ID, if any, it
 * carries), and carries `user_id` only once that person confirmed it (issue 12).
 * Admins (§3.4, at most 2 per org) are roster rows with `is_admin`.
 */
export const rosterEntries = mysqlTable(
  'roster_entries',
  {
    id: id(),
    orgId: ref('org_id')
      .notNull()
      .references(() => orgs.id),
    name: varchar('name', { length: 30 }).notNull(),
    idEnc: varchar('id_enc', { length: 120 }).notNull(),
    idHash: char('id_hash', { length: 64 }).notNull(),
    phone: sealedText('phone', { length: 80 }).notNull(),
    position: varchar('position', { length: 32 }).$type<Position>().notNull(),
    cadreNature: varchar('cadre_nature', { length: 16 }).$type<CadreNature>(),
    isOperator: boolean('is_operator').notNull().default(false),
    isAdmin: boolean('is_admin').notNull().default(false),
    userId: ref('user_id').references(() => users.id),
    onboardedAt: datetime('onboarded_at', { mode: 'date', fsp: 3 }),
    /** The person the line names said 不是我: it is no longer offered; the admin sees it. */
    declinedAt: datetime('declined_at', { mode: 'date', fsp: 3 }),
    /** Last invitation SMS (§6.2); resends are limited by it. */
    lastInvitedAt: datetime('last_invited_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('roster_org_id_hash_uq').on(t.orgId, t.idHash),
    // §5.3 "holds a position" and cadre matching look a person up by ID hash alone
    // (docs/performance.md P1: without it every check-in submit scanned the roster).
    index('roster_id_hash_idx').on(t.idHash),
    index('roster_phone_idx').on(t.phone),
    // a person's lines; with onboarded_at, org and name it answers the chat's check of every
    // batch of sends (who is an onboarded cadre where, under which name) from the index alone
    index('roster_user_idx').on(t.userId, t.onboardedAt, t.orgId, t.name),
  ],
);

/**
 * §3.4 an admin of an org adding/removing an admin of its own org needs the direct superior's
 * approval; these are the requests waiting for it (a superior's own change applies at once).
 */
export const adminChangeRequests = mysqlTable(
  'admin_change_requests',
  {
    id: id(),
    orgId: ref('org_id').notNull(),
    rosterEntryId: ref('roster_entry_id').notNull(),
    makeAdmin: boolean('make_admin').notNull(),
    requestedBy: ref('requested_by').notNull(),
    status: varchar('status', { length: 16 }).$type<'pending' | 'approved' | 'rejected'>().notNull().default('pending'),
    decidedBy: ref('decided_by'),
    decidedAt: datetime('decided_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [index('admin_change_org_status_idx').on(t.orgId, t.status)],
);
