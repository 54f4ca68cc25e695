import fp from 'fastify-plugin';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { isActiveMembership, isCheckinApproved } from '@tj/shared';
import { checkins } from '../../db/schema';
import { AppError } from '../../errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireApprovedMember: the caller's approved check-in. */
    memberCheckin: typeof checkins.$inferSelect;
  }
  interface FastifyInstance {
    /**
     * onRequest guard for every member feature (§4.1 step 4 [001]): until the check-in is
     * approved the member can do nothing else — CHECKIN_REQUIRED (403) sends the client
     * to the status page. An edit waiting for review or returned still counts as approved.
     */
    requireApprovedMember: (request: FastifyRequest) => Promise<void>;
    /**
     * The same, also for a member who left (团籍状态 other than 正常, issue 16): only 认证资料 is
     * still theirs to see; every other member feature answers MEMBERSHIP_ENDED.
     */
    requireMemberRecord: (request: FastifyRequest) => Promise<void>;
  }
}

export default fp(
  async (app) => {
    app.decorateRequest('memberCheckin', null as unknown as typeof checkins.$inferSelect);
    const load = async (request: FastifyRequest) => {
      await app.authenticate(request, undefined as never);
      const [row] = await app.db
        .select()
        .from(checkins)
        .where(eq(checkins.userId, Number(request.user.sub)));
      if (!row || !isCheckinApproved(row.status)) throw new AppError('CHECKIN_REQUIRED');
      request.memberCheckin = row;
      return row;
    };
    app.decorate('requireMemberRecord', async (request: FastifyRequest) => {
      await load(request);
    });
    app.decorate('requireApprovedMember', async (request: FastifyRequest) => {
      const row = await load(request);
      if (!isActiveMembership(row.membershipStatus)) throw new AppError('MEMBERSHIP_ENDED');
    });
  },
  { name: 'member-guard', dependencies: ['auth', 'db'] },
);
