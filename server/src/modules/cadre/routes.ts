import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CadreEntryResultSchema,
  CadreEntrySchema,
  CadreListSchema,
  CadreOrgSchema,
  ErrorBodySchema,
  InvitationPreviewSchema,
  InviteResultSchema,
  OrgIdParamsSchema,
  PageQuerySchema,
  RosterEntryParamsSchema,
  RosterParamsSchema,
  SetAliasSchema,
} from '@tj/shared';
import { createLinkTokens } from '../../lib/signed-token';
import { publicRateLimit } from '../auth/rate-limit';
import {
  changeAlias,
  confirmEntry,
  declineEntry,
  enter,
  inviteAll,
  inviteEntry,
  invitationPreview,
  listCadres,
  setFirstAlias,
  setPosition,
  type EntryDeps,
  type InviteDeps,
} from './service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 429: ErrorBodySchema };
const tags = ['cadre'];
const secured = { tags, security: [{ bearer: [] }] };
const INVITATION_DAYS = 7;

export const cadreRoutes: FastifyPluginAsyncZod = async (app) => {
  const links = createLinkTokens(app.jwt, app.config.jwtSecret, 'cadre-invitation');
  const entryDeps: EntryDeps = {
    verifyInvitation(token) {
      const data = links.verify(token, app.clock.now());
      return data && typeof data.entryId === 'number' ? { entryId: data.entryId } : null;
    },
  };
  const inviteDeps = (origin: string): InviteDeps => ({
    issueInvitation: (entryId, orgId) => {
      const now = app.clock.now();
      return links.issue({ entryId, orgId }, now, new Date(now.getTime() + INVITATION_DAYS * 86_400_000));
    },
    send: (phone, text) => app.sms.send(phone, text),
    linkBase: app.config.publicBaseUrl || origin,
  });

  app.post(
    '/cadre/entry',
    {
      onRequest: [app.authenticate],
      schema: { ...secured, summary: '团干部入驻：已确认的组织和待确认的名册信息（不做任何绑定）', body: CadreEntrySchema, response: { 200: CadreEntryResultSchema, ...errors } },
    },
    async (req) => enter(app.db, entryDeps, Number(req.user.sub), req.body),
  );

  app.post(
    '/cadre/entries/:entryId/confirm',
    {
      onRequest: [app.authenticate],
      schema: { ...secured, summary: '确认名册信息是本人（“您被录入为…，是否确认？”）', params: RosterEntryParamsSchema, response: { 200: CadreOrgSchema, ...errors } },
    },
    async (req) => confirmEntry(app.db, Number(req.user.sub), Number(req.params.entryId)),
  );

  app.post(
    '/cadre/entries/:entryId/decline',
    { onRequest: [app.authenticate], schema: { ...secured, summary: '名册信息不是本人（不再提示，管理员可见）', params: RosterEntryParamsSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await declineEntry(app.db, Number(req.user.sub), Number(req.params.entryId), app.clock.now());
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/cadre/orgs/:orgId/position',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        summary: '首次进入组织：设置本组织职务',
        params: OrgIdParamsSchema,
        body: z.object({ position: z.string().min(1, 'REQUIRED').max(32) }),
        response: { 200: CadreOrgSchema, ...errors },
      },
    },
    async (req) => setPosition(app.db, Number(req.user.sub), Number(req.params.orgId), req.body.position, app.clock.now()),
  );

  app.get(
    '/cadre/invitations/preview',
    {
      config: publicRateLimit(app.config),
      schema: { tags, summary: '邀请链接预览（登录前）', querystring: z.object({ token: z.string().min(1).max(2000) }), response: { 200: InvitationPreviewSchema, ...errors } },
    },
    async (req) => invitationPreview(app.db, entryDeps, req.query.token),
  );

  app.put(
    '/orgs/:orgId/alias',
    {
      onRequest: [app.requireOrg('operator')],
      schema: { ...secured, summary: '首位运营者设置组织代称（仅一次）', params: OrgIdParamsSchema, body: SetAliasSchema, response: { 200: SetAliasSchema, ...errors } },
    },
    async (req) => setFirstAlias(app.db, req.orgContext, req.body.alias),
  );

  app.patch(
    '/orgs/:orgId/alias',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...secured, summary: '管理员修改组织代称', params: OrgIdParamsSchema, body: SetAliasSchema, response: { 200: SetAliasSchema, ...errors } },
    },
    async (req) => changeAlias(app.db, req.orgContext, req.body.alias),
  );

  app.post(
    '/orgs/:orgId/roster/:entryId/invite',
    { onRequest: [app.requireOrg('operator')], schema: { ...secured, summary: '发送入驻邀请短信', params: RosterParamsSchema, response: { 200: InviteResultSchema, ...errors } } },
    async (req) => inviteEntry(app.db, inviteDeps(`${req.protocol}://${req.host}`), req.orgContext, Number(req.params.entryId), app.clock.now()),
  );

  app.post(
    '/orgs/:orgId/roster/invite-all',
    { onRequest: [app.requireOrg('operator')], schema: { ...secured, summary: '向全部未入驻团干部发送邀请', params: OrgIdParamsSchema, response: { 200: InviteResultSchema, ...errors } } },
    async (req) => inviteAll(app.db, inviteDeps(`${req.protocol}://${req.host}`), req.orgContext, app.clock.now()),
  );

  app.get(
    '/orgs/:orgId/cadres',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: { ...secured, summary: '团干部查询（本组织及下级）', params: OrgIdParamsSchema, querystring: PageQuerySchema, response: { 200: CadreListSchema, ...errors } },
    },
    async (req) => listCadres(app.db, req.orgContext.org, req.query.cursor ? Number(req.query.cursor) : undefined, req.query.limit),
  );
};
