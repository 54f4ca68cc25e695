import { and, desc, eq } from 'drizzle-orm';
import {
  checkTransferDestination,
  destinationSystem,
  isTransitOrgRef,
  transferAttachmentMaxBytes,
  nextTransferStatus,
  requiresBranchDestination,
  type TransferApplication,
  type TransferContacts,
} from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { checkins, transferAppeals, transfers, users } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { useSmsCode } from '../accounts/sms-codes';
import { attachUpload } from '../uploads/service';
import { watermarkUploads } from '../uploads/watermark';
import { checkOwnImages, insertTransfer, newTransferRow, openExists, orgById, type CheckinRow, type TransferDestination } from './common';
import type { TransferDeps } from './deps';
import { move, notifyHolder, openFirstStep, type TransferRow } from './engine';
import { detailOf, detailsOf, loadOrgs } from './view';
import { theRow } from '../../lib/rows';

// ─── member side (§7.1): apply, withdraw, own views ─────────────────────────────────────

/**
 * §7.1 a member applies. Everything that can be checked before the SMS code is used is
 * checked first; the code is used in the same transaction that creates the transfer, so a
 * refused transfer leaves the code usable.
 */
export async function applyTransfer(deps: TransferDeps, member: CheckinRow, body: TransferApplication) {
  const { db } = deps;
  const now = deps.now();
  const userId = member.userId;
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('UNAUTHORIZED');
  const [open] = await db.select({ id: transfers.id }).from(transfers).where(eq(transfers.openUserId, userId));
  if (open) throw new AppError('TRANSFER_OPEN_EXISTS');
  const region = body.direction === 'outOfProvince' ? (body.destinationRegion ?? null) : null;
  const attachmentIds = await checkOwnImages(
    db,
    userId,
    body.attachments.map((a) => a.fileId),
    'attachments',
    region,
  );

  let dest: TransferDestination;
  if (body.direction === 'inProvince') {
    const id = Number(body.destinationOrgId);
    const org = Number.isSafeInteger(id) ? await orgById(db, id) : undefined;
    if (!org) throw new AppError('TRANSFER_DESTINATION_INVALID', 'destinationOrgId');
    const check = checkTransferDestination({ destinationType: org.type, destinationId: String(org.id), fromBranchId: String(member.branchId) });
    if (!check.ok) throw new AppError(check.code, 'destinationOrgId');
    // [004 §二(三)6] the special-unit pool takes enlisted members only (参军入伍).
    if (org.transferRole === 'specialUnitPool' && body.reason !== 'enlisted') throw new AppError('TRANSFER_SPECIAL_POOL_REASON', 'reason');
    dest = { toOrgId: org.id, toBranchId: org.type === 'branch' ? org.id : null, destinationSystem: 'guangdong', destinationOrgName: org.fullName };
  } else {
    const region = body.destinationRegion!;
    const system = destinationSystem(region) as 'central' | 'beijing' | 'fujian';
    let found: { name: string; isBranch: boolean; ref?: string } | null;
    const transit = isTransitOrgRef(body.destinationOrgId);
    try {
      // [003 五2] not knowing the branch yet: the destination's 临时中转团组织 takes the member.
      found = transit
        ? { ...(await deps.externalSystem.transitOrg(system, region)), isBranch: true }
        : await deps.externalSystem.describeOrg(system, body.destinationOrgId, body.destinationOrgName ?? null);
    } catch (err) {
      deps.log.warn({ err }, 'external system unavailable');
      throw new AppError('TRANSFER_EXTERNAL_UNAVAILABLE');
    }
    if (!found) throw new AppError('TRANSFER_DESTINATION_INVALID', 'destinationOrgId');
    // §7.1 [004 FAQ 三 2(3)] Beijing / Fujian need a specific branch.
    if (requiresBranchDestination(region) && !found.isBranch) throw new AppError('TRANSFER_DESTINATION_NOT_BRANCH', 'destinationOrgId');
    dest = { destinationRegion: region, destinationSystem: system, destinationOrgRef: found.ref ?? body.destinationOrgId, destinationOrgName: found.name };
  }

  let id: number;
  try {
    id = await useSmsCode(db, { phone: user.phone, purpose: 'transfer', code: body.smsCode, field: 'smsCode' }, now, async (tx) => {
      const [c] = await tx.select().from(checkins).where(eq(checkins.id, member.id)).for('update');
      if (!c || c.approvedIdHash == null || c.branchId !== member.branchId) throw new AppError('CHECKIN_REQUIRED');
      for (const [i, fileId] of attachmentIds.entries()) await attachUpload(tx, userId, String(fileId), c.branchId, `attachments.${i}`, transferAttachmentMaxBytes(region));
      const values = newTransferRow({
        kind: 'memberApplied',
        direction: body.direction,
        status: 'pendingOut',
        member: c,
        destination: dest,
        reason: body.reason,
        remarks: body.remarks,
        contact: body.contact,
        superiorContact: body.superiorContact,
        attachmentIds,
        initiatedBy: userId,
        now,
      });
      const newId = await insertTransfer(tx, values);
      await openFirstStep(tx, { id: newId, status: 'pendingOut', stepOrgId: c.branchId, stepGeneration: 1 }, now);
      await audit(tx, { actorUserId: userId, orgId: c.branchId, action: 'transfer.apply', targetType: 'transfer', targetId: newId, after: { direction: body.direction, ...dest } });
      return newId;
    });
  } catch (err) {
    throw openExists(err);
  }
  // [003] 我们会添加水印: stamped once the transfer holds them (a failure leaves them as sent).
  await watermarkUploads(db, deps.storage, attachmentIds).catch((err) => deps.log.warn({ err }, 'watermark failed'));
  const detail = await detailOf(db, deps.pii, id, member.userId);
  await notifyHolder(deps, { id, stepOrgId: member.branchId, memberName: detail.member.name, status: 'pendingOut' });
  return detail;
}

export async function myTransfers(deps: TransferDeps, userId: number) {
  const rows = await deps.db.select().from(transfers).where(eq(transfers.memberUserId, userId)).orderBy(desc(transfers.createdAt), desc(transfers.id)).limit(100);
  return { items: await detailsOf(deps.db, deps.pii, rows, userId) };
}

/** The open transfer, or else the latest one (its result), or null. */
export async function myCurrentTransfer(deps: TransferDeps, userId: number) {
  const [open] = await deps.db.select().from(transfers).where(eq(transfers.openUserId, userId));
  const [latest] = open ? [open] : await deps.db.select().from(transfers).where(eq(transfers.memberUserId, userId)).orderBy(desc(transfers.createdAt), desc(transfers.id)).limit(1);
  return { transfer: latest ? theRow(await detailsOf(deps.db, deps.pii, [latest], userId), 'the transfer detail') : null };
}

/** The member's own transfer (another's is NOT_FOUND, as if it did not exist). */
export async function ownTransfer(db: DbOrTx, userId: number, id: number, lock = false): Promise<TransferRow> {
  const q = db.select().from(transfers).where(eq(transfers.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || row.memberUserId !== userId) throw new AppError('NOT_FOUND');
  return row;
}

/** §7.1 success page [003]: out-branch, its direct superior, in-branch and its direct superior. */
export async function transferContacts(deps: TransferDeps, userId: number, id: number): Promise<TransferContacts> {
  const { db } = deps;
  const row = await ownTransfer(db, userId, id);
  const inId = row.toBranchId ?? row.toOrgId;
  const first = await loadOrgs(db, [row.fromBranchId, inId], userId);
  const from = first.get(row.fromBranchId)!;
  const to = inId != null ? first.get(inId) : undefined;
  const parents = await loadOrgs(db, [from.row.parentId, to?.row.parentId], userId);
  const view = (id: number | null | undefined) => (id != null ? (parents.get(id)?.view ?? null) : null);
  return {
    outBranch: from.view,
    outSuperior: view(from.row.parentId),
    inBranch: to?.view ?? null,
    inSuperior: view(to?.row.parentId),
    externalName: row.direction === 'outOfProvince' ? row.destinationOrgName : null,
  };
}

export async function withdrawTransfer(deps: TransferDeps, userId: number, id: number, reason: string) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const row = await ownTransfer(tx, userId, id, true);
    const t = nextTransferStatus(row.status, 'withdraw');
    if (!t.ok) throw new AppError(t.code);
    if (row.status === 'appealing') {
      await tx
        .update(transferAppeals)
        .set({ status: 'withdrawn', decidedAt: now })
        .where(and(eq(transferAppeals.transferId, row.id), eq(transferAppeals.status, 'pending')));
    }
    await move(tx, row, {
      to: t.status,
      now,
      actorUserId: userId,
      outcome: 'withdrawn',
      comment: reason,
      set: { returnReason: reason },
      conflict: 'TRANSFER_NOT_WITHDRAWABLE',
      audit: 'transfer.withdraw',
    });
  });
  return detailOf(deps.db, deps.pii, id, userId);
}
