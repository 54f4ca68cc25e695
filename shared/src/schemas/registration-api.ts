import { z } from 'zod';
import { CampaignKinds, MemberOutcomes, SubmissionStates, checkCampaignWindow, outcomeNeedsReason } from '../domain/registration';
import { isKeyOf } from '../enums/util';
import { resolveToday, type Today } from '../domain/dates';
import { addIssueAt, ALWAYS, codeFor, DateSchema, enumField, optionalText } from './common';
import { OrgIdParamsSchema, OrgSummarySchema } from './org-api';

/**
 * 两制 API (issue 16 part 4): 年度团籍注册 and 团员教育评议 share every route; `kind` tells them
 * apart. A "member" id is the member's check-in id, as in the transfer API. Dates are China
 * days ('YYYY-MM-DD', UTC+8); timestamps ISO-8601.
 */
const digits = z.string().regex(/^\d+$/, 'NOT_FOUND');

export const CampaignParamsSchema = OrgIdParamsSchema.extend({ campaignId: digits });
export const CampaignMemberParamsSchema = CampaignParamsSchema.extend({ memberId: digits });
export const SubmissionParamsSchema = OrgIdParamsSchema.extend({ submissionId: digits });

export const CampaignKindSchema = enumField(CampaignKinds);
export const MemberOutcomeSchema = enumField(MemberOutcomes);
export const SubmissionStateSchema = enumField(SubmissionStates);

const ReasonSchema = optionalText(100);

/** Cross-field rules run even when a field failed: a reason that is not text counts as none. */
const hasText = (v: unknown) => typeof v === 'string' && v.trim().length > 0;

const OpenCampaignShape = z.object({
  kind: CampaignKindSchema,
  year: z.number({ error: codeFor('REG_YEAR_INVALID') }).int('REG_YEAR_INVALID'),
  startsOn: DateSchema,
  endsOn: DateSchema,
});

/**
 * 发起: the window's rules need today's date. The form builds the schema with the device's
 * day; the route checks the shape only and the service applies checkCampaignWindow with the
 * server's (injectable) clock, so a test can move through windows.
 */
export const openCampaignSchema = (today?: Today) =>
  OpenCampaignShape.superRefine((v, ctx) => {
    const r = checkCampaignWindow(v, resolveToday(today));
    if (!r.ok) addIssueAt(ctx, [r.code === 'REG_YEAR_INVALID' ? 'year' : 'endsOn'], r.code);
  });
export const OpenCampaignSchema = OpenCampaignShape;
export type OpenCampaign = z.infer<typeof OpenCampaignShape>;

export const CampaignListQuerySchema = z.object({ kind: CampaignKindSchema.optional() });

export const CampaignSchema = z.object({
  id: z.string(),
  kind: CampaignKindSchema,
  year: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  windowState: z.enum(['notStarted', 'open', 'closed']),
  rootOrg: OrgSummarySchema,
  openedAt: z.string(),
  /** When the org asked about is a branch in the campaign: its own state (draft before any work). */
  branchState: SubmissionStateSchema.nullable(),
});
export type Campaign = z.infer<typeof CampaignSchema>;
export const CampaignListSchema = z.object({ items: z.array(CampaignSchema) });

export const MemberDecisionSchema = z.object({ outcome: MemberOutcomeSchema, reason: ReasonSchema }).superRefine((v, ctx) => {
  // the kind is the campaign's (the service checks it); here: an adverse outcome carries a reason
  if (isKeyOf(MemberOutcomes, v.outcome) && outcomeNeedsReason(v.outcome) && !hasText(v.reason)) addIssueAt(ctx, ['reason'], 'REG_REASON_REQUIRED');
}, ALWAYS);
export type MemberDecision = z.infer<typeof MemberDecisionSchema>;
export const DecideAllSchema = z.object({ outcome: MemberOutcomeSchema });

export const BranchMemberSchema = z.object({
  memberId: z.string(),
  name: z.string(),
  outcome: MemberOutcomeSchema.nullable(),
  reason: z.string().nullable(),
});
export type BranchMember = z.infer<typeof BranchMemberSchema>;

export const BranchWorkSchema = z.object({
  campaign: CampaignSchema,
  submissionId: z.string().nullable(),
  state: SubmissionStateSchema,
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  members: z.array(BranchMemberSchema),
});
export type BranchWork = z.infer<typeof BranchWorkSchema>;

export const SubmissionDecisionSchema = z.object({ decision: z.enum(['approve', 'return'], { error: codeFor('OPTION_INVALID') }), reason: ReasonSchema }).superRefine((v, ctx) => {
  if (v.decision === 'return' && !hasText(v.reason)) addIssueAt(ctx, ['reason'], 'REG_RETURN_REASON_REQUIRED');
}, ALWAYS);
export type SubmissionDecisionBody = z.infer<typeof SubmissionDecisionSchema>;

/** 年度团籍注册审批: filter by kind, state and the day submitted (China days, both ends included). */
export const ApprovalListQuerySchema = z
  .object({
    kind: CampaignKindSchema.optional(),
    state: z.enum(['submitted', 'approved', 'returned'], { error: codeFor('OPTION_INVALID') }).optional(),
    from: DateSchema.optional(),
    to: DateSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (typeof v.from === 'string' && typeof v.to === 'string' && v.to < v.from) addIssueAt(ctx, ['to'], 'REG_WINDOW_INVALID');
  }, ALWAYS);

export const SubmissionSummarySchema = z.object({
  id: z.string(),
  campaign: CampaignSchema.omit({ branchState: true }),
  branch: OrgSummarySchema,
  state: SubmissionStateSchema,
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  /** members per outcome in this submission */
  counts: z.record(z.string(), z.number()),
  members: z.number(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummarySchema>;
export const ApprovalListSchema = z.object({ items: z.array(SubmissionSummarySchema) });
export const SubmissionDetailSchema = SubmissionSummarySchema.extend({ memberList: z.array(BranchMemberSchema) });
export type SubmissionDetail = z.infer<typeof SubmissionDetailSchema>;

/** Progress per direct sub-org of the org asked about (its subtree's branches and members). */
export const CampaignProgressRowSchema = z.object({
  org: OrgSummarySchema,
  branches: z.number(),
  branchesSubmitted: z.number(),
  branchesApproved: z.number(),
  members: z.number(),
  membersDecided: z.number(),
  /** approved decisions per outcome (予以注册 = registered …) */
  approvedOutcomes: z.record(z.string(), z.number()),
});
export const CampaignProgressSchema = z.object({ campaign: CampaignSchema, rows: z.array(CampaignProgressRowSchema) });
export type CampaignProgress = z.infer<typeof CampaignProgressSchema>;

/** 我的两制: the member's own records, newest year first. */
export const MyTwoSystemsRecordSchema = z.object({
  year: z.number(),
  kind: CampaignKindSchema,
  outcome: MemberOutcomeSchema,
  reason: z.string().nullable(),
  state: SubmissionStateSchema,
  branchName: z.string(),
});
export const MyTwoSystemsSchema = z.object({ items: z.array(MyTwoSystemsRecordSchema) });
export type MyTwoSystems = z.infer<typeof MyTwoSystemsSchema>;
