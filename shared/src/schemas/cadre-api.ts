import { z } from 'zod';
import { CheckinStatuses, Educations, RealNameStatuses, type CheckinStatus, type Education, type RealNameStatus } from '../enums';
import { enumField } from './common';
import { OrgSummarySchema } from './org-api';

/**
 * The cadre onboarding contract (issue 6, §6): entry by cadre QR or invitation, the position
 * per org, the first operator's alias, choosing and switching orgs.
 */

/** How the cadre arrived: an invitation link's token or a cadre QR's scene (or neither). */
export const CadreEntrySchema = z.object({
  token: z.string().max(2000).optional(),
  scene: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'NOT_FOUND')
    .optional(),
});

/** One org the cadre is entered in, and what is still to do there. */
export const CadreOrgSchema = OrgSummarySchema.extend({
  entryId: z.string(),
  position: z.string(),
  /** Suggested from the roster; set by the cadre on first entry (§6.3). */
  positionSet: z.boolean(),
  isOperator: z.boolean(),
  isAdmin: z.boolean(),
  /** An operator entering an org without an alias names it next (§6.4). */
  needsAlias: z.boolean(),
});
export type CadreOrg = z.infer<typeof CadreOrgSchema>;

/**
 * A roster line naming the caller (their SMS-proven phone, and their verified ID where they
 * have one) that is not bound yet: it binds only after the person confirms it ("您被录入为
 * X 的 Y，是否确认？"), never silently (issue 12).
 */
export const PendingRosterLineSchema = z.object({
  entryId: z.string(),
  orgId: z.string(),
  /** The org's alias, else its short name. */
  orgName: z.string(),
  fullName: z.string(),
  pathNames: z.array(z.string()),
  position: z.string(),
  /** The name the roster line was entered with. */
  name: z.string(),
  isOperator: z.boolean(),
  isAdmin: z.boolean(),
});
export type PendingRosterLine = z.infer<typeof PendingRosterLineSchema>;

export const CadreEntryResultSchema = z.object({
  /** The org the link or QR pointed at, to open first. */
  focusOrgId: z.string().nullable(),
  /** Orgs whose roster line is bound to the caller. */
  items: z.array(CadreOrgSchema),
  /** Lines awaiting the caller's confirmation (POST /cadre/entries/:entryId/confirm | decline). */
  pending: z.array(PendingRosterLineSchema),
});
export type CadreEntryResult = z.infer<typeof CadreEntryResultSchema>;

export const RosterEntryParamsSchema = z.object({ entryId: z.string().regex(/^\d{1,15}$/, 'NOT_FOUND') });

export const InvitationPreviewSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  fullName: z.string(),
  pathNames: z.array(z.string()),
  cadreName: z.string(),
  phoneMasked: z.string(),
});
export const InviteResultSchema = z.object({ sent: z.number(), skipped: z.number() });

export const CadreDashboardSchema = z.object({
  org: OrgSummarySchema,
  position: z.string().nullable(),
  isOperator: z.boolean(),
  /** Operators only (null for plain cadres). */
  waitingReviews: z.number().nullable(),
  members: z.number(),
  cadres: z.number(),
  subOrgs: z.number(),
  /** §6.7 a cadre must also be a member of one branch: false → remind and link to check-in. */
  memberCheckinApproved: z.boolean(),
  /** 002 §二 / 004 size norms and entry standard of the org itself: shown, never enforced */
  sizeWarnings: z.array(z.object({ code: z.string(), message: z.string() })).default([]),
});
export type CadreDashboard = z.infer<typeof CadreDashboardSchema>;

export const CadreListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  phoneMasked: z.string(),
  isOperator: z.boolean(),
  onboarded: z.boolean(),
});
export const CadreListSchema = z.object({ items: z.array(CadreListItemSchema), nextCursor: z.string().nullable() });

/**
 * 001 annex 2 "我的团员"即可查看、审核 — the real client filters by 审核状态 and 学历: the filters of a
 * cadre's member list and review list (check-in state, real-name state, 最高学历, branch).
 */
export const MemberFiltersShape = {
  status: enumField(CheckinStatuses).optional(),
  realName: enumField(RealNameStatuses).optional(),
  education: enumField(Educations).optional(),
  branchId: z
    .string()
    .regex(/^\d{1,16}$/, 'NOT_FOUND')
    .optional(),
};
export type MemberFilters = { status?: CheckinStatus; realName?: RealNameStatus; education?: Education; branchId?: string };

export const MemberSearchQuerySchema = z.object({
  ...MemberFiltersShape,
  q: z.string().trim().max(30, 'TEXT_TOO_LONG').optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const MemberListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  status: z.string(),
  /** 团员身份认证 [004 §二(四)]: notRequired for joins before 2020 */
  archiveState: z.enum(['notRequired', 'uncertified', 'pending', 'rejected', 'certified']),
  realNameStatus: z.string().nullish(),
});
export const MemberListSchema = z.object({ items: z.array(MemberListItemSchema), nextCursor: z.string().nullable() });

/** §6.6 one member opened from the list: the data in force, ID and phone masked (§9). */
export const MemberDetailSchema = MemberListItemSchema.extend({
  gender: z.string().nullable(),
  joinedAt: z.string().nullable(),
  developmentNumber: z.string().nullable(),
  highestEducation: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  branchPathNames: z.array(z.string()),
});
export type MemberDetail = z.infer<typeof MemberDetailSchema>;
