import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ClaimParamsSchema,
  ClaimVerifySchema,
  EnteredListQuerySchema,
  EnteredMemberDetailSchema,
  EnteredMemberPageSchema,
  EnteredMemberParamsSchema,
  ErrorBodySchema,
  ImportResultSchema,
  MyClaimSchema,
  OrgIdParamsSchema,
} from '@tj/shared';
import { attachment, XLSX_MIME } from '../../lib/excel';
import { readXlsxUpload } from '../../lib/upload';
import { CLAIM_VERIFY_JOB, confirmClaim, declineClaim, myClaim, requestVerification, runClaimVerification } from './claim';
import { enteredTemplate, importEntered } from './import';
import { enterMember, enteredDetail, listEntered, updateEntered } from './service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const secured = { security: [{ bearer: [] }], tags: ['entered-members'] };

/** 团员录入与认领 (issue 16 part 5, [004 §二(一)] 团员列表). */
export const enteredRoutes: FastifyPluginAsyncZod = async (app) => {
  app.jobs.register(CLAIM_VERIFY_JOB, (payload) => runClaimVerification({ db: app.db, pii: app.pii, verifier: app.realName, now: () => app.clock.now() }, payload));
  const deps = () => ({ pii: app.pii, now: app.clock.now() });

  app.get(
    '/orgs/:orgId/entered-members',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '录入的团员（按姓名、身份证号或发展团员编号查找）',
        params: OrgIdParamsSchema,
        querystring: EnteredListQuerySchema,
        response: { 200: EnteredMemberPageSchema, ...errors },
      },
    },
    async (req) => listEntered(app.db, app.pii, req.orgContext, req.query),
  );

  app.post(
    '/orgs/:orgId/entered-members',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '录入团员（团支部；认证资料同团员报到）',
        params: OrgIdParamsSchema,
        body: z.record(z.string(), z.unknown()),
        response: { 201: EnteredMemberDetailSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await enterMember(app.db, deps(), req.orgContext, req.body)),
  );

  app.get(
    '/orgs/:orgId/entered-members/:memberId',
    { onRequest: [app.requireOrg('admin')], schema: { ...secured, summary: '录入的团员详情', params: EnteredMemberParamsSchema, response: { 200: EnteredMemberDetailSchema, ...errors } } },
    async (req) => enteredDetail(app.db, app.pii, req.orgContext, Number(req.params.memberId)),
  );

  app.put(
    '/orgs/:orgId/entered-members/:memberId',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '修改录入的团员信息（本人认领前）',
        params: EnteredMemberParamsSchema,
        body: z.record(z.string(), z.unknown()),
        response: { 200: EnteredMemberDetailSchema, ...errors },
      },
    },
    async (req) => updateEntered(app.db, deps(), req.orgContext, Number(req.params.memberId), req.body),
  );

  app.get(
    '/orgs/:orgId/entered-members-import/template.xlsx',
    { onRequest: [app.requireOrg('admin')], schema: { ...secured, summary: '团员导入模板（Excel）', params: OrgIdParamsSchema } },
    async (_req, reply) =>
      reply
        .type(XLSX_MIME)
        .header('content-disposition', attachment('团员导入模板.xlsx'))
        .send(await enteredTemplate()),
  );

  app.post(
    '/orgs/:orgId/entered-members-import',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '从Excel批量导入团员（全部成功或全部不导入）',
        consumes: ['multipart/form-data'],
        params: OrgIdParamsSchema,
        response: { 200: ImportResultSchema, ...errors },
      },
    },
    async (req) => importEntered(app.db, deps(), req.orgContext, await readXlsxUpload(req)),
  );

  const member = { security: [{ bearer: [] }], tags: ['member'] };
  app.get('/me/member-claim', { onRequest: [app.authenticate], schema: { ...member, summary: '认领团员信息：状态', response: { 200: MyClaimSchema, ...errors } } }, async (req) =>
    myClaim(app.db, Number(req.user.sub)),
  );

  app.post(
    '/me/member-claim/verify',
    { onRequest: [app.authenticate], schema: { ...member, summary: '认领团员信息：实名验证', body: ClaimVerifySchema, response: { 200: MyClaimSchema, ...errors } } },
    async (req) => {
      const result = await requestVerification(app.db, app.pii, Number(req.user.sub), req.body, app.clock.now());
      app.jobs.kick();
      return result;
    },
  );

  app.post(
    '/me/member-claim/:memberId/confirm',
    { onRequest: [app.authenticate], schema: { ...member, summary: '认领团员信息：确认是我', params: ClaimParamsSchema, response: { 200: MyClaimSchema, ...errors } } },
    async (req) => confirmClaim(app.db, Number(req.user.sub), Number(req.params.memberId), app.clock.now()),
  );

  app.post(
    '/me/member-claim/:memberId/decline',
    { onRequest: [app.authenticate], schema: { ...member, summary: '认领团员信息：不是我', params: ClaimParamsSchema, response: { 200: MyClaimSchema, ...errors } } },
    async (req) => declineClaim(app.db, app.pii, Number(req.user.sub), Number(req.params.memberId), app.clock.now()),
  );
};
