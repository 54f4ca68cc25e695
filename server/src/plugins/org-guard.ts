import fp from 'fastify-plugin';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { orgs, rosterEntries } from '../db/schema';
import { AppError } from '../errors';
import { orgAccess, type OrgAccess, type OrgLevel } from '../lib/policy';

export type { OrgLevel } from '../lib/policy';

/**
 * The one permission check (§2): every org route carries `:orgId`; before any service code
 * runs — and before the body is parsed into anything (onRequest, ahead of validation) — the
 * caller's onboarded roster rows in that org and its ancestors decide the role, by the rules
 * of lib/policy.ts. The services get the answer as `request.orgContext` and ask it
 * (`contains`, `actsFor`, `isAdminOf`, …) instead of checking on their own.
 */
export type OrgContext = OrgAccess & {
  org: typeof orgs.$inferSelect;
  userId: number;
  /** Roster rows of the caller in this org itself (positions, flags). */
  ownEntries: (typeof rosterEntries.$inferSelect)[];
};

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
      and(eq(rosterEntries.userId, sql.placeholder('userId')), isNotNull(rosterEntries.onboardedAt), sql`locate(concat('/', ${rosterEntries.orgId}, '/'), ${orgs.path}) > 0`),
    )
    .where(eq(orgs.id, sql.placeholder('orgId')))
    .prepare();
}

export default fp(
  async (app) => {
    // built once: the hot path skips drizzle's query building
    const lookup = guardQuery(app.db);
    app.decorateRequest('orgContext', null as unknown as OrgContext);
    app.decorate('requireOrg', (level: OrgLevel) =>
      Object.assign(
        async (request: FastifyRequest) => {
          await app.authenticate(request, undefined as never);
          // onRequest runs before params validation: the same shape as OrgIdParamsSchema (digits only)
          const raw = (request.params as { orgId?: string }).orgId;
          const orgId = typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
          if (!Number.isSafeInteger(orgId) || orgId <= 0) throw new AppError('NOT_FOUND');
          const userId = Number(request.user.sub);
          const rows = await lookup.execute({ orgId, userId });
          // An org outside the caller's reach and a missing org answer alike: 403 reveals nothing.
          const [first] = rows;
          if (!first) throw new AppError('FORBIDDEN');
          const org = first.org;
          // in id order, as the two-statement guard gave them (ownEntries[0] is the position shown);
          // sorted here: an ORDER BY cost the database a filesort per request
          const entries = rows.flatMap((r) => (r.entry ? [r.entry] : [])).sort((a, b) => a.id - b.id);
          const ctx: OrgContext = {
            ...orgAccess(org, entries),
            org,
            userId,
            ownEntries: entries.filter((e) => e.orgId === org.id),
          };
          if (!ctx.allows(level)) throw new AppError('FORBIDDEN');
          request.orgContext = ctx;
        },
        { orgLevel: level },
      ),
    ); // the level stays readable on the route (the authorization matrix test derives its expectations from it)
  },
  { name: 'org-guard', dependencies: ['auth', 'db'] },
);
