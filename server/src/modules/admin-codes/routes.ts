import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AdminCodeIssuedSchema,
  AdminCodeLookupSchema,
  AdminCodeTargetSchema,
  AdminRegisterSchema,
  ErrorBodySchema,
  OrgChildParamsSchema,
  OrgIdParamsSchema,
  TokenResponseSchema,
} from '@tj/shared';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { attachment, XLSX_MIME } from '../../lib/excel';
import { issueTokens } from '../auth/service';
import { createTokenSigner } from '../auth/signer';
import { ancestorNames } from '../orgs/view';
import { ancestorIds } from '../../lib/org-path';
import { exportCodes, issueCode, lookupCode, registerAdmin } from './service';
import { secretGuessRateLimit } from '../auth/rate-limit';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };

export const adminCodeRoutes: FastifyPluginAsyncZod = async (app) => {
  const signer = createTokenSigner(app, app.config);

  app.post(
    '/orgs/:orgId/children/:childId/admin-code',
    {
      preHandler: app.requireOrg('admin'),
      schema: { tags: ['admin-codes'], security: [{ bearer: [] }], summary: '为直属下级组织生成管理员注册码', params: OrgChildParamsSchema, response: { 200: AdminCodeIssuedSchema, ...errors } },
    },
    async (req) => issueCode(app.db, req.orgContext, req.orgContext.org, Number(req.params.childId), app.clock.now()),
  );

  app.get(
    '/orgs/:orgId/admin-codes.xlsx',
    {
      preHandler: app.requireOrg('admin'),
      schema: { tags: ['admin-codes'], security: [{ bearer: [] }], summary: '导出全部直属下级组织的管理员注册码（Excel）', params: OrgIdParamsSchema },
    },
    async (req, reply) => {
      const file = await exportCodes(app.db, req.orgContext, req.orgContext.org, app.clock.now());
      return reply.type(XLSX_MIME).header('content-disposition', attachment(`${req.orgContext.org.shortName}-管理员注册码.xlsx`)).send(file);
    },
  );

  app.post(
    '/admin-codes/lookup',
    { config: secretGuessRateLimit(app.config), schema: { tags: ['admin-codes'], summary: '查询注册码所属组织（注册前确认）', body: AdminCodeLookupSchema, response: { 200: AdminCodeTargetSchema, ...errors } } },
    async (req) => {
      const { org } = await lookupCode(app.db, req.body.code, app.clock.now());
      const names = await ancestorNames(app.db, [org]);
      return {
        orgId: String(org.id),
        shortName: org.shortName,
        fullName: org.fullName,
        type: org.type,
        pathNames: ancestorIds(org.path).map((id) => names.get(id) ?? ''),
      };
    },
  );

  app.post(
    '/auth/admin-register',
    { config: secretGuessRateLimit(app.config), schema: { tags: ['admin-codes'], summary: '使用管理员注册码注册', body: AdminRegisterSchema, response: { 200: TokenResponseSchema, ...errors } } },
    async (req) => {
      const { userId } = await registerAdmin(app.db, { pii: app.pii }, req.body, app.clock.now());
      const [user] = await app.db.select().from(users).where(eq(users.id, userId));
      return issueTokens(app.db, signer, user);
    },
  );
};
