import { z } from 'zod';
import { CertificationDraftSchema } from './certification';
import { OrgIdParamsSchema } from './org-api';
import { MemberFiltersShape } from './cadre-api';

/**
 * The check-in API contract (issue 5): what the member's and the operator's pages send and
 * read. Request bodies of the four steps are the certification schemas themselves.
 */

export const CertStepParamSchema = z.object({ step: z.enum(['identity', 'league', 'contact', 'optional'], { error: 'NOT_FOUND' }) });

/** An org found by name or alias (§4.1: full name and path, only branches selectable). */
export const OrgSearchQuerySchema = z.object({ q: z.string().trim().min(1, 'REQUIRED').max(50, 'TEXT_TOO_LONG'), limit: z.coerce.number().int().min(1).max(50).default(20) });
export const OrgSearchItemSchema = z.object({
  id: z.string(),
  type: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  alias: z.string().nullable(),
  pathNames: z.array(z.string()),
  /** Only a branch receives check-ins; otherwise `reason` explains (CHECKIN_NOT_BRANCH). */
  selectable: z.boolean(),
  reason: z.string().nullable(),
});
export const OrgSearchResultSchema = z.object({ items: z.array(OrgSearchItemSchema) });
export type OrgSearchItem = z.infer<typeof OrgSearchItemSchema>;

/**
 * A page of orgs shown as search results (issue 13 items 5, 6): the sub-orgs of a search
 * result (drilling down from a committee to its branches), or a subtree's branches matching
 * some words. `nextOffset` null: this was the last page.
 */
export const OrgPageQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const BranchSearchQuerySchema = OrgPageQuerySchema.extend({ q: z.string().trim().max(50, 'TEXT_TOO_LONG').default('') });
export const OrgSearchPageSchema = z.object({ items: z.array(OrgSearchItemSchema), nextOffset: z.number().int().nullable() });
export type OrgSearchPage = z.infer<typeof OrgSearchPageSchema>;

/** The branch a member checks in to, with whom to contact (我的组织). */
export const CheckinBranchSchema = z.object({
  id: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  pathNames: z.array(z.string()),
  secretaryName: z.string().nullable(),
  secretaryPhone: z.string().nullable(),
});

/**
 * The member's own check-in: status, real-name status, the step to resume at, the draft
 * being edited, the data in force (after approval; ID masked except to its owner's edit
 * form), and the return reason.
 */
export const MyCheckinSchema = z.object({
  status: z.enum(['submitted', 'approved', 'returned', 'withdrawn', 'editSubmitted', 'editReturned', 'transferredOut']).nullable(),
  realNameStatus: z.enum(['pending', 'passed', 'failed', 'rechecking', 'offlinePassed']).nullable(),
  /** The first step not yet saved, or 'confirm' when all four are. */
  resumeStep: z.enum(['identity', 'league', 'contact', 'optional', 'confirm']),
  draft: CertificationDraftSchema,
  /** Data in force after approval (null before). */
  approved: CertificationDraftSchema.nullable(),
  branch: CheckinBranchSchema.nullable(),
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  /** 团籍状态 (issue 16): absent or 'normal' while the member belongs */
  membershipStatus: z.string().optional(),
  /** [issue 15 item 8] 已转出: where the member's relation went (null unless transferredOut). */
  transferredOut: z
    .object({
      state: z.literal('transferredOut'),
      destinationRegion: z.string().nullable(),
      destinationRegionLabel: z.string().nullable(),
      destinationOrgName: z.string().nullable(),
      transferId: z.string(),
      at: z.string(),
    })
    .nullable()
    .optional(),
});
export type MyCheckin = z.infer<typeof MyCheckinSchema>;

export const WithdrawSchema = z.object({ reason: z.string().trim().max(200, 'TEXT_TOO_LONG').optional() });

/** A line of the operator's review queue (§9: ID masked). */
export const ReviewItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  /** A first check-in or an edit of approved data (修改资料待审核). */
  kind: z.enum(['checkin', 'edit']),
  status: z.string(),
  realNameStatus: z.string().nullable(),
  submittedAt: z.string(),
});
export const ReviewQueueQuerySchema = z.object({
  ...MemberFiltersShape,
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ReviewQueueSchema = z.object({ items: z.array(ReviewItemSchema), nextCursor: z.string().nullable(), total: z.number() });
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

/** Everything the operator reviews (full ID: the operator reviewing may see it, §9). */
export const ReviewDetailSchema = ReviewItemSchema.extend({
  data: CertificationDraftSchema,
  /** For an edit: the approved data still in force, to compare. */
  previous: CertificationDraftSchema.nullable(),
  returnReason: z.string().nullable(),
  offlineNote: z.string().nullable(),
  offlinePhotoUrl: z.string().nullable(),
});

export const CheckinParamsSchema = OrgIdParamsSchema.extend({ checkinId: z.string().regex(/^\d+$/, 'NOT_FOUND') });
export const BatchApproveSchema = z.object({ ids: z.array(z.string().regex(/^\d+$/, 'VALIDATION_FAILED')).min(1, 'REQUIRED').max(100, 'VALIDATION_FAILED') });
export const BatchApproveResultSchema = z.object({
  approved: z.array(z.string()),
  skipped: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
});
export const ReviewCountSchema = z.object({ waiting: z.number() });

/** An uploaded image (POST /api/uploads, multipart field "file"). */
export const UploadResultSchema = z.object({ fileId: z.string(), mime: z.string(), size: z.number(), url: z.string() });
export type UploadResult = z.infer<typeof UploadResultSchema>;

/**
 * §4.1 step 6 the approved member's home: 认证资料 (the data in force, ID masked, §9) and
 * 我的组织 (the branch, its path and the secretary to contact). `status` tells whether an
 * edit of the data waits for review or was returned (with `returnReason`).
 */
export const MemberHomeSchema = z.object({
  status: z.enum(['approved', 'editSubmitted', 'editReturned']),
  realNameStatus: z.enum(['pending', 'passed', 'failed', 'rechecking', 'offlinePassed']).nullable(),
  profile: CertificationDraftSchema,
  branch: CheckinBranchSchema,
  returnReason: z.string().nullable(),
  /** 团籍状态 (issue 16): anything but 'normal' — the member left and sees only 认证资料 */
  membershipStatus: z.string().optional(),
});
export type MemberHome = z.infer<typeof MemberHomeSchema>;

/**
 * 004 FAQ "团员本人、团员所在团组织及其直属上级团组织管理员都有权限修改": an admin's direct
 * correction of a member's 发展团员编号 (checked against the member's join month by the server).
 */
export const DevNumberCorrectionSchema = z.object({
  developmentNumber: z.string({ error: 'DEVELOPMENT_NUMBER_NOT_DIGITS' }).trim().max(12, 'DEVELOPMENT_NUMBER_LENGTH'),
});
export const MemberParamsSchema = z.object({ orgId: z.string().regex(/^\d+$/, 'NOT_FOUND'), checkinId: z.string().regex(/^\d+$/, 'NOT_FOUND') });
