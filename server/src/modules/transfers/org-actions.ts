import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  canOrgTransfer,
  checkAssignedBranch,
  checkBatchTransfer,
  checkTransferDestination,
  maskIdNumber,
  needsBranchAssignment,
  nextTransferStatus,
  type BatchTransfer,
  type OrgTransferIn,
  type OrgTransferOut,
  type TransferReview,
} from '@tj/shared';
import type { DbOrTx, Tx } from '../../db/client';
import { checkins, transferAppeals, transferSteps, transfers } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import type { OrgContext } from '../../plugins/org-guard';
import { insertTransfer, memberName, newTransferRow, openExists, orgById, type CheckinRow } from './common';
import type { TransferDeps } from './deps';
import { afterMove, lockTransfer, move, moveMember, notifyHolder, notifyMember, openFirstStep, type OrgRow, type TransferRow } from './engine';
import { orgTransferDetail } from './list';
import { actingOrg, concerns } from './scope';
import { detailOf, detailsOf, loadOrgs } from './view';
import { theRow } from '../../lib/rows';

// ─── org side (§7.2, §7.3): approve / return, 办理转入 / 转出, batch ───────────────────────

/** §7.2 approve (with 分配团支部 when the in-org is a committee) or return with a reason. */
export async function reviewTransfer(deps: TransferDeps, ctx: OrgContext, id: number, body: TransferReview) {
  const now = deps.now();
  let after: TransferRow | null = null;
  await deps.db.transaction(async (tx) => {
    const row = await lockTransfer(tx, id);
    if (!row) throw new AppError('FORBIDDEN');
    const acting = await actingOrg(tx, ctx, row);
    const status = row.status;
    const base = { now, actorUserId: ctx.userId, actingOrgId: acting };
    if (body.action === 'reject') {
      const t = nextTransferStatus(status, 'reject');
      if (!t.ok) throw new AppError(t.code);
      after = await move(tx, row, {
        ...base,
        to: t.status,
        outcome: 'rejected',
        comment: body.reason,
        set: { returnReason: body.reason, returnedStep: status === 'pendingOut' ? 'out' : 'in', returnedByOrgId: acting },
        audit: 'transfer.reject',
      });
      return;
    }
    if (status === 'pendingOut') {
      const t = nextTransferStatus(status, 'approveOut', { crossSystem: row.direction === 'outOfProvince' });
      if (!t.ok) throw new AppError(t.code);
      // 办理转入 to a chosen branch: the in-org already decided, so the out-org's approval completes it.
      if (t.status === 'pendingIn' && row.kind === 'orgTransferIn' && row.toBranchId != null) {
        const done = nextTransferStatus(t.status, 'approveIn');
        if (!done.ok) throw new AppError(done.code);
        await moveMember(tx, row, row.toBranchId, now);
        after = await move(tx, row, { ...base, to: done.status, outcome: 'approved', audit: 'transfer.approveOut', auditAfter: { completed: true, toBranchId: row.toBranchId } });
        return;
      }
      after = await move(tx, row, { ...base, to: t.status, outcome: 'approved', audit: 'transfer.approveOut' });
      return;
    }
    const t = nextTransferStatus(status, 'approveIn');
    if (!t.ok) throw new AppError(t.code);
    const toOrg = await orgById(tx, row.toOrgId!);
    let toBranchId = row.toBranchId;
    if (toBranchId == null) {
      if (!toOrg || !needsBranchAssignment(toOrg.type)) toBranchId = row.toOrgId!;
      else {
        if (!body.assignBranchId) throw new AppError('TRANSFER_BRANCH_REQUIRED', 'assignBranchId');
        const branch = Number(body.assignBranchId) ? await orgById(tx, Number(body.assignBranchId)) : undefined;
        if (!branch) throw new AppError('TRANSFER_BRANCH_NOT_IN_SUBTREE', 'assignBranchId');
        const check = checkAssignedBranch({
          branchType: branch.type,
          branchPath: branch.path,
          destinationPath: toOrg.path,
          branchId: String(branch.id),
          fromBranchId: String(row.fromBranchId),
        });
        if (!check.ok) throw new AppError(check.code, 'assignBranchId');
        toBranchId = branch.id;
      }
    }
    await moveMember(tx, row, toBranchId, now);
    after = await move(tx, row, { ...base, to: t.status, outcome: 'approved', set: { toBranchId }, audit: 'transfer.approveIn', auditAfter: { toBranchId } });
  });
  const row = after as TransferRow | null;
  if (row) await afterMove(deps, row);
  return orgTransferDetail(deps, ctx, id);
}

/** §7.3 办理转入 step 1: the person by name + full ID number, among approved members. */
export async function lookupMember(deps: TransferDeps, ctx: OrgContext, name: string, idNumber: string) {
  if (!canOrgTransfer(ctx.org.type)) throw new AppError('ORG_TRANSFER_NOT_ALLOWED');
  const [c] = await deps.db
    .select()
    .from(checkins)
    .where(eq(checkins.approvedIdHash, deps.pii.lookupHash(idNumber.toUpperCase())));
  if (!c || memberName(c) !== name) throw new AppError('TRANSFER_MEMBER_NOT_FOUND');
  return c;
}

export async function lookupView(deps: TransferDeps, ctx: OrgContext, name: string, idNumber: string) {
  const c = await lookupMember(deps, ctx, name, idNumber);
  const branch = (await loadOrgs(deps.db, [c.branchId], ctx.userId)).get(c.branchId)!;
  const [open] = await deps.db.select({ id: transfers.id }).from(transfers).where(eq(transfers.openUserId, c.userId));
  return { member: { id: String(c.id), name: memberName(c), idNumberMasked: maskIdNumber(idNumber) }, branch: branch.view, hasOpenTransfer: Boolean(open) };
}

/** The receiving branch of an org-initiated transfer into `org` (itself, or one below it). */
async function receivingBranch(db: DbOrTx, org: OrgRow, toBranchId: string | null | undefined, fromBranchId: number): Promise<number | null> {
  if (org.type === 'branch') {
    if (toBranchId && Number(toBranchId) !== org.id) throw new AppError('TRANSFER_BRANCH_NOT_IN_SUBTREE', 'toBranchId');
    return org.id;
  }
  if (!toBranchId) return null;
  const branch = await orgById(db, Number(toBranchId));
  if (!branch) throw new AppError('TRANSFER_BRANCH_NOT_IN_SUBTREE', 'toBranchId');
  const check = checkAssignedBranch({ branchType: branch.type, branchPath: branch.path, destinationPath: org.path, branchId: String(branch.id), fromBranchId: String(fromBranchId) });
  if (!check.ok) throw new AppError(check.code, 'toBranchId');
  return branch.id;
}

/** §7.3 办理转入: the in-org starts it; the out-org approves (then the in-org assigns, if it must). */
export async function orgTransferIn(deps: TransferDeps, ctx: OrgContext, body: OrgTransferIn) {
  const now = deps.now();
  const found = await lookupMember(deps, ctx, body.name, body.idNumber);
  const check = checkTransferDestination({ destinationType: ctx.org.type, destinationId: String(ctx.org.id), fromBranchId: String(found.branchId) });
  if (!check.ok) throw new AppError(check.code);
  const toBranchId = await receivingBranch(deps.db, ctx.org, body.toBranchId, found.branchId);
  let id: number;
  try {
    id = await deps.db.transaction(async (tx) => {
      const [c] = await tx.select().from(checkins).where(eq(checkins.id, found.id)).for('update');
      if (!c || c.approvedIdHash == null) throw new AppError('TRANSFER_MEMBER_NOT_FOUND');
      const values = newTransferRow({
        kind: 'orgTransferIn',
        direction: 'inProvince',
        status: 'pendingOut',
        member: c,
        destination: { toOrgId: ctx.org.id, toBranchId, destinationSystem: 'guangdong', destinationOrgName: ctx.org.fullName },
        reason: body.reason,
        remarks: body.remarks,
        initiatedBy: ctx.userId,
        initiatorOrgId: ctx.org.id,
        now,
      });
      const newId = await insertTransfer(tx, values);
      await openFirstStep(tx, { id: newId, status: 'pendingOut', stepOrgId: c.branchId, stepGeneration: 1 }, now);
      await audit(tx, {
        actorUserId: ctx.userId,
        orgId: ctx.org.id,
        action: 'transfer.orgIn',
        targetType: 'transfer',
        targetId: newId,
        after: { checkinId: c.id, fromBranchId: c.branchId, toBranchId },
      });
      return newId;
    });
  } catch (err) {
    throw openExists(err, body.name);
  }
  const detail = await detailOf(deps.db, deps.pii, id, ctx.userId);
  await notifyHolder(deps, { id, stepOrgId: found.branchId, memberName: detail.member.name, status: 'pendingOut' });
  return { transfer: detail };
}

/** Approved members of branches in the org's subtree, locked, in id order (no deadlock between two batches). */
async function lockMembers(tx: Tx, ids: string[], field: string): Promise<CheckinRow[]> {
  const nums = [...new Set(ids.map(Number))].sort((a, b) => a - b);
  if (nums.some((n) => !Number.isSafeInteger(n) || n <= 0)) throw new AppError('TRANSFER_MEMBER_NOT_IN_BRANCH', field);
  const rows = await tx.select().from(checkins).where(inArray(checkins.id, nums)).orderBy(asc(checkins.id)).for('update');
  if (rows.length !== nums.length || rows.some((r) => r.approvedIdHash == null)) throw new AppError('TRANSFER_MEMBER_NOT_IN_BRANCH', field);
  return rows;
}

async function refuseOpen(tx: DbOrTx, members: CheckinRow[]) {
  const open = await tx
    .select({ userId: transfers.openUserId })
    .from(transfers)
    .where(
      inArray(
        transfers.openUserId,
        members.map((m) => m.userId),
      ),
    );
  const [first] = open;
  if (first) {
    const m = members.find((x) => x.userId === first.userId)!;
    throw AppError.withMessage('TRANSFER_OPEN_EXISTS', `${memberName(m)}已有一条正在办理的组织关系转接，请等待办理完成后再办理`, 'memberIds');
  }
}

/** §7.3 办理转出: members of the org's branches to an in-province org, which approves. */
export async function orgTransferOut(deps: TransferDeps, ctx: OrgContext, body: OrgTransferOut) {
  const now = deps.now();
  if (!canOrgTransfer(ctx.org.type)) throw new AppError('ORG_TRANSFER_NOT_ALLOWED');
  const dest = Number(body.destinationOrgId) ? await orgById(deps.db, Number(body.destinationOrgId)) : undefined;
  if (!dest) throw new AppError('TRANSFER_DESTINATION_INVALID', 'destinationOrgId');
  let ids: number[];
  try {
    ids = await deps.db.transaction(async (tx) => {
      const members = await lockMembers(tx, body.memberIds, 'memberIds');
      const branches = await loadOrgs(
        tx,
        members.map((m) => m.branchId),
        null,
      );
      for (const m of members) {
        const b = branches.get(m.branchId)?.row;
        if (!b || !ctx.contains(b.path)) throw new AppError('TRANSFER_MEMBER_NOT_IN_BRANCH', 'memberIds');
        const check = checkTransferDestination({ destinationType: dest.type, destinationId: String(dest.id), fromBranchId: String(m.branchId) });
        if (!check.ok) throw new AppError(check.code, 'destinationOrgId');
      }
      await refuseOpen(tx, members);
      const out: number[] = [];
      for (const m of members) {
        const values = newTransferRow({
          kind: 'orgTransferOut',
          direction: 'inProvince',
          status: 'pendingIn',
          member: m,
          destination: { toOrgId: dest.id, toBranchId: dest.type === 'branch' ? dest.id : null, destinationSystem: 'guangdong', destinationOrgName: dest.fullName },
          reason: body.reason,
          remarks: body.remarks,
          initiatedBy: ctx.userId,
          initiatorOrgId: ctx.org.id,
          now,
        });
        const newId = await insertTransfer(tx, values);
        // The out side's step is the initiator's own decision: shown as approved.
        await tx
          .insert(transferSteps)
          .values({ transferId: newId, kind: 'out', orgId: m.branchId, outcome: 'approved', since: now, handledAt: now, handledBy: ctx.userId, actingOrgId: ctx.org.id });
        await openFirstStep(tx, { id: newId, status: 'pendingIn', stepOrgId: dest.id, stepGeneration: 1, toOrgId: dest.id }, now);
        await audit(tx, {
          actorUserId: ctx.userId,
          orgId: ctx.org.id,
          action: 'transfer.orgOut',
          targetType: 'transfer',
          targetId: newId,
          after: { checkinId: m.id, fromBranchId: m.branchId, toOrgId: dest.id },
        });
        out.push(newId);
      }
      return out;
    });
  } catch (err) {
    throw openExists(err);
  }
  const rows = await deps.db.select().from(transfers).where(inArray(transfers.id, ids)).orderBy(asc(transfers.id));
  if (rows[0]) await notifyHolder(deps, rows[0]);
  return { items: await detailsOf(deps.db, deps.pii, rows, ctx.userId) };
}

/**
 * §7.3 组织关系批量接转: a 基层团委 / 团工委 / 团总支 moves ≤ 30 members between two of its
 * branches at once, no approval; all or nothing, in one transaction.
 */
export async function batchTransfer(deps: TransferDeps, ctx: OrgContext, body: BatchTransfer) {
  const now = deps.now();
  const check = checkBatchTransfer({ initiatorType: ctx.org.type, fromBranchId: body.fromBranchId, toBranchId: body.toBranchId, memberCount: body.memberIds.length });
  if (!check.ok) throw new AppError(check.code, check.code === 'BATCH_TRANSFER_NOT_ALLOWED' ? undefined : 'memberIds');
  const found = await loadOrgs(deps.db, [Number(body.fromBranchId), Number(body.toBranchId)], null);
  const from = found.get(Number(body.fromBranchId))?.row;
  const to = found.get(Number(body.toBranchId))?.row;
  const inside = (o?: OrgRow) => o && o.type === 'branch' && ctx.contains(o.path) && o.id !== ctx.org.id;
  if (!inside(from)) throw new AppError('BATCH_BRANCH_NOT_IN_SUBTREE', 'fromBranchId');
  if (!inside(to)) throw new AppError('BATCH_BRANCH_NOT_IN_SUBTREE', 'toBranchId');
  const ids = await deps.db.transaction(async (tx) => {
    const members = await lockMembers(tx, body.memberIds, 'memberIds');
    if (members.some((m) => m.branchId !== from!.id)) throw new AppError('TRANSFER_MEMBER_NOT_IN_BRANCH', 'memberIds');
    await refuseOpen(tx, members);
    const out: number[] = [];
    for (const m of members) {
      // Completed at once: no open step, no open_user_id (remarks are not kept for a batch).
      const values = newTransferRow({
        kind: 'batch',
        direction: 'inProvince',
        status: 'completed',
        member: m,
        destination: { toOrgId: to!.id, toBranchId: to!.id, destinationSystem: 'guangdong', destinationOrgName: to!.fullName },
        reason: body.reason,
        initiatedBy: ctx.userId,
        initiatorOrgId: ctx.org.id,
        now,
      });
      const newId = await insertTransfer(tx, values);
      const row = theRow(await tx.select().from(transfers).where(eq(transfers.id, newId)), 'the transfer just inserted');
      await moveMember(tx, row, to!.id, now);
      await audit(tx, {
        actorUserId: ctx.userId,
        orgId: ctx.org.id,
        action: 'transfer.batch',
        targetType: 'transfer',
        targetId: newId,
        after: { checkinId: m.id, fromBranchId: from!.id, toBranchId: to!.id },
      });
      out.push(newId);
    }
    return out;
  });
  return { moved: ids.length, transferIds: ids.map(String) };
}

/**
 * [004 §二(三)3 (2.2)(i)] 发起方可随时撤销: the org that started a transfer (办理转入 /
 * 办理转出) takes it back, with a reason, while one of our orgs holds it.
 */
export async function withdrawByInitiator(deps: TransferDeps, ctx: OrgContext, id: number, reason: string) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const row = await lockTransfer(tx, id);
    if (!row) throw new AppError('FORBIDDEN');
    if (row.initiatorOrgId !== ctx.org.id) {
      if (await concerns(tx, ctx, row)) throw new AppError('TRANSFER_NOT_INITIATOR');
      throw new AppError('FORBIDDEN');
    }
    const t = nextTransferStatus(row.status, 'withdrawByInitiator');
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
      actorUserId: ctx.userId,
      actingOrgId: ctx.org.id,
      outcome: 'withdrawn',
      comment: reason,
      set: { returnReason: reason },
      conflict: 'TRANSFER_ORG_NOT_WITHDRAWABLE',
      audit: 'transfer.withdrawByOrg',
    });
  });
  const row = theRow(await deps.db.select().from(transfers).where(eq(transfers.id, id)), 'the withdrawn transfer');
  await notifyMember(deps, row, 'transfer.withdrawn', `您的组织关系转接已由${ctx.org.shortName}撤销：${reason}`);
  return orgTransferDetail(deps, ctx, id);
}
