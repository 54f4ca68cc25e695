import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateOrgLifeSchema,
  ErrorBodySchema,
  OrgIdParamsSchema,
  OrgLifeBranchMonthSchema,
  OrgLifeDetailSchema,
  OrgLifeMonthQuerySchema,
  OrgLifeOverviewSchema,
  OrgLifeParticipationSchema,
  OrgLifePeriodQuerySchema,
  OrgLifeRecordParamsSchema,
  UpdateOrgLifeSchema,
} from '@tj/shared';
import { branchMonth, createRecord, getRecord, orgLifeDeps, overview, participation, pickableMembers, updateRecord } from './service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const org = { security: [{ bearer: [] }], tags: ['组织生活 (org)'] };

/**
 * 三会两制一课 and 团日活动 (issue 17 part 2) [004 §一 3–4, 7–10]. Recording and correcting is
 * 'operator' at the branch: the branch's admins and operators (004 puts 会议发布 / 活动发布 in
 * the branch admin's menu; the operators are the cadres the admin entrusts with entry, 001
 * annex 2) and admins above, who may fix a branch's record. Every cadre of the org's chain
 * reads ('cadre'): the branch's own committee members, and the committees above.
 */
export const orgLifeRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = orgLifeDeps(app);

  app.get(
    '/orgs/:orgId/org-life/members',
    {
      onRequest: [app.requireOrg('operator')],
      schema: {
        ...org,
        summary: '可选的参加人员（本支部报到审核通过、团籍正常的团员）',
        params: OrgIdParamsSchema,
        response: { 200: z.object({ items: z.array(z.object({ memberId: z.string(), name: z.string() })) }), ...errors },
      },
    },
    async (req) => pickableMembers(deps, req.orgContext),
  );
  app.post(
    '/orgs/:orgId/org-life/records',
    {
      onRequest: [app.requireOrg('operator')],
      schema: {
        ...org,
        summary: '会议发布 / 团课上传 / 活动发布（requestId 相同的重复提交返回同一条记录）',
        params: OrgIdParamsSchema,
        body: CreateOrgLifeSchema,
        response: { 200: OrgLifeDetailSchema, 201: OrgLifeDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { created, record } = await createRecord(deps, req.orgContext, req.body);
      return reply.status(created ? 201 : 200).send(record);
    },
  );
  app.put(
    '/orgs/:orgId/org-life/records/:recordId',
    {
      onRequest: [app.requireOrg('operator')],
      schema: { ...org, summary: '修改记录（重复录入时在其基础上修改）', params: OrgLifeRecordParamsSchema, body: UpdateOrgLifeSchema, response: { 200: OrgLifeDetailSchema, ...errors } },
    },
    async (req) => updateRecord(deps, req.orgContext, Number(req.params.recordId), req.body),
  );
  app.get(
    '/orgs/:orgId/org-life/records/:recordId',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: { ...org, summary: '记录详情（本组织及下级的任一记录）', params: OrgLifeRecordParamsSchema, response: { 200: OrgLifeDetailSchema, ...errors } },
    },
    async (req) => getRecord(deps, req.orgContext, Number(req.params.recordId)),
  );
  app.get(
    '/orgs/:orgId/org-life',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: {
        ...org,
        summary: '团支部某月的记录与近12个月是否达标',
        params: OrgIdParamsSchema,
        querystring: OrgLifeMonthQuerySchema,
        response: { 200: OrgLifeBranchMonthSchema, ...errors },
      },
    },
    async (req) => branchMonth(deps, req.orgContext, req.query.month),
  );
  app.get(
    '/orgs/:orgId/org-life/overview',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: {
        ...org,
        summary: '各下级组织某时段的三会、团课、团日活动次数与每月达标情况',
        params: OrgIdParamsSchema,
        querystring: OrgLifePeriodQuerySchema,
        response: { 200: OrgLifeOverviewSchema, ...errors },
      },
    },
    async (req) => overview(deps, req.orgContext, req.query.from, req.query.to),
  );
  app.get(
    '/orgs/:orgId/org-life/participation',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: { ...org, summary: '团支部团员参与情况', params: OrgIdParamsSchema, querystring: OrgLifePeriodQuerySchema, response: { 200: OrgLifeParticipationSchema, ...errors } },
    },
    async (req) => participation(deps, req.orgContext, req.query.from, req.query.to),
  );
};
