import { z } from 'zod';
import { BATCH_TRANSFER_MAX } from '../limits';
import { IdNumberSchema, PersonNameSchema } from './person';
import { OrgIdParamsSchema } from './org-api';

/**
 * The transfer API contract (issue 7, §7): params and responses the member's and the
 * org's pages read. Request bodies are the schemas in transfer.ts (TransferApplicationSchema,
 * TransferReviewSchema, TransferWithdrawSchema, TransferAppealSchema, OrgTransferInSchema,
 * OrgTransferOutSchema, BatchTransferSchema) plus the few small ones below.
 *
 * Ids are decimal strings. A "member" id is the member's check-in id (one per person).
 * Timestamps are ISO-8601 strings.
 */

const digits = z.string().regex(/^\d+$/, 'NOT_FOUND');

export const TransferIdParamsSchema = z.object({ id: digits });
export const OrgTransferParamsSchema = OrgIdParamsSchema.extend({ transferId: digits });
export const OrgAppealParamsSchema = OrgIdParamsSchema.extend({ appealId: digits });

/** An org as a transfer shows it: names, path, and whom to contact (§7.1 success page). */
export const TransferOrgSchema = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  fullName: z.string(),
  pathNames: z.array(z.string()),
  secretaryName: z.string().nullable(),
  secretaryPhone: z.string().nullable(),
  contactPhone: z.string().nullable(),
});
export type TransferOrg = z.infer<typeof TransferOrgSchema>;

/**
 * Which step of the chain (§7.2): out-org approval, in-org approval (incl. 分配团支部), the
 * other system's confirmation, an appeal (申诉) decided by the returning org's superior.
 */
export const TransferStepKinds = ['out', 'in', 'external', 'appeal'] as const;
export type TransferStepKind = (typeof TransferStepKinds)[number];

/** What became of a step. `skipped` = implicit (the initiator's own side, a batch). */
export const TransferStepOutcomes = ['pending', 'approved', 'rejected', 'expired', 'withdrawn', 'skipped'] as const;
export type TransferStepOutcome = (typeof TransferStepOutcomes)[number];

/**
 * One step of a transfer's progress: who holds it (org + contact, or the other system by
 * name), since when, until when (10-day deadline), how it ended and by whom.
 */
export const TransferStepSchema = z.object({
  kind: z.enum(TransferStepKinds),
  /** Chinese label: 转出组织审核 / 转入组织审核 / 等待转入系统确认 / 申诉审核 */
  label: z.string(),
  outcome: z.enum(TransferStepOutcomes),
  /** The org holding the step (null for the other system's step). */
  org: TransferOrgSchema.nullable(),
  /** The other system / external org name for an `external` step. */
  externalName: z.string().nullable(),
  /** For an in-step at a committee / general branch: a branch must be assigned on approval. */
  needsBranchAssignment: z.boolean(),
  since: z.string(),
  deadline: z.string().nullable(),
  handledAt: z.string().nullable(),
  /** Name of the org that acted (the org itself, or its direct superior acting for it). */
  handledByOrgName: z.string().nullable(),
  comment: z.string().nullable(),
});
export type TransferStep = z.infer<typeof TransferStepSchema>;

/** 申诉 of a returned transfer (§10), decided by the returning org's direct superior. */
/** 'withdrawn': the member withdrew the transfer while its appeal waited. */
export const TransferAppealStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const TransferAppealViewSchema = z.object({
  id: z.string(),
  status: z.enum(TransferAppealStatuses),
  reason: z.string(),
  attachmentIds: z.array(z.string()),
  /** The org that decides: the direct superior of the org that returned the transfer. */
  decidingOrg: TransferOrgSchema.nullable(),
  decisionComment: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type TransferAppealView = z.infer<typeof TransferAppealViewSchema>;

/** A transfer as every list shows it. */
export const TransferSummarySchema = z.object({
  id: z.string(),
  /** TransferKind: memberApplied | orgTransferIn | orgTransferOut | batch */
  kind: z.string(),
  /** TransferDirection: inProvince | outOfProvince */
  direction: z.string(),
  /** TransferStatus + its Chinese label (e.g. awaitingExternal → 等待转入系统确认). */
  status: z.string(),
  statusLabel: z.string(),
  member: z.object({ id: z.string(), name: z.string(), idNumberMasked: z.string() }),
  fromBranch: TransferOrgSchema,
  /** In-province: the destination org (a branch, or a committee / general branch that assigns one). */
  toOrg: TransferOrgSchema.nullable(),
  /** The branch the member lands in (the destination branch, or the one assigned). */
  toBranch: TransferOrgSchema.nullable(),
  /** Out-of-province: OutOfProvinceDestination key, its label, the League system, the org there. */
  destinationRegion: z.string().nullable(),
  destinationRegionLabel: z.string().nullable(),
  destinationSystem: z.string(),
  destinationOrgName: z.string().nullable(),
  externalId: z.string().nullable(),
  /** TransferReason key + label */
  reason: z.string(),
  reasonLabel: z.string(),
  remarks: z.string().nullable(),
  /** Why it was returned / rejected / withdrawn, when it was. */
  returnReason: z.string().nullable(),
  /** The step now waiting (null when closed). */
  currentStep: TransferStepSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type TransferSummary = z.infer<typeof TransferSummarySchema>;

/** Everything about one transfer: both sides' steps in order, the form, the appeal. */
export const TransferDetailSchema = TransferSummarySchema.extend({
  steps: z.array(TransferStepSchema),
  contact: z.string().nullable(),
  superiorContact: z.string().nullable(),
  attachmentIds: z.array(z.string()),
  appeal: TransferAppealViewSchema.nullable(),
  /**
   * [003] after a cross-system transfer: where and by when to check in over there, with the
   * destination's steps (null in-province).
   */
  nextSteps: z.object({ system: z.string(), headline: z.string(), days: z.number().nullable(), dueDate: z.string().nullable(), steps: z.array(z.string()) }).nullable(),
  /** What the member may do now (UI buttons). */
  canWithdraw: z.boolean(),
  canAppeal: z.boolean(),
});
export type TransferDetail = z.infer<typeof TransferDetailSchema>;

/** GET /api/me/transfers — 我的组织关系转接历史, newest first. */
export const MyTransferListSchema = z.object({ items: z.array(TransferDetailSchema) });
/** GET /api/me/transfers/current — the open (or latest) transfer, null when none. */
export const MyCurrentTransferSchema = z.object({ transfer: TransferDetailSchema.nullable() });

/** GET /api/me/transfers/:id/contacts — §7.1 success page [003]. */
export const TransferContactsSchema = z.object({
  outBranch: TransferOrgSchema,
  outSuperior: TransferOrgSchema.nullable(),
  /** null for out-of-province (the org lives in the other system: see `externalName`). */
  inBranch: TransferOrgSchema.nullable(),
  inSuperior: TransferOrgSchema.nullable(),
  externalName: z.string().nullable(),
});
export type TransferContacts = z.infer<typeof TransferContactsSchema>;

/** Org-side list filters: `waiting` = steps this org (or one it acts for) holds now. */
export const OrgTransferBoxes = ['waiting', 'in', 'out', 'all'] as const;
export const OrgTransferListQuerySchema = z.object({
  box: z.enum(OrgTransferBoxes, { error: 'OPTION_INVALID' }).default('waiting'),
  cursor: z.string().regex(/^\d+$/, 'VALIDATION_FAILED').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** What this org may do with a listed transfer right now. */
export const OrgTransferItemSchema = TransferSummarySchema.extend({
  /** out / in: this org holds (or acts for the holder of) that step; null: nothing to do. Appeals have their own list. */
  actionable: z.enum(['out', 'in']).nullable(),
  /** Acting as the direct superior of the holder (§7.2). */
  actingFor: TransferOrgSchema.nullable(),
});
export type OrgTransferItem = z.infer<typeof OrgTransferItemSchema>;
export const OrgTransferListSchema = z.object({ items: z.array(OrgTransferItemSchema), nextCursor: z.string().nullable() });

export const OrgTransferDetailSchema = TransferDetailSchema.extend({
  actionable: z.enum(['out', 'in']).nullable(),
  actingFor: TransferOrgSchema.nullable(),
  /** [004 §二(三)3 (2.2)(i)] 发起方可随时撤销: this org started it and may withdraw it now. */
  canWithdrawAsInitiator: z.boolean(),
});

/** §7.4 escalation: steps held by orgs in the subtree, past the reminder threshold. */
export const OverdueQuerySchema = z.object({
  /** Days since the step started; default 7 (the second reminder). */
  minDays: z.coerce.number().int().min(0).max(30).default(7),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const OverdueItemSchema = TransferSummarySchema.extend({
  heldBy: TransferOrgSchema,
  daysWaiting: z.number(),
  deadline: z.string(),
});
export const OverdueListSchema = z.object({ items: z.array(OverdueItemSchema) });

/** §7.3 办理转入 step 1: find the person by name + full ID number (lookup hash). */
export const TransferLookupSchema = z.object({ name: PersonNameSchema, idNumber: IdNumberSchema });
export const TransferLookupResultSchema = z.object({
  member: z.object({ id: z.string(), name: z.string(), idNumberMasked: z.string() }),
  branch: TransferOrgSchema,
  /** Already has an open transfer (TRANSFER_OPEN_EXISTS would be answered). */
  hasOpenTransfer: z.boolean(),
});

/** Members of a branch the org may transfer out (办理转出 / batch pickers). */
export const TransferableMembersQuerySchema = z.object({ branchId: digits });
export const TransferableMemberSchema = z.object({ id: z.string(), name: z.string(), idNumberMasked: z.string(), hasOpenTransfer: z.boolean() });
export const TransferableMemberListSchema = z.object({ items: z.array(TransferableMemberSchema) });

/** POST created: one transfer (member / 办理转入) or several (办理转出, one per member). */
export const TransferCreatedSchema = z.object({ transfer: TransferDetailSchema });
export const TransfersCreatedSchema = z.object({ items: z.array(TransferDetailSchema) });

/** §7.3 batch: done at once; every id listed is moved (all or nothing). */
export const BatchTransferResultSchema = z.object({
  moved: z.number().int().min(0).max(BATCH_TRANSFER_MAX),
  transferIds: z.array(z.string()),
});

/** The superior's decision on an appeal. */
export const AppealDecisionSchema = z.discriminatedUnion(
  'action',
  [z.object({ action: z.literal('approve') }), z.object({ action: z.literal('reject'), reason: z.string().trim().min(1, 'TRANSFER_REJECT_REASON_REQUIRED').max(200, 'TEXT_TOO_LONG') })],
  { error: 'OPTION_INVALID' },
);
export type AppealDecision = z.infer<typeof AppealDecisionSchema>;

export const OrgAppealItemSchema = TransferAppealViewSchema.extend({ transfer: TransferSummarySchema });
export const OrgAppealListSchema = z.object({ items: z.array(OrgAppealItemSchema) });

// ---- task center (操作中心, §1) ------------------------------------------------------

export const TaskKinds = {
  checkinReview: '报到审核',
  transferOut: '转出审批',
  transferIn: '转入审批',
  transferAppeal: '转接申诉',
  adminChange: '管理员变更审批',
  // [004 §二(四)4(3)(i)] 操作中心 › 团员电子档案审批
  archiveApproval: '团员电子档案审批',
} as const;
export type TaskKind = keyof typeof TaskKinds;

/** One thing waiting for the current org, oldest first; `link` is the page to open. */
export const TaskItemSchema = z.object({
  kind: z.enum(Object.keys(TaskKinds) as [TaskKind, ...TaskKind[]]),
  kindLabel: z.string(),
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  since: z.string(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  link: z.object({ page: z.string(), params: z.record(z.string(), z.string()) }),
});
export type TaskItem = z.infer<typeof TaskItemSchema>;
export const TaskListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const TaskListSchema = z.object({ items: z.array(TaskItemSchema), total: z.number() });
export const TaskCountsSchema = z.object({
  checkinReview: z.number(),
  transferOut: z.number(),
  transferIn: z.number(),
  transferAppeal: z.number(),
  adminChange: z.number(),
  archiveApproval: z.number(),
  total: z.number(),
});
export type TaskCounts = z.infer<typeof TaskCountsSchema>;

/** Test-only GET /api/test/notifications (simulator notifier). */
export const SentNotificationSchema = z.object({
  userIds: z.array(z.string()),
  orgId: z.string().nullable(),
  kind: z.string(),
  message: z.string(),
  at: z.string(),
});
export const SentNotificationListSchema = z.object({ items: z.array(SentNotificationSchema) });
