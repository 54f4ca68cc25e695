import { z } from 'zod';
import { GRADUATION_BATCH_MAX, GraduationReasons, checkGraduationMark, checkDelayMonth } from '../domain/graduation';
import { ALWAYS, MonthSchema, RowIdSchema, codeFor, enumField, requiredText } from './common';
import { OrgIdParamsSchema } from './org-api';
import { MEMBERSHIP_REASON_MAX } from '../domain/membership-status';

/**
 * The graduation API (issue 16 part 1, [004 §二(二)]). `:orgId` is the acting org (校团委 /
 * 二级团委 / 年级团总支, or the marker's superior for a correction); ids are decimal strings.
 */
const digits = z.string().regex(/^\d+$/, 'NOT_FOUND');
export const GraduationBranchParamsSchema = OrgIdParamsSchema.extend({ branchId: digits });
export const GraduationMemberParamsSchema = OrgIdParamsSchema.extend({ memberId: digits });

const markFields = {
  month: MonthSchema.nullish(),
  reason: enumField(GraduationReasons).nullish(),
};
const markRule = (v: { month?: string | null; reason?: keyof typeof GraduationReasons | null }, ctx: z.RefinementCtx) => {
  const r = checkGraduationMark(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.code, path: ['month'] });
};

/** [004 §二(二)1] one or many branches, one month (a batch shares it, 注意事项(1)) or one reason. */
export const GraduationMarkSchema = z
  .object({
    branchIds: z
      .array(RowIdSchema, { error: codeFor('VALIDATION_FAILED') })
      .min(1, 'REQUIRED')
      .max(GRADUATION_BATCH_MAX, 'VALIDATION_FAILED'),
    ...markFields,
  })
  .strict()
  .superRefine(markRule, ALWAYS);
export type GraduationMark = z.infer<typeof GraduationMarkSchema>;

/** A superior's correction of one branch's mark [004 §二(二)1 注意事项(2)]. */
export const GraduationCorrectSchema = z.object(markFields).strict().superRefine(markRule, ALWAYS);
export type GraduationCorrect = z.infer<typeof GraduationCorrectSchema>;

/** [004 §二(二)4(3)] 延迟毕业团员: a later month and a reason. */
export const GraduationDelaySchema = z.object({ month: MonthSchema, reason: requiredText(MEMBERSHIP_REASON_MAX, 'TEXT_TOO_LONG', 'MEMBERSHIP_REASON_REQUIRED') }).strict();
export type GraduationDelay = z.infer<typeof GraduationDelaySchema>;
/** The delay rule, for the form (the server checks it against the branch's stored month). */
export const delayMonthCheck = checkDelayMonth;

export const GraduationBranchSchema = z.object({
  id: z.string(),
  name: z.string(),
  pathNames: z.array(z.string()),
  branchCategory: z.string().nullable(),
  month: z.string().nullable(),
  reason: z.string().nullable(),
  markedAt: z.string().nullable(),
  markedByOrg: z.string().nullable(),
  /** whether the acting org may correct this mark (it is strictly above the marking org) */
  correctable: z.boolean(),
  convertedAt: z.string().nullable(),
  memberCount: z.number(),
});
export type GraduationBranch = z.infer<typeof GraduationBranchSchema>;
export const GraduationBranchListSchema = z.object({
  canMark: z.boolean(),
  items: z.array(GraduationBranchSchema),
});

export const GraduationMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  graduate: z.boolean(),
  delayedMonth: z.string().nullable(),
  delayedReason: z.string().nullable(),
  /** the delay if set, else the branch's month [004 §二(二)4(4)] */
  expectedMonth: z.string().nullable(),
  /** an open transfer of the member, if any (学社衔接 follow-through) */
  transferStatus: z.string().nullable(),
});
export type GraduationMember = z.infer<typeof GraduationMemberSchema>;

/** One graduating branch: its mark, its members, and who still has to transfer. */
export const GraduationBranchDetailSchema = z.object({
  branch: GraduationBranchSchema,
  members: z.array(GraduationMemberSchema),
  /** members still in the branch with no open transfer */
  stillToTransfer: z.number(),
  /** a 毕业生团组织 all of whose members left may be deleted [004 §二(二)3(3.3)] */
  deletable: z.boolean(),
});
export type GraduationBranchDetail = z.infer<typeof GraduationBranchDetailSchema>;

export const DelayedMemberSchema = GraduationMemberSchema.extend({ branchId: z.string(), branchName: z.string() });
export const DelayedMemberListSchema = z.object({ items: z.array(DelayedMemberSchema) });

export const GraduationConvertResultSchema = z.object({ branches: z.number(), members: z.number() });
