import fp from 'fastify-plugin';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { orgs, rosterEntries } from '../db/schema';
import { AppError } from '../errors';

/**
 * The one permission check (§2): every org route carries `:orgId`; before any service code
 * runs, the caller's onboarded roster rows in that org and its ancestors decide the role.
 *  - 'cadre'    query the org and its subtree: a cadre of the org or of any ancestor
 *  - 'operator' review / alias: an operator or admin of the org itself, or an admin above
 *  - 'admin'    build the tree, roster, codes, QR: an admin of the org or of any ancestor
 * *(decision)* An admin's reach covers its whole subtree, so a provincial admin can fix any
 * org below it; nothing outside the subtree is ever reachable.
 */
export type OrgLevel = 'cadre' | 'operator' | 'admin';

export interface OrgContext {
  org: typeof orgs.$inferSelect;
  userId: number;
  /** Roster rows of the caller in this org itself (positions, flags). */
  ownEntries: (typeof rosterEntries.$inferSelect)[];
  isAdminHere: boolean;
  isAdminAbove: boolean;
  isOperatorHere: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    orgContext: OrgContext;
  }
  interface FastifyInstance {
    requireOrg(level: OrgLevel): ((request: FastifyRequest) => Promise<void>) & { orgLevel: OrgLevel };
  }
}

/**
 * The org and the caller's onboarded roster rows in its chain (the org and its ancestors), in
 * one statement: every org route runs it first, so one round trip instead of two (issue 8).
 * A row of org `a` is in the chain of `o` exactly when `/a/` occurs in `o`'s materialized path;
 * the caller's few rows come by `roster_user_idx`, the org by its primary key.
 */
function guardQuery(db: Db) {
  return db
    .select({ org: orgs, entry: rosterEntries })
    .from(orgs)
    .leftJoin(
      rosterEntries,
      and(
        eq(rosterEntries.userId, sql.placeholder('userId')),
        isNotNull(rosterEntries.onboardedAt),
        sql`locate(concat('/', ${rosterEntries.orgId}, '/'), ${orgs.path}) > 0`,
      ),
    )
    .where(eq(orgs.id, sql.placeholder('orgId')))
    .prepare();
}

export default fp(async (app) => {
  // built once: the hot path skips drizzle's query building
  const lookup = guardQuery(app.db);
  app.decorateRequest('orgContext', null as unknown as OrgContext);
  app.decorate('requireOrg', (level: OrgLevel) => Object.assign(async (request: FastifyRequest) => {
    await app.authenticate(request, undefined as never);
    const orgId = Number((request.params as { orgId?: string }).orgId);
    if (!Number.isSafeInteger(orgId) || orgId <= 0) throw new AppError('NOT_FOUND');
    const userId = Number(request.user.sub);
    const rows = await lookup.execute({ orgId, userId });
    // An org outside the caller's reach and a missing org answer alike: 403 reveals nothing.
    if (rows.length === 0) throw new AppError('FORBIDDEN');
    const org = rows[0].org;
    // in id order, as the two-statement guard gave them (ownEntries[0] is the position shown);
    // sorted here: an ORDER BY cost the database a filesort per request
    const entries = rows.flatMap((r) => (r.entry ? [r.entry] : [])).sort((a, b) => a.id - b.id);
    const ownEntries = entries.filter((e) => e.orgId === org.id);
    const above = entries.filter((e) => e.orgId !== org.id);
    const ctx: OrgContext = {
      org,
      userId,
      ownEntries,
      isAdminHere: ownEntries.some((e) => e.isAdmin),
      isAdminAbove: above.some((e) => e.isAdmin),
      isOperatorHere: ownEntries.some((e) => e.isOperator || e.isAdmin),
    };
    const allowed =
      level === 'cadre'
        ? entries.length > 0
        : level === 'operator'
          ? ctx.isOperatorHere || ctx.isAdminAbove
          : ctx.isAdminHere || ctx.isAdminAbove;
    if (!allowed) throw new AppError('FORBIDDEN');
    request.orgContext = ctx;
  }, { orgLevel: level })); // the level stays readable on the route (the authorization matrix test derives its expectations from it)
}, { name: 'org-guard', dependencies: ['auth', 'db'] });
