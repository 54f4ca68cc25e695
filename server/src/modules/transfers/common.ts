import { eq, inArray } from 'drizzle-orm';
import {
  isTransferOpen,
  transferAttachmentMaxBytes,
  transferAttachmentTooLargeCode,
  transferStepDeadline,
  validateImageFile,
  type TransferDirection,
  type TransferKind,
  type TransferStatus,
} from '@tj/shared';
import type { DbOrTx, Tx } from '../../db/client';
import { checkins, orgs, transfers, uploads } from '../../db/schema';
import { AppError } from '../../errors';
import { isDuplicate } from '../../lib/mysql-errors';
import { isUncertified } from '../archives/service';
import type { OrgRow } from './engine';

/** Helpers the member, org-action, list and appeal services share. */
export type CheckinRow = typeof checkins.$inferSelect;
export type NewTransferRow = typeof transfers.$inferInsert;
export const OPEN: TransferStatus[] = ['pendingOut', 'pendingIn', 'awaitingExternal', 'appealing'];
export const ORG_STEPS: TransferStatus[] = ['pendingOut', 'pendingIn'];

export const memberName = (c: CheckinRow) => String((c.approvedData as { name?: string } | null)?.name ?? (c.draft as { name?: string }).name ?? '');

export async function orgById(db: DbOrTx, id: number): Promise<OrgRow | undefined> {
  const [o] = await db.select().from(orgs).where(eq(orgs.id, id));
  return o;
}

/**
 * §7.1 attachments: the member's own uploads, images within the destination's limit
 * [003: 2M / 福建 5M / 北京 10M] — judged from the uploads table.
 */
export async function checkOwnImages(db: DbOrTx, userId: number, fileIds: string[], field: string, destinationRegion: string | null = null): Promise<number[]> {
  const max = transferAttachmentMaxBytes(destinationRegion);
  const ids = [...new Set(fileIds.map(Number))];
  if (ids.some((i) => !Number.isSafeInteger(i) || i <= 0)) throw new AppError('UPLOAD_INVALID', field);
  const rows = await db.select().from(uploads).where(inArray(uploads.id, ids));
  for (const [i, id] of ids.entries()) {
    const u = rows.find((r) => r.id === id);
    if (!u || u.ownerUserId !== userId) throw new AppError('UPLOAD_INVALID', `${field}.${i}`);
    const check = validateImageFile({ mime: u.mime, size: Math.min(u.size, 1) });
    if (!check.ok) throw new AppError(check.code, `${field}.${i}`);
    if (u.size > max) throw new AppError(transferAttachmentTooLargeCode(destinationRegion), `${field}.${i}`);
  }
  return ids;
}

/** Where the transfer goes: an org of ours, or one in another system (region + its reference). */
export type TransferDestination = Pick<NewTransferRow, 'toOrgId' | 'toBranchId' | 'destinationRegion' | 'destinationOrgRef' | 'destinationOrgName' | 'destinationSystem'>;

export interface NewTransfer {
  kind: TransferKind;
  direction: TransferDirection;
  /** The first status: an open one starts its first step (generation 1); a closed one (batch) is done at once. */
  status: TransferStatus;
  /** The member's check-in (locked by the caller); the transfer starts from its branch. */
  member: CheckinRow;
  destination: TransferDestination;
  reason: string;
  remarks?: string | null;
  contact?: string | null;
  superiorContact?: string | null;
  attachmentIds?: number[];
  initiatedBy: number;
  initiatorOrgId?: number | null;
  now: Date;
}

/**
 * The one place a new transfer row is built. An open transfer holds `open_user_id` (the
 * unique index refuses a second open one) and its first step: the out-branch for
 * pendingOut, the destination org for pendingIn.
 */
export function newTransferRow(t: NewTransfer): NewTransferRow {
  const open = isTransferOpen(t.status);
  const stepOrgId = t.status === 'pendingOut' ? t.member.branchId : t.status === 'pendingIn' ? (t.destination.toOrgId ?? null) : null;
  return {
    kind: t.kind,
    direction: t.direction,
    status: t.status,
    memberUserId: t.member.userId,
    checkinId: t.member.id,
    memberName: memberName(t.member),
    openUserId: open ? t.member.userId : null,
    fromBranchId: t.member.branchId,
    ...t.destination,
    reason: t.reason,
    remarks: t.remarks ?? null,
    contact: t.contact ?? null,
    superiorContact: t.superiorContact ?? null,
    attachmentIds: t.attachmentIds ?? [],
    ...(open ? { stepOrgId, stepSince: t.now, stepDeadline: transferStepDeadline(t.now, { appliedAt: t.now }), stepGeneration: 1 } : { closedAt: t.now }),
    initiatedBy: t.initiatedBy,
    initiatorOrgId: t.initiatorOrgId ?? null,
    createdAt: t.now,
    updatedAt: t.now,
  };
}

/** Inserts a transfer; the unique open_user_id refuses a second open one (TRANSFER_OPEN_EXISTS). */
export async function insertTransfer(tx: Tx, values: NewTransferRow): Promise<number> {
  // [004 FAQ (iv)] an uncertified 2020+ member cannot be transferred (modules/archives)
  if (await isUncertified(tx, values.checkinId)) {
    throw values.memberName
      ? AppError.withMessage('TRANSFER_MEMBER_UNCERTIFIED', `${values.memberName}的团员身份尚未认证（电子版《入团志愿书》未上传或未经上级团委审批），完成认证后才能办理组织关系转接`)
      : new AppError('TRANSFER_MEMBER_UNCERTIFIED');
  }
  const [res] = await tx.insert(transfers).values(values);
  return Number(res.insertId);
}

export const openExists = (err: unknown, name?: string) =>
  isDuplicate(err) ? (name ? AppError.withMessage('TRANSFER_OPEN_EXISTS', `${name}已有一条正在办理的组织关系转接，请等待办理完成后再办理`) : new AppError('TRANSFER_OPEN_EXISTS')) : err;
