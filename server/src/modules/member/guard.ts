import fp from 'fastify-plugin';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { isCheckinApproved } from '@tj/shared';
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
  }
}

export default fp(async (app) => {
  app.decorateRequest('memberCheckin', null as unknown as typeof checkins.$inferSelect);
  app.decorate('requireApprovedMember', async (request: FastifyRequest) => {
    await app.authenticate(request, undefined as never);
    const [row] = await app.db.select().from(checkins).where(eq(checkins.userId, Number(request.user.sub)));
    if (!row || !isCheckinApproved(row.status)) throw new AppError('CHECKIN_REQUIRED');
    request.memberCheckin = row;
  });
}, { name: 'member-guard', dependencies: ['auth', 'db'] });
