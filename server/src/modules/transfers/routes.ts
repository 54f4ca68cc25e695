import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AppealDecisionSchema,
  BatchTransferResultSchema,
  BatchTransferSchema,
  ErrorBodySchema,
  InboundTransferResultSchema,
  InboundTransferSchema,
  type InboundTransfer,
  MyCurrentTransferSchema,
  MyTransferListSchema,
  OrgAppealListSchema,
  OrgAppealParamsSchema,
  OrgIdParamsSchema,
  OrgTransferDetailSchema,
  OrgTransferInSchema,
  OrgTransferListQuerySchema,
  OrgTransferListSchema,
  OrgTransferOutSchema,
  OrgTransferParamsSchema,
  OverdueListSchema,
  OverdueQuerySchema,
  SentNotificationListSchema,
  TransferAppealSchema,
  TransferApplicationSchema,
  TransferContactsSchema,
  TransferCreatedSchema,
  TransferDetailSchema,
  TransferIdParamsSchema,
  TransferLookupResultSchema,
  TransferLookupSchema,
  TransferReviewSchema,
  TransferWithdrawSchema,
  TransferableMemberListSchema,
  TransferableMembersQuerySchema,
  TransfersCreatedSchema,
} from '@tj/shared';
import { NotifySimulator } from '../../adapters/notify/simulator';
import { registerTransferJobs } from './jobs';
import { authenticateInbound, receiveInbound } from './inbound';
import { AppError } from '../../errors';
import { appealTransfer, decideAppeal, orgAppeals } from './appeal';
import { transferDeps } from './deps';
import { orgTransferDetail, orgTransferList, overdueTransfers, transferableMembers } from './list';
import { applyTransfer, myCurrentTransfer, myTransfers, transferContacts, withdrawTransfer } from './member';
import { batchTransfer, lookupView, orgTransferIn, orgTransferOut, reviewTransfer, withdrawByInitiator } from './org-actions';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const member = { security: [{ bearer: [] }], tags: ['transfer (member)'] };
const org = { security: [{ bearer: [] }], tags: ['transfer (org)'] };

/** §7 组织关系转接: the member's side under /me, the org's under /orgs/:orgId (guarded on :orgId). */
export const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = transferDeps(app);
  registerTransferJobs(app, deps);
  const me = (req: { user: { sub: string } }) => Number(req.user.sub);

  // ── member (§7.1) ──
  app.post(
    '/me/transfers',
    {
      onRequest: [app.requireApprovedMember],
      schema: { ...member, summary: '发起组织关系转接（需短信验证）', body: TransferApplicationSchema, response: { 201: TransferDetailSchema, 502: ErrorBodySchema, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await applyTransfer(deps, req.memberCheckin, req.body)),
  );
  // History stays readable after the member left for another system (check-in no longer approved).
  app.get(
    '/me/transfers',
    { onRequest: [app.authenticate], schema: { ...member, summary: '我的组织关系转接历史（含双方各步骤）', response: { 200: MyTransferListSchema, ...errors } } },
    async (req) => myTransfers(deps, me(req)),
  );
  app.get(
    '/me/transfers/current',
    { onRequest: [app.authenticate], schema: { ...member, summary: '当前转接进度（每步由谁办理、自何时、截止时间）', response: { 200: MyCurrentTransferSchema, ...errors } } },
    async (req) => myCurrentTransfer(deps, me(req)),
  );
  app.get(
    '/me/transfers/:id/contacts',
    {
      onRequest: [app.authenticate],
      schema: { ...member, summary: '转出/转入团支部及其直接上级的联系方式', params: TransferIdParamsSchema, response: { 200: TransferContactsSchema, ...errors } },
    },
    async (req) => transferContacts(deps, me(req), Number(req.params.id)),
  );
  app.post(
    '/me/transfers/:id/withdraw',
    {
      onRequest: [app.authenticate],
      schema: { ...member, summary: '撤回转接申请（填写原因）', params: TransferIdParamsSchema, body: TransferWithdrawSchema, response: { 200: TransferDetailSchema, ...errors } },
    },
    async (req) => withdrawTransfer(deps, me(req), Number(req.params.id), req.body.reason),
  );
  app.post(
    '/me/transfers/:id/appeal',
    {
      onRequest: [app.authenticate],
      schema: { ...member, summary: '对被退回的转接申诉（原因 + 附件）', params: TransferIdParamsSchema, body: TransferAppealSchema, response: { 200: TransferDetailSchema, ...errors } },
    },
    async (req) => appealTransfer(deps, me(req), Number(req.params.id), req.body),
  );

  // ── org (§7.2, §7.3) ──
  app.get(
    '/orgs/:orgId/transfers',
    {
      onRequest: [app.requireOrg('operator')],
      schema: {
        ...org,
        summary: '转接列表：待本组织审批 / 转入 / 转出 / 全部',
        params: OrgIdParamsSchema,
        querystring: OrgTransferListQuerySchema,
        response: { 200: OrgTransferListSchema, ...errors },
      },
    },
    async (req) => orgTransferList(deps, req.orgContext, req.query),
  );
  app.get(
    '/orgs/:orgId/transfers/overdue',
    {
      onRequest: [app.requireOrg('operator')],
      schema: { ...org, summary: '下级组织超期未办理的转接（督办）', params: OrgIdParamsSchema, querystring: OverdueQuerySchema, response: { 200: OverdueListSchema, ...errors } },
    },
    async (req) => overdueTransfers(deps, req.orgContext, req.query),
  );
  app.get(
    '/orgs/:orgId/transfers/members',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...org,
        summary: '可转出的团员（办理转出、批量接转选择）',
        params: OrgIdParamsSchema,
        querystring: TransferableMembersQuerySchema,
        response: { 200: TransferableMemberListSchema, ...errors },
      },
    },
    async (req) => transferableMembers(deps, req.orgContext, Number(req.query.branchId)),
  );
  app.get(
    '/orgs/:orgId/transfers/:transferId',
    { onRequest: [app.requireOrg('operator')], schema: { ...org, summary: '转接详情', params: OrgTransferParamsSchema, response: { 200: OrgTransferDetailSchema, ...errors } } },
    async (req) => orgTransferDetail(deps, req.orgContext, Number(req.params.transferId)),
  );
  app.post(
    '/orgs/:orgId/transfers/:transferId/review',
    {
      onRequest: [app.requireOrg('operator')],
      schema: {
        ...org,
        summary: '审批转接：同意（团委/团总支须分配团支部）或退回',
        params: OrgTransferParamsSchema,
        body: TransferReviewSchema,
        response: { 200: OrgTransferDetailSchema, ...errors },
      },
    },
    async (req) => reviewTransfer(deps, req.orgContext, Number(req.params.transferId), req.body),
  );
  app.post(
    '/orgs/:orgId/transfers/:transferId/withdraw',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...org,
        summary: '发起组织撤销转接（发起方可随时撤销）',
        params: OrgTransferParamsSchema,
        body: TransferWithdrawSchema,
        response: { 200: OrgTransferDetailSchema, ...errors },
      },
    },
    async (req) => withdrawByInitiator(deps, req.orgContext, Number(req.params.transferId), req.body.reason),
  );
  app.post(
    '/orgs/:orgId/transfers/lookup',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...org, summary: '办理转入：按姓名和身份证号查询团员', params: OrgIdParamsSchema, body: TransferLookupSchema, response: { 200: TransferLookupResultSchema, ...errors } },
    },
    async (req) => lookupView(deps, req.orgContext, req.body.name, req.body.idNumber),
  );
  app.post(
    '/orgs/:orgId/transfers/in',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...org, summary: '办理转入（转出组织审批）', params: OrgIdParamsSchema, body: OrgTransferInSchema, response: { 201: TransferCreatedSchema, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await orgTransferIn(deps, req.orgContext, req.body)),
  );
  app.post(
    '/orgs/:orgId/transfers/out',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...org, summary: '办理转出（转入组织审批）', params: OrgIdParamsSchema, body: OrgTransferOutSchema, response: { 201: TransfersCreatedSchema, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await orgTransferOut(deps, req.orgContext, req.body)),
  );
  app.post(
    '/orgs/:orgId/transfers/batch',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...org, summary: '组织关系批量接转（≤30人，无需审批）', params: OrgIdParamsSchema, body: BatchTransferSchema, response: { 200: BatchTransferResultSchema, ...errors } },
    },
    async (req) => batchTransfer(deps, req.orgContext, req.body),
  );
  app.get(
    '/orgs/:orgId/transfer-appeals',
    { onRequest: [app.requireOrg('admin')], schema: { ...org, summary: '待本组织处理的转接申诉', params: OrgIdParamsSchema, response: { 200: OrgAppealListSchema, ...errors } } },
    async (req) => orgAppeals(deps, req.orgContext),
  );
  app.post(
    '/orgs/:orgId/transfer-appeals/:appealId/decide',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...org, summary: '处理申诉：同意（从退回的步骤继续）或驳回', params: OrgAppealParamsSchema, body: AppealDecisionSchema, response: { 200: TransferDetailSchema, ...errors } },
    },
    async (req) => decideAppeal(deps, req.orgContext, Number(req.params.appealId), req.body),
  );

  // ── [003 §四] from the other League systems: signed over the raw body, no user session ──
  await app.register(async (inbound) => {
    inbound.removeContentTypeParser('application/json');
    inbound.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      (req as { rawBody?: string }).rawBody = String(body);
      try {
        done(null, JSON.parse(String(body)));
      } catch {
        done(new AppError('VALIDATION_FAILED'), undefined);
      }
    });
    inbound.post(
      '/inbound/transfers',
      {
        // The signature is checked before the body is read as a transfer.
        preValidation: async (req) => {
          (req as { inboundSystem?: string }).inboundSystem = authenticateInbound(deps, req.headers, (req as { rawBody?: string }).rawBody ?? '');
        },
        schema: {
          tags: ['transfer (inbound)'],
          summary: '省外系统发起的转入广东的组织关系转接（签名请求，按对方转接编号幂等）',
          body: InboundTransferSchema,
          response: { 200: InboundTransferResultSchema, 201: InboundTransferResultSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = req as unknown as { inboundSystem: 'central' | 'beijing' | 'fujian'; rawBody: string };
        const result = await receiveInbound(deps, r.inboundSystem, r.rawBody, req.body as InboundTransfer);
        return reply.status(result.duplicate ? 200 : 201).send(result);
      },
    );
  });

  // Simulator internals for E2E tests only (ENABLE_TEST_ENDPOINTS).
  if (app.config.enableTestEndpoints) {
    app.get('/test/notifications', { schema: { tags: ['test'], response: { 200: SentNotificationListSchema } } }, async () => {
      const sim = app.notifier instanceof NotifySimulator ? app.notifier : null;
      return {
        items: (sim?.sent ?? []).map((n) => ({ userIds: n.userIds.map(String), orgId: n.orgId == null ? null : String(n.orgId), kind: n.kind, message: n.message, at: n.at.toISOString() })),
      };
    });
  }
};
