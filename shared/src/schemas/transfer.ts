import { z } from 'zod';
import { OutOfProvinceDestinations, TransferDirections, TransferReasons } from '../enums';
import { BATCH_TRANSFER_MAX, REASON_MAX_CHARS, TRANSFER_REMARKS_MAX_CHARS } from '../limits';
import { ImageAttachmentsSchema, imageAttachmentsSchema } from './attachment';
import { TRANSFER_ATTACHMENT_MAX_BYTES_ANY, transferAttachmentMaxBytes, transferAttachmentTooLargeCode } from '../domain/transfer-attachments';
import { SmsCodeSchema } from './auth';
import { ALWAYS, IdSchema, RowIdSchema, addIssueAt, codeFor, enumField, optionalText, requiredText } from './common';
import { IdNumberSchema, PersonNameSchema } from './person';

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** §7.1 备注*: required, at most 100 characters [003: 最多100字]. */
export const TransferRemarksSchema = requiredText(TRANSFER_REMARKS_MAX_CHARS, 'TRANSFER_REMARKS_TOO_LONG');

/**
 * §7.1 a member's transfer application [003]. In-province: `destinationOrgId` is one of
 * our branches. Out-of-province: `destinationRegion` (a province or one of the five
 * system committees) and the destination org of that system (全团转接组织), which must
 * be a branch for Beijing / Fujian (`requiresBranchDestination`; the adapter checks).
 */
export const TransferApplicationSchema = z
  .object({
    direction: enumField(TransferDirections),
    /** 学习/工作单位地点 (out-of-province only) */
    destinationRegion: enumField(OutOfProvinceDestinations).nullish(),
    /** 全团转接组织 / the in-province branch */
    destinationOrgId: IdSchema,
    /** its standard name as shown to the member (out-of-province orgs live elsewhere) */
    destinationOrgName: optionalText(100),
    /** 转出团支部的直属上级联系方式 */
    superiorContact: optionalText(50),
    /** 常用联系人的联系方式 */
    contact: requiredText(50),
    /** 转出原因 */
    reason: enumField(TransferReasons),
    /** 备注 */
    remarks: TransferRemarksSchema,
    /** 附件: 1–5 images, each within the destination's limit [003: 2M / 福建 5M / 北京 10M] */
    attachments: imageAttachmentsSchema(TRANSFER_ATTACHMENT_MAX_BYTES_ANY),
    /** §7.1 submit requires an SMS check of the member's phone */
    smsCode: SmsCodeSchema,
  })
  .superRefine((v, ctx) => {
    if (v.direction === 'outOfProvince' && blank(v.destinationRegion)) addIssueAt(ctx, ['destinationRegion'], 'TRANSFER_DESTINATION_REQUIRED');
    if (v.direction === 'inProvince' && !blank(v.destinationRegion)) addIssueAt(ctx, ['destinationRegion'], 'TRANSFER_DESTINATION_NOT_ALLOWED');
    const region = v.direction === 'outOfProvince' ? v.destinationRegion : null;
    const max = transferAttachmentMaxBytes(region);
    for (const [i, a] of (Array.isArray(v.attachments) ? v.attachments : []).entries()) {
      if (typeof a?.size === 'number' && a.size > max) addIssueAt(ctx, ['attachments', i, 'size'], transferAttachmentTooLargeCode(region));
    }
  }, ALWAYS);
export type TransferApplication = z.infer<typeof TransferApplicationSchema>;

/**
 * §7.2 / §10 review of a transfer step: approve (an in-org committee / general branch
 * assigns a branch: the server requires `assignBranchId` then, TRANSFER_BRANCH_REQUIRED)
 * or reject with a reason (退回).
 */
export const TransferReviewSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('approve'), assignBranchId: RowIdSchema.nullish() }),
    z.object({
      action: z.literal('reject'),
      reason: requiredText(REASON_MAX_CHARS, 'TEXT_TOO_LONG', 'TRANSFER_REJECT_REASON_REQUIRED'),
    }),
  ],
  { error: codeFor('OPTION_INVALID') },
);
export type TransferReview = z.infer<typeof TransferReviewSchema>;

/** §10 the applicant withdraws a transfer, with a reason. */
export const TransferWithdrawSchema = z.object({ reason: requiredText(REASON_MAX_CHARS) });
export type TransferWithdraw = z.infer<typeof TransferWithdrawSchema>;

/** §10 申诉 against a returned transfer: a reason and supporting images. */
export const TransferAppealSchema = z.object({ reason: requiredText(REASON_MAX_CHARS), attachments: ImageAttachmentsSchema });
export type TransferAppeal = z.infer<typeof TransferAppealSchema>;

/** §7.3 办理转入: the in-org admin finds the person by name + ID number and picks a reason. */
export const OrgTransferInSchema = z.object({
  name: PersonNameSchema,
  idNumber: IdNumberSchema,
  reason: enumField(TransferReasons),
  /**
   * the branch of the in-org that receives the member; optional for a committee / general
   * branch, which then assigns one after the out-org approved (分配团支部 [004 FAQ 2])
   */
  toBranchId: RowIdSchema.nullish(),
  remarks: optionalText(TRANSFER_REMARKS_MAX_CHARS, 'TRANSFER_REMARKS_TOO_LONG'),
});
export type OrgTransferIn = z.infer<typeof OrgTransferInSchema>;

/** §7.3 办理转出: the out-org admin picks members of its branches, a destination and a reason. */
export const OrgTransferOutSchema = z.object({
  memberIds: z
    .array(RowIdSchema, { error: codeFor('REQUIRED') })
    .min(1, 'REQUIRED')
    .max(BATCH_TRANSFER_MAX, 'BATCH_TRANSFER_TOO_MANY'),
  destinationOrgId: IdSchema,
  reason: enumField(TransferReasons),
  remarks: optionalText(TRANSFER_REMARKS_MAX_CHARS, 'TRANSFER_REMARKS_TOO_LONG'),
});
export type OrgTransferOut = z.infer<typeof OrgTransferOutSchema>;

/**
 * §7.3 组织关系批量接转: two different branches of the initiator's subtree, at most 30
 * members, no approval. Whether the initiator may do it at all is `checkBatchTransfer`.
 */
export const BatchTransferSchema = z
  .object({
    fromBranchId: RowIdSchema,
    toBranchId: RowIdSchema,
    memberIds: z
      .array(RowIdSchema, { error: codeFor('REQUIRED') })
      .min(1, 'REQUIRED')
      .max(BATCH_TRANSFER_MAX, 'BATCH_TRANSFER_TOO_MANY')
      .refine((ids) => new Set(ids).size === ids.length, 'VALIDATION_FAILED'),
    reason: enumField(TransferReasons),
  })
  .superRefine((v, ctx) => {
    if (typeof v.fromBranchId === 'string' && v.fromBranchId === v.toBranchId) addIssueAt(ctx, ['toBranchId'], 'TRANSFER_SAME_BRANCH');
  }, ALWAYS);
export type BatchTransfer = z.infer<typeof BatchTransferSchema>;

/**
 * [003 §四] a transfer into Guangdong started in another League system (POST
 * /api/inbound/transfers, signed by that system). `transferId` is theirs: the same id again
 * is the same transfer. Without `toBranchId` the member goes to the province's 临时中转团组织
 * [003 五2] until a branch is known.
 */
export const InboundTransferSchema = z.object({
  transferId: z
    .string({ error: codeFor('REQUIRED') })
    .trim()
    .min(1, 'REQUIRED')
    .max(80, 'VALIDATION_FAILED'),
  member: z.object({ name: PersonNameSchema, idNumber: IdNumberSchema }, { error: codeFor('REQUIRED') }),
  toBranchId: RowIdSchema.nullish(),
  fromOrgName: optionalText(100),
  reason: enumField(TransferReasons),
});
export type InboundTransfer = z.infer<typeof InboundTransferSchema>;

export const InboundTransferResultSchema = z.object({
  id: z.string(),
  /** awaitingCheckin: the member must check in at the branch; checkedIn / reported: 报到成功. */
  status: z.enum(['awaitingCheckin', 'checkedIn', 'reported']),
  toBranchName: z.string(),
  /** A repeat of a request already received (nothing changed). */
  duplicate: z.boolean(),
});
