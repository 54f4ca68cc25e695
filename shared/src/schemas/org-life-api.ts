import { z } from 'zod';
import { checkOrgLifeDate, checkOrgLifePeriod, MonthVerdicts, ORG_LIFE_NOTE_MAX, ORG_LIFE_PHOTOS_MAX, ORG_LIFE_PLACE_MAX, ORG_LIFE_TOPIC_MAX, OrgLifeKinds } from '../domain/org-life';
import { resolveToday, type Today } from '../domain/dates';
import { AttachmentSchema } from './attachment';
import { addIssueAt, codeFor, DateSchema, enumField, MonthSchema, optionalText, requiredText, RowIdSchema } from './common';
import { OrgIdParamsSchema } from './org-api';

/**
 * 组织生活 API (issue 17 part 2): a branch records 三会 / 团课 / 团日活动; committees read counts
 * per sub-org and open any record. A "member" id is the member's check-in id (as in the 两制
 * API). Dates are China days ('YYYY-MM-DD'), months 'YYYY-MM'.
 */
export const OrgLifeKindSchema = enumField(OrgLifeKinds);
export const OrgLifeRecordParamsSchema = OrgIdParamsSchema.extend({ recordId: z.string().regex(/^\d+$/, 'NOT_FOUND') });

/** The client's id for one form: generated once, sent with every retry of the same submit. */
export const OrgLifeRequestIdSchema = z.string({ error: codeFor('ORG_LIFE_REQUEST_INVALID') }).regex(/^[A-Za-z0-9_-]{8,64}$/, 'ORG_LIFE_REQUEST_INVALID');

const OrgLifeFields = z.object({
  kind: OrgLifeKindSchema,
  heldOn: DateSchema,
  topic: requiredText(ORG_LIFE_TOPIC_MAX, 'TEXT_TOO_LONG', 'ORG_LIFE_TOPIC_REQUIRED'),
  place: requiredText(ORG_LIFE_PLACE_MAX, 'TEXT_TOO_LONG', 'ORG_LIFE_PLACE_REQUIRED'),
  attendeeIds: z
    .array(RowIdSchema, { error: codeFor('ORG_LIFE_ATTENDEES_REQUIRED') })
    .min(1, 'ORG_LIFE_ATTENDEES_REQUIRED')
    .max(2000, 'ORG_LIFE_ATTENDEE_NOT_MEMBER'),
  note: optionalText(ORG_LIFE_NOTE_MAX),
  photos: z.array(AttachmentSchema, { error: codeFor('VALIDATION_FAILED') }).max(ORG_LIFE_PHOTOS_MAX, 'ORG_LIFE_PHOTOS_TOO_MANY'),
});

export const CreateOrgLifeShape = OrgLifeFields.extend({ requestId: OrgLifeRequestIdSchema });
export const UpdateOrgLifeShape = OrgLifeFields;
/** The route checks the shape; the service applies the date rule with the server's clock. */
export const CreateOrgLifeSchema = CreateOrgLifeShape;
export const UpdateOrgLifeSchema = UpdateOrgLifeShape;
export type CreateOrgLife = z.infer<typeof CreateOrgLifeShape>;
export type UpdateOrgLife = z.infer<typeof UpdateOrgLifeShape>;

/** The form's schema: the same fields plus "not after today" with the device's day. */
export const orgLifeFormSchema = (today?: Today) =>
  UpdateOrgLifeShape.superRefine((v, ctx) => {
    if (typeof v.heldOn !== 'string') return;
    const r = checkOrgLifeDate(v.heldOn, resolveToday(today));
    if (!r.ok) addIssueAt(ctx, ['heldOn'], r.code);
  });

export const OrgLifeMonthQuerySchema = z.object({ month: MonthSchema.optional() });

const PeriodShape = z.object({ from: MonthSchema, to: MonthSchema });
export const OrgLifePeriodQuerySchema = PeriodShape;
export const orgLifePeriodSchema = (today?: Today) =>
  PeriodShape.superRefine((v, ctx) => {
    const r = checkOrgLifePeriod(v.from, v.to, resolveToday(today));
    if (!r.ok) addIssueAt(ctx, ['to'], r.code);
  });

const BranchRefSchema = z.object({ id: z.string(), name: z.string() });

export const OrgLifeSummarySchema = z.object({
  id: z.string(),
  branch: BranchRefSchema,
  kind: OrgLifeKindSchema,
  heldOn: z.string(),
  topic: z.string(),
  place: z.string(),
  attendeeCount: z.number(),
  memberCount: z.number(),
  ratePercent: z.number(),
  countsForRule: z.boolean(),
  rateMet: z.boolean(),
  photoCount: z.number(),
});
export type OrgLifeSummary = z.infer<typeof OrgLifeSummarySchema>;

export const OrgLifeDetailSchema = OrgLifeSummarySchema.extend({
  note: z.string().nullable(),
  attendees: z.array(z.object({ memberId: z.string(), name: z.string() })),
  photos: z.array(z.object({ fileId: z.string(), url: z.string(), mime: z.string(), size: z.number() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** whether the caller may correct it (the branch's operators/admins, admins above) */
  canEdit: z.boolean(),
});
export type OrgLifeDetail = z.infer<typeof OrgLifeDetailSchema>;

export const MonthVerdictSchema = enumField(MonthVerdicts);
export const OrgLifeMonthSchema = z.object({ month: z.string(), records: z.number(), counted: z.number(), verdict: MonthVerdictSchema });
export type OrgLifeMonth = z.infer<typeof OrgLifeMonthSchema>;

/** A branch's month: its records and the 12 months up to it with 004's rule. */
export const OrgLifeBranchMonthSchema = z.object({
  branch: BranchRefSchema,
  month: z.string(),
  members: z.number(),
  records: z.array(OrgLifeSummarySchema),
  months: z.array(OrgLifeMonthSchema),
  canRecord: z.boolean(),
});
export type OrgLifeBranchMonth = z.infer<typeof OrgLifeBranchMonthSchema>;

const KindCountsSchema = z.object({ memberMeeting: z.number(), committeeMeeting: z.number(), groupMeeting: z.number(), lecture: z.number(), leagueDay: z.number() });
export type KindCounts = z.infer<typeof KindCountsSchema>;

export const OrgLifeOverviewRowSchema = z.object({
  org: z.object({ id: z.string(), name: z.string(), type: z.string() }),
  counts: KindCountsSchema,
  total: z.number(),
  /** branches in the sub-org's subtree (the sub-org itself when a branch) */
  branches: z.number(),
  /** branch-months of the period meeting 004's rule, of branches × months */
  branchMonthsMet: z.number(),
  branchMonths: z.number(),
});
export type OrgLifeOverviewRow = z.infer<typeof OrgLifeOverviewRowSchema>;

export const OrgLifeOverviewSchema = z.object({
  org: z.object({ id: z.string(), name: z.string(), type: z.string() }),
  from: z.string(),
  to: z.string(),
  /** the whole subtree (the org itself included) */
  total: OrgLifeOverviewRowSchema,
  rows: z.array(OrgLifeOverviewRowSchema),
});
export type OrgLifeOverview = z.infer<typeof OrgLifeOverviewSchema>;

export const OrgLifeParticipationSchema = z.object({
  branch: BranchRefSchema,
  from: z.string(),
  to: z.string(),
  records: z.number(),
  members: z.array(z.object({ memberId: z.string(), name: z.string(), attended: z.number(), ratePercent: z.number(), counts: KindCountsSchema })),
});
export type OrgLifeParticipation = z.infer<typeof OrgLifeParticipationSchema>;
