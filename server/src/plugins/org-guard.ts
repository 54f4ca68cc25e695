import fp from 'fastify-plugin';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { orgs, rosterEntries } from '../db/schema';
import { AppError } from '../errors';
import { ancestorIds } from '../lib/org-path';

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
    requireOrg(level: OrgLevel): (request: FastifyRequest) => Promise<void>;
  }
}

export default fp(async (app) => {
  app.decorateRequest('orgContext', null as unknown as OrgContext);
  app.decorate('requireOrg', (level: OrgLevel) => async (request: FastifyRequest) => {
    await app.authenticate(request, undefined as never);
    const orgId = Number((request.params as { orgId?: string }).orgId);
    if (!Number.isSafeInteger(orgId) || orgId <= 0) throw new AppError('NOT_FOUND');
    const userId = Number(request.user.sub);
    const [org] = await app.db.select().from(orgs).where(eq(orgs.id, orgId)).limit(1);
    // An org outside the caller's reach and a missing org answer alike: 403 reveals nothing.
    if (!org) throw new AppError('FORBIDDEN');
    const chain = [...ancestorIds(org.path), org.id];
    const entries = await app.db
      .select()
      .from(rosterEntries)
      .where(and(eq(rosterEntries.userId, userId), inArray(rosterEntries.orgId, chain), isNotNull(rosterEntries.onboardedAt)));
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
  });
}, { name: 'org-guard', dependencies: ['auth', 'db'] });
