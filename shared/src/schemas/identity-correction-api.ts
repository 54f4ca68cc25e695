import { z } from 'zod';
import { Genders } from '../enums';
import { REASON_MAX_CHARS } from '../limits';
import { AttachmentSchema } from './attachment';
import { codeFor, enumField, optionalText } from './common';
import { OrgIdParamsSchema } from './org-api';
import { PersonNameSchema } from './person';

/** [004 §一(一)1] identity corrections: filed by the member or the branch, decided by the province. */
const digits = z.string().regex(/^\d+$/, 'NOT_FOUND');
export const IdentityCorrectionMemberParamsSchema = OrgIdParamsSchema.extend({ memberId: digits });
export const IdentityCorrectionParamsSchema = OrgIdParamsSchema.extend({ requestId: digits });

/** The corrected 姓名 / 性别 / 证件号码 (all three, as they should read) and the evidence photo. */
export const IdentityCorrectionRequestSchema = z
  .object({
    name: PersonNameSchema,
    gender: enumField(Genders),
    idNumber: z
      .string({ error: codeFor('REQUIRED') })
      .trim()
      .toUpperCase()
      .min(1, 'REQUIRED')
      .max(20, 'ID_NUMBER_LENGTH'),
    note: optionalText(REASON_MAX_CHARS),
    photo: z.object(AttachmentSchema.shape, { error: (i) => (i.input == null ? 'IDENTITY_CORRECTION_PHOTO_REQUIRED' : 'UPLOAD_INVALID') }),
  })
  .strict();
export type IdentityCorrectionRequest = z.infer<typeof IdentityCorrectionRequestSchema>;

/** The province's decision: 同意, or 不同意 with a reason. */
export const IdentityCorrectionDecisionSchema = z
  .object({
    approve: z.boolean({ error: codeFor('VALIDATION_FAILED') }),
    reason: z.string({ error: 'VALIDATION_FAILED' }).trim().max(REASON_MAX_CHARS, 'TEXT_TOO_LONG').nullish(),
  })
  .strict()
  .refine((v) => v.approve || (v.reason != null && v.reason.length > 0), { message: 'IDENTITY_CORRECTION_REASON_REQUIRED', path: ['reason'] });
export type IdentityCorrectionDecision = z.infer<typeof IdentityCorrectionDecisionSchema>;

const IdentityValuesSchema = z.object({ name: z.string(), gender: z.string(), idNumber: z.string() });

export const IdentityCorrectionItemSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  branchName: z.string(),
  current: IdentityValuesSchema,
  requested: IdentityValuesSchema,
  note: z.string().nullable(),
  photoUrl: z.string(),
  status: z.string(),
  decisionReason: z.string().nullable(),
  requestedAt: z.string(),
});
export type IdentityCorrectionItem = z.infer<typeof IdentityCorrectionItemSchema>;
export const IdentityCorrectionListSchema = z.object({ items: z.array(IdentityCorrectionItemSchema) });
