import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { Db } from '../../db/client';
import { auditLogs, orgs, users } from '../../db/schema';
import { descendantsLike } from '../../lib/org-path';
import type { OrgRow } from '../orgs/view';

/** The audit log of an org and its subtree, newest first, keyset-paginated by id. */
export async function listAudit(db: Db, org: OrgRow, cursor: number | undefined, limit: number) {
  const o = alias(orgs, 'o');
  const conds: SQL[] = [like(o.path, descendantsLike(org.path))];
  if (cursor) conds.push(lt(auditLogs.id, cursor));
  const rows = await db
    .select({ log: auditLogs, actorName: users.name, orgName: o.shortName })
    .from(auditLogs)
    .innerJoin(o, eq(o.id, auditLogs.orgId))
    .leftJoin(users, eq(users.id, auditLogs.actorUserId))
    .where(and(...conds))
    .orderBy(desc(auditLogs.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: String(r.log.id),
      actorName: r.actorName,
      orgName: r.orgName,
      action: r.log.action,
      targetType: r.log.targetType,
      targetId: r.log.targetId,
      before: r.log.before,
      after: r.log.after,
      createdAt: r.log.createdAt.toISOString(),
    })),
    nextCursor: rows.length > limit ? String(page[page.length - 1].log.id) : null,
  };
}
