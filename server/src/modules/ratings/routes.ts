import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorBodySchema,
  OrgIdParamsSchema,
  RatingProgressSchema,
  RatingReviewBodySchema,
  RatingReviewListSchema,
  RatingYearQuerySchema,
  SelfRatingBodySchema,
  SelfRatingPageSchema,
} from '@tj/shared';
import { ratingDeps, ratingProgress, reviewList, reviewRatings, selfRatingPage, submitSelfRating } from './service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const org = { security: [{ bearer: [] }], tags: ['对标定级'] };

/**
 * 对标定级 [004 §二(五)] (issue 17): a 团（总）支部's own admin rates it (at most 3 changes before the
 * review), the nearest committee above reviews in batch until 12-31 12:00 (UTC+8), a committee
 * follows its subtree's progress. The services check the finer rules (own admin, reviewer).
 */
export const ratingRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = ratingDeps(app);

  app.get(
    '/orgs/:orgId/ratings/self',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...org,
        summary: '团（总）支部自评：参考标准、本年度自评与复核结果',
        params: OrgIdParamsSchema,
        querystring: RatingYearQuerySchema,
        response: { 200: SelfRatingPageSchema, ...errors },
      },
    },
    async (req) => selfRatingPage(deps, req.orgContext, req.query.year),
  );
  app.post(
    '/orgs/:orgId/ratings/self',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...org, summary: '提交或修改自评（复核前最多修改3次）', params: OrgIdParamsSchema, body: SelfRatingBodySchema, response: { 200: SelfRatingPageSchema, ...errors } },
    },
    async (req) => submitSelfRating(deps, req.orgContext, req.body),
  );
  app.get(
    '/orgs/:orgId/ratings/reviews',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...org,
        summary: '上级复核：下级团（总）支部的自评结果',
        params: OrgIdParamsSchema,
        querystring: RatingYearQuerySchema,
        response: { 200: RatingReviewListSchema, ...errors },
      },
    },
    async (req) => reviewList(deps, req.orgContext, req.query.year),
  );
  app.post(
    '/orgs/:orgId/ratings/reviews',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...org,
        summary: '批量复核：勾选团组织，选择星级（12月31日12:00前可修改）',
        params: OrgIdParamsSchema,
        body: RatingReviewBodySchema,
        response: { 200: RatingReviewListSchema, ...errors },
      },
    },
    async (req) => reviewRatings(deps, req.orgContext, req.body),
  );
  app.get(
    '/orgs/:orgId/ratings/progress',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...org, summary: '对标定级进度（各级下级组织，按星级）', params: OrgIdParamsSchema, querystring: RatingYearQuerySchema, response: { 200: RatingProgressSchema, ...errors } },
    },
    async (req) => ratingProgress(deps, req.orgContext, req.query.year),
  );
};
