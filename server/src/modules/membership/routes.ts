import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorBodySchema,
  FormerMemberListSchema,
  MembershipDecisionSchema,
  MembershipExitRequestSchema,
  MembershipMemberParamsSchema,
  MembershipRequestListSchema,
  MembershipRequestParamsSchema,
  OrgIdParamsSchema,
} from '@tj/shared';
import { registerMembershipJobs } from './jobs';
import { decideRequest, formerMembers, listRequests, requestExit } from './service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const secured = { security: [{ bearer: [] }], tags: ['membership'] };

/** 团籍状态 (issue 16 part 3): exits with a reason and the superior's approval, the daily 28-year exit. */
export const membershipRoutes: FastifyPluginAsyncZod = async (app) => {
  registerMembershipJobs(app);

  app.post(
    '/orgs/:orgId/membership/members/:memberId/exit',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '申请团籍变更（自愿退团、开除团籍、自行脱团，须上级审批）',
        params: MembershipMemberParamsSchema,
        body: MembershipExitRequestSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await requestExit(app.db, req.orgContext, Number(req.params.memberId), req.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/orgs/:orgId/membership/requests',
    { onRequest: [app.requireOrg('admin')], schema: { ...secured, summary: '团籍变更申请', params: OrgIdParamsSchema, response: { 200: MembershipRequestListSchema, ...errors } } },
    async (req) => listRequests(app.db, req.orgContext),
  );

  app.post(
    '/orgs/:orgId/membership/requests/:requestId/decision',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '审批团籍变更申请（同意，或不同意并填写原因）',
        params: MembershipRequestParamsSchema,
        body: MembershipDecisionSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await decideRequest(app.db, req.orgContext, Number(req.params.requestId), req.body, app.clock.now());
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/orgs/:orgId/membership/former',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: { ...secured, summary: '已不再保留团籍的团员（保留记录）', params: OrgIdParamsSchema, response: { 200: FormerMemberListSchema, ...errors } },
    },
    async (req) => formerMembers(app.db, req.orgContext),
  );
};
