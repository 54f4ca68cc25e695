import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorBodySchema,
  IdentityCorrectionDecisionSchema,
  IdentityCorrectionItemSchema,
  IdentityCorrectionListSchema,
  IdentityCorrectionMemberParamsSchema,
  IdentityCorrectionParamsSchema,
  IdentityCorrectionRequestSchema,
  OrgIdParamsSchema,
} from '@tj/shared';
import { decide, listForProvince, myCorrection, requestForMember, requestOwn } from './service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const secured = { security: [{ bearer: [] }], tags: ['identity-corrections'] };
const MineSchema = z.object({ item: IdentityCorrectionItemSchema.nullable() });

/** [004 §一(一)1] 姓名、性别与身份证号码需上报省团委，由省团委进行编辑. */
export const identityCorrectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/identity-correction',
    { onRequest: [app.authenticate], schema: { ...secured, summary: '我的身份信息更正申请（最近一次）', response: { 200: MineSchema, ...errors } } },
    async (req) => myCorrection(app.db, app.pii, Number(req.user.sub)),
  );

  app.post(
    '/me/identity-correction',
    {
      onRequest: [app.authenticate],
      schema: { ...secured, summary: '申请更正姓名/性别/身份证号（附证明材料照片，由省团委审批）', body: IdentityCorrectionRequestSchema, response: { 201: MineSchema, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await requestOwn(app.db, app.pii, Number(req.user.sub), req.body)),
  );

  app.post(
    '/orgs/:orgId/identity-corrections/members/:memberId',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '为本支部团员申请更正姓名/性别/身份证号（由省团委审批）',
        params: IdentityCorrectionMemberParamsSchema,
        body: IdentityCorrectionRequestSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await requestForMember(app.db, app.pii, req.orgContext, Number(req.params.memberId), req.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/orgs/:orgId/identity-corrections',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...secured, summary: '身份信息更正申请（省团委管理员）', params: OrgIdParamsSchema, response: { 200: IdentityCorrectionListSchema, ...errors } },
    },
    async (req) => listForProvince(app.db, app.pii, req.orgContext),
  );

  app.post(
    '/orgs/:orgId/identity-corrections/:requestId/decision',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '审批身份信息更正（同意，或不同意并填写原因）',
        params: IdentityCorrectionParamsSchema,
        body: IdentityCorrectionDecisionSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await decide(app.db, app.pii, req.orgContext, Number(req.params.requestId), req.body, app.clock.now());
      return reply.status(204).send(null);
    },
  );
};
