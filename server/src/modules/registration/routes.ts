import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ApprovalListQuerySchema,
  ApprovalListSchema,
  BranchWorkSchema,
  CampaignListQuerySchema,
  CampaignListSchema,
  CampaignMemberParamsSchema,
  CampaignParamsSchema,
  CampaignProgressSchema,
  CampaignSchema,
  DecideAllSchema,
  ErrorBodySchema,
  MemberDecisionSchema,
  MyTwoSystemsSchema,
  OpenCampaignSchema,
  OrgIdParamsSchema,
  SubmissionDecisionSchema,
  SubmissionDetailSchema,
  SubmissionParamsSchema,
} from '@tj/shared';
import { decideSubmission, listApprovals, submissionDetail } from './approvals';
import { branchWork, decideAll, decideMember, submitBranch } from './branch';
import { listCampaigns, openCampaign } from './campaigns';
import { twoSystemsDeps } from './deps';
import { myTwoSystems } from './member';
import { campaignProgress } from './progress';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const org = { security: [{ bearer: [] }], tags: ['两制 (org)'] };

/**
 * 两制 (issue 16 part 4): 年度团籍注册 and 团员教育评议. A committee opens a year ('admin'),
 * the branch decides its members and submits ('operator' at the branch: its operators or an
 * admin above), the direct superior approves ('admin' at the superior), the member reads
 * their own records.
 */
export const registrationRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = twoSystemsDeps(app);

  app.post(
    '/orgs/:orgId/two-systems/campaigns',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...org,
        summary: '发起年度团籍注册 / 团员教育评议（本组织及下级，设定时间窗口）',
        params: OrgIdParamsSchema,
        body: OpenCampaignSchema,
        response: { 201: CampaignSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await openCampaign(deps, req.orgContext, req.body)),
  );
  app.get(
    '/orgs/:orgId/two-systems/campaigns',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: { ...org, summary: '本组织所在或发起的年度工作', params: OrgIdParamsSchema, querystring: CampaignListQuerySchema, response: { 200: CampaignListSchema, ...errors } },
    },
    async (req) => listCampaigns(deps, req.orgContext, req.query.kind),
  );
  app.get(
    '/orgs/:orgId/two-systems/campaigns/:campaignId/progress',
    { onRequest: [app.requireOrg('admin')], schema: { ...org, summary: '各直属下级组织的办理进度', params: CampaignParamsSchema, response: { 200: CampaignProgressSchema, ...errors } } },
    async (req) => campaignProgress(deps, req.orgContext, Number(req.params.campaignId)),
  );

  // ── the branch ──
  app.get(
    '/orgs/:orgId/two-systems/campaigns/:campaignId/branch',
    { onRequest: [app.requireOrg('operator')], schema: { ...org, summary: '团支部办理：团员名单与办理结果', params: CampaignParamsSchema, response: { 200: BranchWorkSchema, ...errors } } },
    async (req) => branchWork(deps, req.orgContext, Number(req.params.campaignId)),
  );
  app.put(
    '/orgs/:orgId/two-systems/campaigns/:campaignId/members/:memberId',
    {
      onRequest: [app.requireOrg('operator')],
      schema: {
        ...org,
        summary: '逐个办理：予以注册 / 不予注册（填写原因）或评议等次',
        params: CampaignMemberParamsSchema,
        body: MemberDecisionSchema,
        response: { 200: BranchWorkSchema, ...errors },
      },
    },
    async (req) => decideMember(deps, req.orgContext, Number(req.params.campaignId), Number(req.params.memberId), req.body),
  );
  app.post(
    '/orgs/:orgId/two-systems/campaigns/:campaignId/members/all',
    {
      onRequest: [app.requireOrg('operator')],
      schema: { ...org, summary: '一键办理：未办理的团员全部予以注册 / 评为同一等次', params: CampaignParamsSchema, body: DecideAllSchema, response: { 200: BranchWorkSchema, ...errors } },
    },
    async (req) => decideAll(deps, req.orgContext, Number(req.params.campaignId), req.body.outcome),
  );
  app.post(
    '/orgs/:orgId/two-systems/campaigns/:campaignId/submit',
    { onRequest: [app.requireOrg('operator')], schema: { ...org, summary: '提交上级审批', params: CampaignParamsSchema, response: { 200: BranchWorkSchema, ...errors } } },
    async (req) => submitBranch(deps, req.orgContext, Number(req.params.campaignId)),
  );

  // ── the superior (年度团籍注册审批) ──
  app.get(
    '/orgs/:orgId/two-systems/approvals',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...org,
        summary: '年度团籍注册 / 教育评议审批列表（按状态、时间筛选）',
        params: OrgIdParamsSchema,
        querystring: ApprovalListQuerySchema,
        response: { 200: ApprovalListSchema, ...errors },
      },
    },
    async (req) => listApprovals(deps, req.orgContext, req.query),
  );
  app.get(
    '/orgs/:orgId/two-systems/submissions/:submissionId',
    { onRequest: [app.requireOrg('admin')], schema: { ...org, summary: '团支部提交的名单', params: SubmissionParamsSchema, response: { 200: SubmissionDetailSchema, ...errors } } },
    async (req) => submissionDetail(deps, req.orgContext, Number(req.params.submissionId)),
  );
  app.post(
    '/orgs/:orgId/two-systems/submissions/:submissionId/decide',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...org, summary: '审批：同意或退回（填写原因）', params: SubmissionParamsSchema, body: SubmissionDecisionSchema, response: { 200: SubmissionDetailSchema, ...errors } },
    },
    async (req) => decideSubmission(deps, req.orgContext, Number(req.params.submissionId), req.body),
  );

  // ── the member ──
  app.get(
    '/me/two-systems',
    {
      onRequest: [app.authenticate],
      schema: { security: [{ bearer: [] }], tags: ['两制 (member)'], summary: '我的年度团籍注册与教育评议（按年度）', response: { 200: MyTwoSystemsSchema, ...errors } },
    },
    async (req) => myTwoSystems(deps, Number(req.user.sub)),
  );
};
