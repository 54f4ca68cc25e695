import { z } from 'zod';
import { ArchiveStates, type ArchiveState } from '../domain/archive';
import { REASON_MAX_CHARS } from '../limits';
import { CheckinParamsSchema, OrgPageQuerySchema } from './checkin-api';
import { codeFor, optionalText, requiredText } from './common';

/** 团员电子档案 API (issue 16 part 2, [004 §二(四)]). */

const STATES = Object.keys(ArchiveStates) as [ArchiveState, ...ArchiveState[]];

/** The admin list: search by name, ID number or development number [004 §二(四)4(5)(vi)], filter by state. */
export const ArchiveListQuerySchema = OrgPageQuerySchema.extend({
  q: z.string().trim().max(50, 'TEXT_TOO_LONG').default(''),
  state: z.enum(STATES.filter((s) => s !== 'notRequired') as [ArchiveState, ...ArchiveState[]], { error: 'OPTION_INVALID' }).optional(),
});
export type ArchiveListQuery = z.infer<typeof ArchiveListQuerySchema>;

export const ArchiveParamsSchema = CheckinParamsSchema;
export const ArchiveFileParamsSchema = z.object({ checkinId: z.string().regex(/^\d+$/, 'NOT_FOUND') });
export const ArchiveFileQuerySchema = z.object({ version: z.enum(['current', 'pending'], { error: 'OPTION_INVALID' }).default('current') });
/** 替换档案 of a certified archive is a change request: its reason travels in the query (the body is the file). */
export const ArchiveUploadQuerySchema = z.object({ changeReason: optionalText(REASON_MAX_CHARS) });

/** [004 §二(四)4(3)] 同意 / 不同意 (不同意须写明理由). */
export const ArchiveDecisionSchema = z.discriminatedUnion(
  'action',
  [z.object({ action: z.literal('approve') }), z.object({ action: z.literal('reject'), reason: requiredText(REASON_MAX_CHARS, 'TEXT_TOO_LONG', 'ARCHIVE_REJECT_REASON_REQUIRED') })],
  { error: codeFor('OPTION_INVALID') },
);
export type ArchiveDecision = z.infer<typeof ArchiveDecisionSchema>;

export const ArchiveFileInfoSchema = z.object({ size: z.number(), uploadedAt: z.string(), uploadedByOrg: z.string() });

export const ArchiveItemSchema = z.object({
  checkinId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  developmentNumber: z.string().nullable(),
  joinedAt: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  state: z.enum(STATES),
  stateLabel: z.string(),
  /** the certified file, or the one waiting / refused */
  file: ArchiveFileInfoSchema.nullable(),
  /** a change of a certified archive waiting for the superior */
  pendingChange: ArchiveFileInfoSchema.extend({ reason: z.string() }).nullable(),
  rejectReason: z.string().nullable(),
  /** the committee that decides what is waiting */
  approverOrgName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** the caller (through the org of the list) may 上传 / 替换 this member's archive [004 FAQ (v)] */
  canUpload: z.boolean(),
});
export type ArchiveItem = z.infer<typeof ArchiveItemSchema>;

export const ArchivePageSchema = z.object({ items: z.array(ArchiveItemSchema), nextOffset: z.number().int().nullable() });
export type ArchivePage = z.infer<typeof ArchivePageSchema>;

/** [004 §二(四)4(5)(iii)] the admin's prompt: 组织内有团员身份尚未认证. */
export const ArchiveSummarySchema = z.object({
  uncertified: z.number(),
  pending: z.number(),
  rejected: z.number(),
  certified: z.number(),
  /** 新发展团员 as statistics count them: certified only [004 FAQ (iii)(iv)] */
  newMembers: z.number(),
  /** waiting for this org's decision (its 下级团员电子档案审批) */
  toApprove: z.number(),
  prompt: z.string().nullable(),
});
export type ArchiveSummary = z.infer<typeof ArchiveSummarySchema>;

export const MyArchiveSchema = z.object({ archive: ArchiveItemSchema });
export type MyArchive = z.infer<typeof MyArchiveSchema>;
