import { index, json, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref } from './columns';
import type { AuditAction } from '@tj/shared';

/** §9 every change: who, in which org, what, a before/after summary, when. */
export const auditLogs = mysqlTable(
  'audit_logs',
  {
    id: id(),
    actorUserId: ref('actor_user_id'),
    orgId: ref('org_id'),
    action: varchar('action', { length: 48 }).$type<AuditAction>().notNull(),
    targetType: varchar('target_type', { length: 24 }).notNull(),
    targetId: varchar('target_id', { length: 32 }),
    before: json('before'),
    after: json('after'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_org_time_idx').on(t.orgId, t.createdAt)],
);
