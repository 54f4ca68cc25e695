import { and, eq, isNotNull, like, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { checkins, orgs, rosterEntries, users } from '../../db/schema';
import { AppError } from '../../errors';
import { descendantsLike } from '../../lib/org-path';
import { issueResetCode, RESET_CODE_TTL_HOURS } from '../accounts/service';
import type { OrgContext } from '../../plugins/org-guard';

/**
 * §10 for a person who lost their phone: an admin issues a one-time code, but only for an
 * account that belongs to its subtree — a roster entry there (cadres), or a submitted
 * check-in in one of its branches (members: a draft alone does not make someone a member) —
 * never for anyone else.
 */
export async function issueResetCodeInSubtree(db: Db, ctx: OrgContext, phone: string, now: Date) {
  const [person] = await db
    .select({ userId: users.id, name: users.name })
    .from(users)
    .innerJoin(rosterEntries, eq(rosterEntries.userId, users.id))
    .innerJoin(orgs, eq(orgs.id, rosterEntries.orgId))
    .where(and(eq(users.phone, phone), like(orgs.path, descendantsLike(ctx.org.path))))
    .limit(1);
  const member = person
    ? undefined
    : (
        await db
          .select({ userId: users.id, name: sql<string | null>`coalesce(${users.name}, json_unquote(json_extract(${checkins.draft}, '$.name')))` })
          .from(users)
          .innerJoin(checkins, eq(checkins.userId, users.id))
          .innerJoin(orgs, eq(orgs.id, checkins.branchId))
          .where(and(eq(users.phone, phone), isNotNull(checkins.status), like(orgs.path, descendantsLike(ctx.org.path))))
          .limit(1)
      )[0];
  const found = person ?? member;
  if (!found) throw new AppError('PERSON_NOT_IN_SUBTREE', 'phone');
  const code = await issueResetCode(db, { userId: found.userId, issuedBy: ctx.userId, orgId: ctx.org.id }, now);
  return { name: found.name, code, expiresAt: new Date(now.getTime() + RESET_CODE_TTL_HOURS * 3600_000).toISOString() };
}
