import { z } from 'zod';
import { CertificationDraftSchema } from './certification';
import { OrgPageQuerySchema } from './checkin-api';
import { IdNumberSchema, PersonNameSchema } from './person';
import { OrgIdParamsSchema } from './org-api';

/**
 * 团员录入与认领 (issue 16 part 5, [004 §二(一)] 团员列表): an admin enters an existing member into a
 * 团支部 with the certification form (the same schemas and rules as a member's check-in); the
 * person later claims the record once their ID is proven by a real-name check.
 * A member id is the member's check-in id.
 */
const digits = z.string().regex(/^\d+$/, 'NOT_FOUND');
export const EnteredMemberParamsSchema = OrgIdParamsSchema.extend({ memberId: digits });

export const EnteredListQuerySchema = OrgPageQuerySchema.extend({ q: z.string().trim().max(50, 'TEXT_TOO_LONG').default('') });
export type EnteredListQuery = z.infer<typeof EnteredListQuerySchema>;

export const EnteredMemberItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  joinedAt: z.string(),
  /** claimed by the person (their account now owns the record; admins no longer edit it) */
  claimed: z.boolean(),
  membershipStatus: z.string(),
  enteredAt: z.string(),
});
export type EnteredMemberItem = z.infer<typeof EnteredMemberItemSchema>;
export const EnteredMemberPageSchema = z.object({ items: z.array(EnteredMemberItemSchema), nextOffset: z.number().int().nullable() });
export type EnteredMemberPage = z.infer<typeof EnteredMemberPageSchema>;

/** One entered member with the form's values (the full ID number: only admins of the chain read it). */
export const EnteredMemberDetailSchema = EnteredMemberItemSchema.extend({ data: CertificationDraftSchema.passthrough() });
export type EnteredMemberDetail = z.infer<typeof EnteredMemberDetailSchema>;

/** 认领团员信息: the name and ID the person asks to have verified (a real-name check). */
export const ClaimVerifySchema = z.object({ name: PersonNameSchema, idNumber: IdNumberSchema }).strict();
export type ClaimVerify = z.infer<typeof ClaimVerifySchema>;

export const ClaimOfferSchema = z.object({
  id: z.string(),
  name: z.string(),
  branchName: z.string(),
  branchFullName: z.string(),
  joinedAt: z.string(),
});
export type ClaimOffer = z.infer<typeof ClaimOfferSchema>;

/**
 * What the member's 认领团员信息 page shows: `none` (nothing asked), `verifying` (the real-name
 * check runs), `failed` (it did not pass), `offer` (a record entered by an org matches the proven
 * ID: 确认 / 不是我), `noRecord` (proven, but no unclaimed record has this ID), `claimed`.
 */
export const MyClaimSchema = z.object({
  state: z.enum(['none', 'verifying', 'failed', 'offer', 'noRecord', 'claimed']),
  offer: ClaimOfferSchema.nullable(),
});
export type MyClaim = z.infer<typeof MyClaimSchema>;
export const ClaimParamsSchema = z.object({ memberId: digits });
