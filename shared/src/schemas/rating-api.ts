import { z } from 'zod';
import { RatingExclusions, RatingLevels, RatingStatuses, RATING_BATCH_MAX } from '../domain/rating';
import { codeFor, enumField, RowIdSchema } from './common';
import { OrgIdParamsSchema, OrgSummarySchema } from './org-api';

/** 对标定级 API [004 §二(五)]. Years are calendar years (UTC+8); timestamps ISO-8601. */
export const RatingLevelSchema = enumField(RatingLevels);
export const RatingStatusSchema = enumField(RatingStatuses);

export const RatingYearQuerySchema = z.object({
  year: z.coerce
    .number({ error: codeFor('RATING_YEAR_INVALID') })
    .int('RATING_YEAR_INVALID')
    .min(2000, 'RATING_YEAR_INVALID')
    .max(2200, 'RATING_YEAR_INVALID')
    .optional(),
});

export const SelfRatingBodySchema = z.object({ level: RatingLevelSchema });
export type SelfRatingBody = z.infer<typeof SelfRatingBodySchema>;

export const RatingReviewBodySchema = z.object({
  orgIds: z
    .array(RowIdSchema, { error: codeFor('RATING_BATCH_EMPTY') })
    .min(1, 'RATING_BATCH_EMPTY')
    .max(RATING_BATCH_MAX, 'RATING_BATCH_TOO_LARGE'),
  level: RatingLevelSchema,
});
export type RatingReviewBody = z.infer<typeof RatingReviewBodySchema>;

/** One org's rating of the year (null fields before the step happened). */
export const RatingViewSchema = z.object({
  year: z.number(),
  status: RatingStatusSchema,
  selfLevel: RatingLevelSchema.nullable(),
  selfRatedAt: z.string().nullable(),
  changesUsed: z.number(),
  reviewLevel: RatingLevelSchema.nullable(),
  reviewedAt: z.string().nullable(),
  /** listed for 重点整顿 (reviewed 不予定级, until reviewed with a star) */
  rectification: z.boolean(),
});
export type RatingView = z.infer<typeof RatingViewSchema>;

/** 团（总）支部自评 page: the standard, the org's rating, what it may still do. */
export const SelfRatingPageSchema = z.object({
  org: OrgSummarySchema,
  year: z.number(),
  lockAt: z.string(),
  locked: z.boolean(),
  exclusion: z.enum(Object.keys(RatingExclusions) as [keyof typeof RatingExclusions]).nullable(),
  rating: RatingViewSchema.nullable(),
  changesLeft: z.number(),
  canSubmit: z.boolean(),
});
export type SelfRatingPage = z.infer<typeof SelfRatingPageSchema>;

export const ReviewRowSchema = z.object({ org: OrgSummarySchema, rating: RatingViewSchema.nullable() });
/** 上级复核 page: the orgs the committee reviews (in scope), and the 重点整顿 list among them. */
export const RatingReviewListSchema = z.object({
  year: z.number(),
  lockAt: z.string(),
  locked: z.boolean(),
  items: z.array(ReviewRowSchema),
});
export type RatingReviewList = z.infer<typeof RatingReviewListSchema>;

const CountsSchema = z.object({
  inScope: z.number(),
  excluded: z.number(),
  notRated: z.number(),
  rated: z.number(),
  rerated: z.number(),
  reviewed: z.number(),
  rectification: z.number(),
  /** self-ratings waiting (rated + rerated) by their self level */
  selfByLevel: z.record(z.string(), z.number()),
  /** reviewed by the review level */
  reviewedByLevel: z.record(z.string(), z.number()),
});
export type RatingCounts = z.infer<typeof CountsSchema>;
/** 对标定级进度: the subtree at any depth, and per direct sub-org (drill down by opening it). */
export const RatingProgressSchema = z.object({
  year: z.number(),
  lockAt: z.string(),
  locked: z.boolean(),
  total: CountsSchema,
  rows: z.array(z.object({ org: OrgSummarySchema, counts: CountsSchema })),
});
export type RatingProgress = z.infer<typeof RatingProgressSchema>;

export { OrgIdParamsSchema as RatingParamsSchema };
