import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DevNumberCorrectionSchema, ErrorBodySchema, MemberDetailSchema, MemberParamsSchema } from '@tj/shared';
import { memberDetail } from './detail';
import { correctDevNumber } from './dev-number';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const secured = { tags: ['cadre'], security: [{ bearer: [] }] };

export const membersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/members/:checkinId',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: { ...secured, summary: '团员详情（本组织及下级，身份证号、手机号脱敏）', params: MemberParamsSchema, response: { 200: MemberDetailSchema, ...errors } },
    },
    async (req) => memberDetail(app.db, app.pii, req.orgContext, Number(req.params.checkinId)),
  );

  app.put(
    '/orgs/:orgId/members/:checkinId/development-number',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '管理员修改团员发展团员编号（本支部或直属上级管理员）',
        params: MemberParamsSchema,
        body: DevNumberCorrectionSchema,
        response: { 200: z.object({ developmentNumber: z.string().nullable() }), ...errors },
      },
    },
    async (req) => correctDevNumber(app.db, app.pii, req.orgContext, Number(req.params.checkinId), req.body.developmentNumber),
  );
};
