import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BatchApproveResultSchema,
  BatchApproveSchema,
  CertStepParamSchema,
  CheckinParamsSchema,
  CheckinReviewSchema,
  ErrorBodySchema,
  MyCheckinSchema,
  OfflineVerifySchema,
  OrgIdParamsSchema,
  OrgPageQuerySchema,
  OrgSearchPageSchema,
  OrgSearchQuerySchema,
  OrgSearchResultSchema,
  ReviewCountSchema,
  ReviewDetailSchema,
  ReviewQueueQuerySchema,
  ReviewQueueSchema,
  WithdrawSchema,
} from '@tj/shared';
import { getMyCheckin, saveStep, submitCheckin, withdrawCheckin } from './member-service';
import { orgChildrenPage, searchOrgs } from './org-search';
import { publicRateLimit } from '../auth/rate-limit';
import { REAL_NAME_JOB, runRealNameCheck } from './real-name';
import { batchApprove, countWaitingReviews, offlineVerify, review, reviewDetail, reviewQueue, reviewScope } from './review-service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const member = { security: [{ bearer: [] }], tags: ['checkin'] };
const operator = { security: [{ bearer: [] }], tags: ['checkin review'] };

export const checkinRoutes: FastifyPluginAsyncZod = async (app) => {
  app.jobs.register(REAL_NAME_JOB, (payload) =>
    runRealNameCheck({ db: app.db, pii: app.pii, verifier: app.realName, now: () => app.clock.now(), recheckDelaySeconds: app.config.realNameRecheckDelaySeconds }, payload),
  );
  const deps = () => ({ pii: app.pii, now: app.clock.now() });

  // §4.1 a member searches before registering: public, rate-limited.
  app.get(
    '/orgs/search',
    {
      config: publicRateLimit(app.config),
      schema: {
        tags: ['checkin'],
        summary: '报到时搜索组织（仅团支部可选）',
        querystring: OrgSearchQuerySchema,
        response: { 200: OrgSearchResultSchema, 400: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (req) => ({ items: await searchOrgs(app.db, req.query.q, req.query.limit) }),
  );

  // issue 13 item 5: a committee found by the search opens its sub-orgs, down to the branches.
  app.get(
    '/orgs/search/:orgId/children',
    {
      config: publicRateLimit(app.config),
      schema: {
        tags: ['checkin'],
        summary: '搜索结果的下级组织（逐级找到团支部）',
        params: OrgIdParamsSchema,
        querystring: OrgPageQuerySchema,
        response: { 200: OrgSearchPageSchema, 400: ErrorBodySchema, 404: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (req) => orgChildrenPage(app.db, Number(req.params.orgId), req.query.offset, req.query.limit),
  );

  app.get(
    '/me/checkin',
    { onRequest: [app.authenticate], schema: { ...member, summary: '我的报到（状态、草稿、审核通过的资料）', response: { 200: MyCheckinSchema, ...errors } } },
    async (req) => getMyCheckin(app.db, app.pii, Number(req.user.sub)),
  );

  app.put(
    '/me/checkin/steps/:step',
    {
      onRequest: [app.authenticate],
      schema: {
        ...member,
        summary: '保存认证资料的一步（草稿；审核通过后按修改规则）',
        params: CertStepParamSchema,
        body: z.record(z.string(), z.unknown()),
        response: { 200: MyCheckinSchema, ...errors },
      },
    },
    async (req) => saveStep(app.db, deps(), Number(req.user.sub), req.params.step, req.body),
  );

  app.post(
    '/me/checkin/submit',
    { onRequest: [app.authenticate], schema: { ...member, summary: '提交报到（开始实名校验）', response: { 200: MyCheckinSchema, ...errors } } },
    async (req) => {
      const result = await submitCheckin(app.db, deps(), Number(req.user.sub));
      app.jobs.kick(); // verification starts now, after the response is decided
      return result;
    },
  );

  app.post(
    '/me/checkin/withdraw',
    { onRequest: [app.authenticate], schema: { ...member, summary: '撤回待审核的报到', body: WithdrawSchema.optional(), response: { 200: MyCheckinSchema, ...errors } } },
    async (req) => withdrawCheckin(app.db, deps(), Number(req.user.sub), req.body?.reason),
  );

  app.get(
    '/orgs/:orgId/checkins',
    {
      onRequest: [app.requireOrg('operator')],
      schema: {
        ...operator,
        summary: '资料审核：待审核的报到和资料修改（最早的在前）',
        params: OrgIdParamsSchema,
        querystring: ReviewQueueQuerySchema,
        response: { 200: ReviewQueueSchema, ...errors },
      },
    },
    async (req) => reviewQueue(app.db, app.pii, await reviewScope(app.db, req.orgContext), req.query),
  );

  app.get(
    '/orgs/:orgId/checkins/count',
    { onRequest: [app.requireOrg('operator')], schema: { ...operator, summary: '待审核数量', params: OrgIdParamsSchema, response: { 200: ReviewCountSchema, ...errors } } },
    async (req) => ({ waiting: await countWaitingReviews(app.db, req.orgContext) }),
  );

  app.post(
    '/orgs/:orgId/checkins/batch-approve',
    {
      onRequest: [app.requireOrg('operator')],
      schema: { ...operator, summary: '批量审核通过（实名校验未通过的跳过）', params: OrgIdParamsSchema, body: BatchApproveSchema, response: { 200: BatchApproveResultSchema, ...errors } },
    },
    async (req) => batchApprove(app.db, req.orgContext, req.body.ids, app.clock.now()),
  );

  app.get(
    '/orgs/:orgId/checkins/:checkinId',
    { onRequest: [app.requireOrg('operator')], schema: { ...operator, summary: '报到资料详情', params: CheckinParamsSchema, response: { 200: ReviewDetailSchema, ...errors } } },
    async (req) => reviewDetail(app.db, app.pii, req.orgContext, Number(req.params.checkinId)),
  );

  app.post(
    '/orgs/:orgId/checkins/:checkinId/review',
    {
      onRequest: [app.requireOrg('operator')],
      schema: { ...operator, summary: '审核：通过，或退回并填写原因', params: CheckinParamsSchema, body: CheckinReviewSchema, response: { 200: ReviewDetailSchema, ...errors } },
    },
    async (req) => review(app.db, app.pii, req.orgContext, Number(req.params.checkinId), req.body, app.clock.now()),
  );

  app.post(
    '/orgs/:orgId/checkins/:checkinId/offline-verify',
    {
      onRequest: [app.requireOrg('operator')],
      schema: {
        ...operator,
        summary: '线下核验无误：填写说明并上传照片，审核通过',
        params: CheckinParamsSchema,
        body: OfflineVerifySchema,
        response: { 200: ReviewDetailSchema, ...errors },
      },
    },
    async (req) => offlineVerify(app.db, app.pii, req.orgContext, Number(req.params.checkinId), req.body, app.clock.now()),
  );
};
