import { z } from 'zod';
import { MEMBERSHIP_REASON_MAX, MembershipExitKinds } from '../domain/membership-status';
import { codeFor, requiredText } from './common';
import { OrgIdParamsSchema } from './org-api';

/** The 团籍状态 API (issue 16 part 3). A member id is the member's check-in id. */
const digits = z.string().regex(/^\d+$/, 'NOT_FOUND');
export const MembershipMemberParamsSchema = OrgIdParamsSchema.extend({ memberId: digits });
export const MembershipRequestParamsSchema = OrgIdParamsSchema.extend({ requestId: digits });

/** A branch asks to end a member's 团籍: which exit, and why. */
export const MembershipExitRequestSchema = z
  .object({
    kind: z.enum(MembershipExitKinds, { error: codeFor('OPTION_INVALID') }),
    reason: requiredText(MEMBERSHIP_REASON_MAX, 'TEXT_TOO_LONG', 'MEMBERSHIP_REASON_REQUIRED'),
  })
  .strict();
export type MembershipExitRequest = z.infer<typeof MembershipExitRequestSchema>;

/** The superior's decision: 同意, or 不同意 with a reason. */
export const MembershipDecisionSchema = z
  .object({
    approve: z.boolean({ error: codeFor('VALIDATION_FAILED') }),
    reason: z.string({ error: 'VALIDATION_FAILED' }).trim().max(MEMBERSHIP_REASON_MAX, 'TEXT_TOO_LONG').nullish(),
  })
  .strict()
  .refine((v) => v.approve || (v.reason != null && v.reason.length > 0), { message: 'MEMBERSHIP_REASON_REQUIRED', path: ['reason'] });
export type MembershipDecision = z.infer<typeof MembershipDecisionSchema>;

export const MembershipRequestSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  kind: z.string(),
  reason: z.string(),
  status: z.string(),
  decisionReason: z.string().nullable(),
  requestedAt: z.string(),
  /** whether the caller may decide it through this org */
  decidable: z.boolean(),
});
export type MembershipRequest = z.infer<typeof MembershipRequestSchema>;
export const MembershipRequestListSchema = z.object({ items: z.array(MembershipRequestSchema) });

/** Members of an org's subtree who no longer belong (kept, never deleted). */
export const FormerMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  branchName: z.string(),
  membershipStatus: z.string(),
  changedAt: z.string().nullable(),
});
export const FormerMemberListSchema = z.object({ items: z.array(FormerMemberSchema) });
