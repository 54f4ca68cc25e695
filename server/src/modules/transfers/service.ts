import { and, asc, desc, eq, inArray, isNotNull, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import {
  ATTACHMENT_MAX_BYTES,
  canOrgTransfer,
  checkAssignedBranch,
  checkBatchTransfer,
  checkTransferDestination,
  daysWaiting,
  destinationSystem,
  needsBranchAssignment,
  nextTransferStatus,
  maskIdNumber,
  requiresBranchDestination,
  transferStepDeadline,
  validateImageFile,
  type AppealDecision,
  type BatchTransfer,
  type OrgTransferIn,
  type OrgTransferOut,
  type OrgType,
  type TransferAppeal,
  type TransferApplication,
  type TransferContacts,
  type TransferOrg,
  type TransferReview,
  type TransferStatus,
} from '@tj/shared';
import type { FastifyInstance } from 'fastify';
import type { DbOrTx, Tx } from '../../db/client';
import { checkins, orgs, transferAppeals, transferSteps, transfers, uploads, users } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { isDuplicate } from '../../lib/mysql-errors';
import { descendantsLike } from '../../lib/org-path';
import type { OrgContext } from '../../plugins/org-guard';
import { useSmsCode } from '../accounts/sms-codes';
import { attachUpload } from '../uploads/service';
import { lockTransfer, move, moveMember, notifyHolder, notifyMember, openFirstStep, type OrgRow, type TransferRow } from './engine';
import { detailOf, detailsOf, loadOrgs, loadViewData, toSummary } from './view';

type CheckinRow = typeof checkins.$inferSelect;
const OPEN: TransferStatus[] = ['pendingOut', 'pendingIn', 'awaitingExternal', 'appealing'];
const ORG_STEPS: TransferStatus[] = ['pendingOut', 'pendingIn'];

const memberName = (c: CheckinRow) => String((c.approvedData as { name?: string } | null)?.name ?? (c.draft as { name?: string }).name ?? '');

async function orgById(db: DbOrTx, id: number): Promise<OrgRow | undefined> {
  const [o] = await db.select().from(orgs).where(eq(orgs.id, id));
  return o;
}

/** §7.1 attachments: the member's own uploads, images of at most 2 MB — judged from the uploads table. */
async function checkOwnImages(db: DbOrTx, userId: number, fileIds: string[], field: string): Promise<number[]> {
  const ids = [...new Set(fileIds.map(Number))];
  if (ids.some((i) => !Number.isSafeInteger(i) || i <= 0)) throw new AppError('UPLOAD_INVALID', field);
  const rows = await db.select().from(uploads).where(inArray(uploads.id, ids));
  for (const [i, id] of ids.entries()) {
    const u = rows.find((r) => r.id === id);
    if (!u || u.ownerUserId !== userId) throw new AppError('UPLOAD_INVALID', `${field}.${i}`);
    const check = validateImageFile({ mime: u.mime, size: u.size });
    if (!check.ok || u.size > ATTACHMENT_MAX_BYTES) throw new AppError(check.ok ? 'ATTACHMENT_TOO_LARGE' : check.code, `${field}.${i}`);
  }
  return ids;
}

/** Inserts a transfer; the unique open_user_id refuses a second open one (TRANSFER_OPEN_EXISTS). */
async function insertTransfer(tx: Tx, values: typeof transfers.$inferInsert): Promise<number> {
  const [res] = await tx.insert(transfers).values(values);
  return Number(res.insertId);
}

const openExists = (err: unknown, name?: string) =>
  isDuplicate(err) ? (name ? AppError.withMessage('TRANSFER_OPEN_EXISTS', `${name}已有一条正在办理的组织关系转接，请等待办理完成后再办理`) : new AppError('TRANSFER_OPEN_EXISTS')) : err;

// ─── member side (§7.1) ─────────────────────────────────────────────────────────────────

/**
 * §7.1 a member applies. Everything that can be checked before the SMS code is used is
 * checked first; the code is used in the same transaction that creates the transfer, so a
 * refused transfer leaves the code usable.
 */
export async function applyTransfer(app: FastifyInstance, member: CheckinRow, body: TransferApplication, now: Date) {
  const { db } = app;
  const userId = member.userId;
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('UNAUTHORIZED');
  const [open] = await db.select({ id: transfers.id }).from(transfers).where(eq(transfers.openUserId, userId));
  if (open) throw new AppError('TRANSFER_OPEN_EXISTS');
  const attachmentIds = await checkOwnImages(db, userId, body.attachments.map((a) => a.fileId), 'attachments');

  let dest: Partial<typeof transfers.$inferInsert>;
  if (body.direction === 'inProvince') {
    const id = Number(body.destinationOrgId);
    const org = Number.isSafeInteger(id) ? await orgById(db, id) : undefined;
    if (!org) throw new AppError('TRANSFER_DESTINATION_INVALID', 'destinationOrgId');
    const check = checkTransferDestination({ destinationType: org.type as OrgType, destinationId: String(org.id), fromBranchId: String(member.branchId) });
    if (!check.ok) throw new AppError(check.code, 'destinationOrgId');
    dest = { toOrgId: org.id, toBranchId: org.type === 'branch' ? org.id : null, destinationSystem: 'guangdong', destinationOrgName: org.fullName };
  } else {
    const region = body.destinationRegion!;
    const system = destinationSystem(region) as 'central' | 'beijing' | 'fujian';
    let found: { name: string; isBranch: boolean } | null;
    try {
      found = await app.externalSystem.describeOrg(system, body.destinationOrgId, body.destinationOrgName ?? null);
    } catch (err) {
      app.log.warn({ err }, 'external system unavailable');
      throw new AppError('TRANSFER_EXTERNAL_UNAVAILABLE');
    }
    if (!found) throw new AppError('TRANSFER_DESTINATION_INVALID', 'destinationOrgId');
    // §7.1 [004 FAQ 三 2(3)] Beijing / Fujian need a specific branch.
    if (requiresBranchDestination(region) && !found.isBranch) throw new AppError('TRANSFER_DESTINATION_NOT_BRANCH', 'destinationOrgId');
    dest = { destinationRegion: region, destinationSystem: system, destinationOrgRef: body.destinationOrgId, destinationOrgName: found.name };
  }

  let id: number;
  try {
    id = await useSmsCode(db, { phone: user.phone, purpose: 'transfer', code: body.smsCode, field: 'smsCode' }, now, async (tx) => {
      const [c] = await tx.select().from(checkins).where(eq(checkins.id, member.id)).for('update');
      if (!c || c.approvedIdHash == null || c.branchId !== member.branchId) throw new AppError('CHECKIN_REQUIRED');
      for (const [i, fileId] of attachmentIds.entries()) await attachUpload(tx, userId, String(fileId), c.branchId, `attachments.${i}`);
      const newId = await insertTransfer(tx, {
        kind: 'memberApplied',
        direction: body.direction,
        status: 'pendingOut',
        memberUserId: userId,
        checkinId: c.id,
        memberName: memberName(c),
        openUserId: userId,
        fromBranchId: c.branchId,
        ...dest,
        destinationSystem: dest.destinationSystem!,
        reason: body.reason,
        remarks: body.remarks,
        contact: body.contact,
        superiorContact: body.superiorContact ?? null,
        attachmentIds,
        stepOrgId: c.branchId,
        stepSince: now,
        stepDeadline: transferStepDeadline(now),
        stepGeneration: 1,
        initiatedBy: userId,
        createdAt: now,
        updatedAt: now,
      });
      await openFirstStep(tx, { id: newId, status: 'pendingOut', stepOrgId: c.branchId, stepGeneration: 1 }, now);
      await audit(tx, { actorUserId: userId, orgId: c.branchId, action: 'transfer.apply', targetType: 'transfer', targetId: newId, after: { direction: body.direction, ...dest } });
      return newId;
    });
  } catch (err) {
    throw openExists(err);
  }
  const detail = await detailOf(db, app.pii, id, member.userId);
  await notifyHolder(app, { id, stepOrgId: member.branchId, memberName: detail.member.name, status: 'pendingOut' });
  return detail;
}

export async function myTransfers(app: FastifyInstance, userId: number) {
  const rows = await app.db.select().from(transfers).where(eq(transfers.memberUserId, userId)).orderBy(desc(transfers.id)).limit(100);
  return { items: await detailsOf(app.db, app.pii, rows, userId) };
}

/** The open transfer, or else the latest one (its result), or null. */
export async function myCurrentTransfer(app: FastifyInstance, userId: number) {
  const [open] = await app.db.select().from(transfers).where(eq(transfers.openUserId, userId));
  const [latest] = open ? [open] : await app.db.select().from(transfers).where(eq(transfers.memberUserId, userId)).orderBy(desc(transfers.id)).limit(1);
  return { transfer: latest ? (await detailsOf(app.db, app.pii, [latest], userId))[0] : null };
}

async function ownTransfer(db: DbOrTx, userId: number, id: number, lock = false): Promise<TransferRow> {
  const q = db.select().from(transfers).where(eq(transfers.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || row.memberUserId !== userId) throw new AppError('NOT_FOUND');
  return row;
}

/** §7.1 success page [003]: out-branch, its direct superior, in-branch and its direct superior. */
export async function transferContacts(app: FastifyInstance, userId: number, id: number): Promise<TransferContacts> {
  const row = await ownTransfer(app.db, userId, id);
  const inId = row.toBranchId ?? row.toOrgId;
  const first = await loadOrgs(app.db, [row.fromBranchId, inId], userId);
  const from = first.get(row.fromBranchId)!;
  const to = inId != null ? first.get(inId) : undefined;
  const parents = await loadOrgs(app.db, [from.row.parentId, to?.row.parentId], userId);
  const view = (id: number | null | undefined) => (id != null ? (parents.get(id)?.view ?? null) : null);
  return {
    outBranch: from.view,
    outSuperior: view(from.row.parentId),
    inBranch: to?.view ?? null,
    inSuperior: view(to?.row.parentId),
    externalName: row.direction === 'outOfProvince' ? row.destinationOrgName : null,
  };
}

export async function withdrawTransfer(app: FastifyInstance, userId: number, id: number, reason: string, now: Date) {
  await app.db.transaction(async (tx) => {
    const row = await ownTransfer(tx, userId, id, true);
    const t = nextTransferStatus(row.status as TransferStatus, 'withdraw');
    if (!t.ok) throw new AppError(t.code);
    if (row.status === 'appealing') {
      await tx.update(transferAppeals).set({ status: 'withdrawn', decidedAt: now }).where(and(eq(transferAppeals.transferId, row.id), eq(transferAppeals.status, 'pending')));
    }
    await move(tx, row, { to: t.status, now, actorUserId: userId, outcome: 'withdrawn', comment: reason, set: { returnReason: reason }, conflict: 'TRANSFER_NOT_WITHDRAWABLE', audit: 'transfer.withdraw' });
  });
  return detailOf(app.db, app.pii, id, userId);
}

/** §10 申诉: a transfer an org returned goes to that org's direct superior. */
export async function appealTransfer(app: FastifyInstance, userId: number, id: number, body: TransferAppeal, now: Date) {
  const attachmentIds = await checkOwnImages(app.db, userId, body.attachments.map((a) => a.fileId), 'attachments');
  let holder: number | null = null;
  try {
    await app.db.transaction(async (tx) => {
      const row = await ownTransfer(tx, userId, id, true);
      const t = nextTransferStatus(row.status as TransferStatus, 'appeal', { returnedByOrg: row.returnedByOrgId != null });
      if (!t.ok) throw new AppError(t.code);
      const returning = await orgById(tx, row.returnedByOrgId!);
      if (!returning?.parentId) throw new AppError('TRANSFER_NOT_APPEALABLE');
      for (const [i, fileId] of attachmentIds.entries()) await attachUpload(tx, userId, String(fileId), returning.parentId, `attachments.${i}`);
      await tx.insert(transferAppeals).values({
        transferId: row.id,
        memberUserId: userId,
        reason: body.reason,
        attachmentIds,
        decidingOrgId: returning.parentId,
        resumeAt: row.returnedStep === 'in' ? 'pendingIn' : 'pendingOut',
        status: 'pending',
        createdAt: now,
      });
      holder = returning.parentId;
      await move(tx, row, { to: t.status, now, actorUserId: userId, outcome: 'skipped', conflict: 'TRANSFER_NOT_APPEALABLE', audit: 'transfer.appeal', auditAfter: { reason: body.reason } });
    });
  } catch (err) {
    throw openExists(err);
  }
  const detail = await detailOf(app.db, app.pii, id, userId);
  await notifyHolder(app, { id, stepOrgId: holder, memberName: detail.member.name, status: 'appealing' });
  return detail;
}

// ─── org side (§7.2, §7.3) ──────────────────────────────────────────────────────────────

/**
 * §2 / §7.2 who acts on a step: the org holding it (its operators and admins, or an admin
 * above, as the guard decided for :orgId), or the admins of its direct superior acting for
 * it [004: 原团支部或者原团支部的直属上级管理员]. An org the transfer does not concern gets
 * 403 and nothing else; one it concerns whose step is over gets TRANSFER_NOT_PENDING.
 */
async function actingOrg(tx: DbOrTx, ctx: OrgContext, row: TransferRow): Promise<number> {
  const holderId = row.stepOrgId;
  if (holderId != null && ORG_STEPS.includes(row.status as TransferStatus)) {
    if (holderId === ctx.org.id) return ctx.org.id;
    const holder = await orgById(tx, holderId);
    if (holder?.parentId === ctx.org.id && (ctx.isAdminHere || ctx.isAdminAbove)) return ctx.org.id;
  }
  if (await concerns(tx, ctx.org, row)) throw new AppError('TRANSFER_NOT_PENDING');
  throw new AppError('FORBIDDEN');
}

/** The transfer touches the org's subtree (from, to, assigned branch, or a step it held). */
async function concerns(db: DbOrTx, org: OrgRow, row: TransferRow): Promise<boolean> {
  const ids = [row.fromBranchId, row.toOrgId, row.toBranchId, row.stepOrgId, row.returnedByOrgId].filter((i): i is number => i != null);
  const found = await loadOrgs(db, ids, null);
  for (const { row: o } of found.values()) if (o.path.startsWith(org.path) || o.parentId === org.id) return true;
  return false;
}

export async function orgTransferDetail(app: FastifyInstance, ctx: OrgContext, id: number) {
  const [row] = await app.db.select().from(transfers).where(eq(transfers.id, id));
  if (!row || !(await concerns(app.db, ctx.org, row))) throw new AppError('FORBIDDEN');
  const detail = (await detailsOf(app.db, app.pii, [row], ctx.userId))[0];
  const acting = await actionFor(app.db, ctx, [row]);
  return { ...detail, ...acting.get(row.id)! };
}

/** §7.2 approve (with 分配团支部 when the in-org is a committee) or return with a reason. */
export async function reviewTransfer(app: FastifyInstance, ctx: OrgContext, id: number, body: TransferReview, now: Date) {
  let after: TransferRow | null = null;
  await app.db.transaction(async (tx) => {
    const row = await lockTransfer(tx, id);
    if (!row) throw new AppError('FORBIDDEN');
    const acting = await actingOrg(tx, ctx, row);
    const status = row.status as TransferStatus;
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
      if (!toOrg || !needsBranchAssignment(toOrg.type as OrgType)) toBranchId = row.toOrgId!;
      else {
        if (!body.assignBranchId) throw new AppError('TRANSFER_BRANCH_REQUIRED', 'assignBranchId');
        const branch = Number(body.assignBranchId) ? await orgById(tx, Number(body.assignBranchId)) : undefined;
        if (!branch) throw new AppError('TRANSFER_BRANCH_NOT_IN_SUBTREE', 'assignBranchId');
        const check = checkAssignedBranch({ branchType: branch.type as OrgType, branchPath: branch.path, destinationPath: toOrg.path, branchId: String(branch.id), fromBranchId: String(row.fromBranchId) });
        if (!check.ok) throw new AppError(check.code, 'assignBranchId');
        toBranchId = branch.id;
      }
    }
    await moveMember(tx, row, toBranchId, now);
    after = await move(tx, row, { ...base, to: t.status, outcome: 'approved', set: { toBranchId }, audit: 'transfer.approveIn', auditAfter: { toBranchId } });
  });
  const row = after as TransferRow | null;
  if (row) await afterMove(app, row);
  return orgTransferDetail(app, ctx, id);
}

/** Who to tell after a move: the next holder, or the member about the result. */
export async function afterMove(app: FastifyInstance, row: TransferRow) {
  if (row.status === 'completed') await notifyMember(app, row, 'transfer.completed', '您的组织关系转接已办理成功');
  else if (row.status === 'rejected' || row.status === 'expired') await notifyMember(app, row, `transfer.${row.status}`, '您的组织关系转接已被退回，可查看原因后重新申请');
  else if (row.stepOrgId != null) await notifyHolder(app, row);
}

/** §7.3 办理转入 step 1: the person by name + full ID number, among approved members. */
export async function lookupMember(app: FastifyInstance, ctx: OrgContext, name: string, idNumber: string) {
  if (!canOrgTransfer(ctx.org.type as OrgType)) throw new AppError('ORG_TRANSFER_NOT_ALLOWED');
  const [c] = await app.db.select().from(checkins).where(eq(checkins.approvedIdHash, app.pii.lookupHash(idNumber.toUpperCase())));
  if (!c || memberName(c) !== name) throw new AppError('TRANSFER_MEMBER_NOT_FOUND');
  return c;
}

export async function lookupView(app: FastifyInstance, ctx: OrgContext, name: string, idNumber: string) {
  const c = await lookupMember(app, ctx, name, idNumber);
  const branch = (await loadOrgs(app.db, [c.branchId], ctx.userId)).get(c.branchId)!;
  const [open] = await app.db.select({ id: transfers.id }).from(transfers).where(eq(transfers.openUserId, c.userId));
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
  const check = checkAssignedBranch({ branchType: branch.type as OrgType, branchPath: branch.path, destinationPath: org.path, branchId: String(branch.id), fromBranchId: String(fromBranchId) });
  if (!check.ok) throw new AppError(check.code, 'toBranchId');
  return branch.id;
}

/** §7.3 办理转入: the in-org starts it; the out-org approves (then the in-org assigns, if it must). */
export async function orgTransferIn(app: FastifyInstance, ctx: OrgContext, body: OrgTransferIn, now: Date) {
  const found = await lookupMember(app, ctx, body.name, body.idNumber);
  const check = checkTransferDestination({ destinationType: ctx.org.type as OrgType, destinationId: String(ctx.org.id), fromBranchId: String(found.branchId) });
  if (!check.ok) throw new AppError(check.code);
  const toBranchId = await receivingBranch(app.db, ctx.org, body.toBranchId, found.branchId);
  let id: number;
  try {
    id = await app.db.transaction(async (tx) => {
      const [c] = await tx.select().from(checkins).where(eq(checkins.id, found.id)).for('update');
      if (!c || c.approvedIdHash == null) throw new AppError('TRANSFER_MEMBER_NOT_FOUND');
      const newId = await insertTransfer(tx, {
        kind: 'orgTransferIn',
        direction: 'inProvince',
        status: 'pendingOut',
        memberUserId: c.userId,
        checkinId: c.id,
        memberName: memberName(c),
        openUserId: c.userId,
        fromBranchId: c.branchId,
        toOrgId: ctx.org.id,
        toBranchId,
        destinationSystem: 'guangdong',
        destinationOrgName: ctx.org.fullName,
        reason: body.reason,
        remarks: body.remarks ?? null,
        attachmentIds: [],
        stepOrgId: c.branchId,
        stepSince: now,
        stepDeadline: transferStepDeadline(now),
        stepGeneration: 1,
        initiatedBy: ctx.userId,
        initiatorOrgId: ctx.org.id,
        createdAt: now,
        updatedAt: now,
      });
      await openFirstStep(tx, { id: newId, status: 'pendingOut', stepOrgId: c.branchId, stepGeneration: 1 }, now);
      await audit(tx, { actorUserId: ctx.userId, orgId: ctx.org.id, action: 'transfer.orgIn', targetType: 'transfer', targetId: newId, after: { checkinId: c.id, fromBranchId: c.branchId, toBranchId } });
      return newId;
    });
  } catch (err) {
    throw openExists(err, body.name);
  }
  const detail = await detailOf(app.db, app.pii, id, ctx.userId);
  await notifyHolder(app, { id, stepOrgId: found.branchId, memberName: detail.member.name, status: 'pendingOut' });
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
  const open = await tx.select({ userId: transfers.openUserId }).from(transfers).where(inArray(transfers.openUserId, members.map((m) => m.userId)));
  if (open.length) {
    const m = members.find((x) => x.userId === open[0].userId)!;
    throw AppError.withMessage('TRANSFER_OPEN_EXISTS', `${memberName(m)}已有一条正在办理的组织关系转接，请等待办理完成后再办理`, 'memberIds');
  }
}

/** §7.3 办理转出: members of the org's branches to an in-province org, which approves. */
export async function orgTransferOut(app: FastifyInstance, ctx: OrgContext, body: OrgTransferOut, now: Date) {
  if (!canOrgTransfer(ctx.org.type as OrgType)) throw new AppError('ORG_TRANSFER_NOT_ALLOWED');
  const dest = Number(body.destinationOrgId) ? await orgById(app.db, Number(body.destinationOrgId)) : undefined;
  if (!dest) throw new AppError('TRANSFER_DESTINATION_INVALID', 'destinationOrgId');
  let ids: number[] = [];
  try {
    ids = await app.db.transaction(async (tx) => {
      const members = await lockMembers(tx, body.memberIds, 'memberIds');
      const branches = await loadOrgs(tx, members.map((m) => m.branchId), null);
      for (const m of members) {
        const b = branches.get(m.branchId)?.row;
        if (!b || !b.path.startsWith(ctx.org.path)) throw new AppError('TRANSFER_MEMBER_NOT_IN_BRANCH', 'memberIds');
        const check = checkTransferDestination({ destinationType: dest.type as OrgType, destinationId: String(dest.id), fromBranchId: String(m.branchId) });
        if (!check.ok) throw new AppError(check.code, 'destinationOrgId');
      }
      await refuseOpen(tx, members);
      const out: number[] = [];
      for (const m of members) {
        const newId = await insertTransfer(tx, {
          kind: 'orgTransferOut',
          direction: 'inProvince',
          status: 'pendingIn',
          memberUserId: m.userId,
          checkinId: m.id,
          memberName: memberName(m),
          openUserId: m.userId,
          fromBranchId: m.branchId,
          toOrgId: dest.id,
          toBranchId: dest.type === 'branch' ? dest.id : null,
          destinationSystem: 'guangdong',
          destinationOrgName: dest.fullName,
          reason: body.reason,
          remarks: body.remarks ?? null,
          attachmentIds: [],
          stepOrgId: dest.id,
          stepSince: now,
          stepDeadline: transferStepDeadline(now),
          stepGeneration: 1,
          initiatedBy: ctx.userId,
          initiatorOrgId: ctx.org.id,
          createdAt: now,
          updatedAt: now,
        });
        // The out side's step is the initiator's own decision: shown as approved.
        await tx.insert(transferSteps).values({ transferId: newId, kind: 'out', orgId: m.branchId, outcome: 'approved', since: now, handledAt: now, handledBy: ctx.userId, actingOrgId: ctx.org.id });
        await openFirstStep(tx, { id: newId, status: 'pendingIn', stepOrgId: dest.id, stepGeneration: 1 }, now);
        await audit(tx, { actorUserId: ctx.userId, orgId: ctx.org.id, action: 'transfer.orgOut', targetType: 'transfer', targetId: newId, after: { checkinId: m.id, fromBranchId: m.branchId, toOrgId: dest.id } });
        out.push(newId);
      }
      return out;
    });
  } catch (err) {
    throw openExists(err);
  }
  const rows = await app.db.select().from(transfers).where(inArray(transfers.id, ids)).orderBy(asc(transfers.id));
  if (rows[0]) await notifyHolder(app, rows[0]);
  return { items: await detailsOf(app.db, app.pii, rows, ctx.userId) };
}

/**
 * §7.3 组织关系批量接转: a 基层团委 / 团工委 / 团总支 moves ≤ 30 members between two of its
 * branches at once, no approval; all or nothing, in one transaction.
 */
export async function batchTransfer(app: FastifyInstance, ctx: OrgContext, body: BatchTransfer, now: Date) {
  const check = checkBatchTransfer({ initiatorType: ctx.org.type as OrgType, fromBranchId: body.fromBranchId, toBranchId: body.toBranchId, memberCount: body.memberIds.length });
  if (!check.ok) throw new AppError(check.code, check.code === 'BATCH_TRANSFER_NOT_ALLOWED' ? undefined : 'memberIds');
  const found = await loadOrgs(app.db, [Number(body.fromBranchId), Number(body.toBranchId)], null);
  const from = found.get(Number(body.fromBranchId))?.row;
  const to = found.get(Number(body.toBranchId))?.row;
  const inside = (o?: OrgRow) => o && o.type === 'branch' && o.path.startsWith(ctx.org.path) && o.id !== ctx.org.id;
  if (!inside(from)) throw new AppError('BATCH_BRANCH_NOT_IN_SUBTREE', 'fromBranchId');
  if (!inside(to)) throw new AppError('BATCH_BRANCH_NOT_IN_SUBTREE', 'toBranchId');
  const ids = await app.db.transaction(async (tx) => {
    const members = await lockMembers(tx, body.memberIds, 'memberIds');
    if (members.some((m) => m.branchId !== from!.id)) throw new AppError('TRANSFER_MEMBER_NOT_IN_BRANCH', 'memberIds');
    await refuseOpen(tx, members);
    const out: number[] = [];
    for (const m of members) {
      const newId = await insertTransfer(tx, {
        kind: 'batch',
        direction: 'inProvince',
        status: 'completed',
        memberUserId: m.userId,
        checkinId: m.id,
        memberName: memberName(m),
        openUserId: null,
        fromBranchId: from!.id,
        toOrgId: to!.id,
        toBranchId: to!.id,
        destinationSystem: 'guangdong',
        destinationOrgName: to!.fullName,
        reason: body.reason,
        attachmentIds: [],
        initiatedBy: ctx.userId,
        initiatorOrgId: ctx.org.id,
        closedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      const [row] = await tx.select().from(transfers).where(eq(transfers.id, newId));
      await moveMember(tx, row, to!.id, now);
      await audit(tx, { actorUserId: ctx.userId, orgId: ctx.org.id, action: 'transfer.batch', targetType: 'transfer', targetId: newId, after: { checkinId: m.id, fromBranchId: from!.id, toBranchId: to!.id } });
      out.push(newId);
    }
    return out;
  });
  return { moved: ids.length, transferIds: ids.map(String) };
}

/** Members of one branch in the org's subtree, for the 办理转出 / batch pickers. */
export async function transferableMembers(app: FastifyInstance, ctx: OrgContext, branchId: number) {
  const branch = await orgById(app.db, branchId);
  if (!branch || branch.type !== 'branch' || !branch.path.startsWith(ctx.org.path)) throw new AppError('FORBIDDEN');
  const rows = await app.db
    .select({ c: checkins, open: transfers.id })
    .from(checkins)
    .leftJoin(transfers, eq(transfers.openUserId, checkins.userId))
    .where(and(eq(checkins.branchId, branchId), isNotNull(checkins.approvedIdHash)))
    .orderBy(asc(checkins.id))
    .limit(1000);
  return { items: rows.map((r) => ({ id: String(r.c.id), name: memberName(r.c), idNumberMasked: maskIdNumber(app.pii.decrypt(r.c.idEnc)), hasOpenTransfer: r.open != null })) };
}

// ─── lists (§7.2, §7.4 escalation) ──────────────────────────────────────────────────────

const subtreeIds = (db: DbOrTx, path: string) => db.select({ id: orgs.id }).from(orgs).where(like(orgs.path, `${path}%`));
const childIds = (db: DbOrTx, orgId: number) => db.select({ id: orgs.id }).from(orgs).where(eq(orgs.parentId, orgId));

/** Steps waiting for :orgId — its own, plus (for an admin) those of its direct children. */
export function waitingCondition(db: DbOrTx, ctx: OrgContext): SQL {
  const mine = eq(transfers.stepOrgId, ctx.org.id);
  const held = ctx.isAdminHere || ctx.isAdminAbove ? or(mine, inArray(transfers.stepOrgId, childIds(db, ctx.org.id)))! : mine;
  return and(inArray(transfers.status, ORG_STEPS), held)!;
}

async function actionFor(db: DbOrTx, ctx: OrgContext, rows: TransferRow[]) {
  const holders = await loadOrgs(db, rows.map((r) => r.stepOrgId), ctx.userId);
  const admin = ctx.isAdminHere || ctx.isAdminAbove;
  const out = new Map<number, { actionable: 'out' | 'in' | null; actingFor: TransferOrg | null }>();
  for (const r of rows) {
    const h = r.stepOrgId != null ? holders.get(r.stepOrgId) : undefined;
    const open = ORG_STEPS.includes(r.status as TransferStatus) && h;
    const here = open && h.row.id === ctx.org.id;
    const forChild = open && !here && admin && h.row.parentId === ctx.org.id;
    out.set(r.id, { actionable: here || forChild ? (r.status === 'pendingOut' ? 'out' : 'in') : null, actingFor: forChild ? h.view : null });
  }
  return out;
}

export async function orgTransferList(app: FastifyInstance, ctx: OrgContext, q: { box: 'waiting' | 'in' | 'out' | 'all'; cursor?: string; limit: number }) {
  const { db } = app;
  const sub = subtreeIds(db, ctx.org.path);
  const outC = inArray(transfers.fromBranchId, sub);
  const inC = or(inArray(transfers.toOrgId, subtreeIds(db, ctx.org.path)), inArray(transfers.toBranchId, subtreeIds(db, ctx.org.path)))!;
  const cond = q.box === 'waiting' ? waitingCondition(db, ctx) : q.box === 'out' ? outC : q.box === 'in' ? inC : or(outC, inC)!;
  const waiting = q.box === 'waiting';
  const rows = await db
    .select()
    .from(transfers)
    .where(and(cond, q.cursor ? (waiting ? sql`${transfers.id} > ${Number(q.cursor)}` : lt(transfers.id, Number(q.cursor))) : undefined))
    .orderBy(waiting ? asc(transfers.id) : desc(transfers.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const data = await loadViewData(db, app.pii, page, ctx.userId);
  const acting = await actionFor(db, ctx, page);
  return {
    items: page.map((r) => ({ ...toSummary(r, data), ...acting.get(r.id)! })),
    nextCursor: rows.length > q.limit ? String(page[page.length - 1].id) : null,
  };
}

/** §7.4 escalation: open steps held in the subtree for at least `minDays` days, oldest first. */
export async function overdueTransfers(app: FastifyInstance, ctx: OrgContext, q: { minDays: number; limit: number }, now: Date) {
  const before = new Date(now.getTime() - q.minDays * 24 * 3600 * 1000);
  const rows = await app.db
    .select()
    .from(transfers)
    .where(and(inArray(transfers.status, OPEN), inArray(transfers.stepOrgId, subtreeIds(app.db, ctx.org.path)), lte(transfers.stepSince, before)))
    .orderBy(asc(transfers.stepSince))
    .limit(q.limit);
  const data = await loadViewData(app.db, app.pii, rows, ctx.userId);
  const holders = await loadOrgs(app.db, rows.map((r) => r.stepOrgId), ctx.userId);
  return {
    items: rows.map((r) => ({
      ...toSummary(r, data),
      heldBy: holders.get(r.stepOrgId!)!.view,
      daysWaiting: daysWaiting(r.stepSince!, now),
      deadline: r.stepDeadline!.toISOString(),
    })),
  };
}

// ─── appeals (§10) ──────────────────────────────────────────────────────────────────────

export async function orgAppeals(app: FastifyInstance, ctx: OrgContext) {
  const rows = await app.db
    .select({ a: transferAppeals, t: transfers })
    .from(transferAppeals)
    .innerJoin(transfers, eq(transfers.id, transferAppeals.transferId))
    .where(and(eq(transferAppeals.decidingOrgId, ctx.org.id), eq(transferAppeals.status, 'pending')))
    .orderBy(asc(transferAppeals.createdAt), asc(transferAppeals.id));
  const data = await loadViewData(app.db, app.pii, rows.map((r) => r.t), ctx.userId);
  return {
    items: rows.map((r) => ({
      id: String(r.a.id),
      status: r.a.status as 'pending',
      reason: r.a.reason,
      attachmentIds: r.a.attachmentIds.map(String),
      decidingOrg: data.orgs.get(r.a.decidingOrgId)?.view ?? null,
      decisionComment: r.a.decisionComment,
      createdAt: r.a.createdAt.toISOString(),
      decidedAt: null,
      transfer: toSummary(r.t, data),
    })),
  };
}

/** The superior decides: approve → the transfer resumes at the step that returned it; reject → it stays returned. */
export async function decideAppeal(app: FastifyInstance, ctx: OrgContext, appealId: number, body: AppealDecision, now: Date) {
  let after: TransferRow | null = null;
  let transferId = 0;
  await app.db.transaction(async (tx) => {
    const [a] = await tx.select().from(transferAppeals).where(eq(transferAppeals.id, appealId));
    if (!a || a.decidingOrgId !== ctx.org.id) throw new AppError('FORBIDDEN');
    transferId = a.transferId;
    const row = await lockTransfer(tx, a.transferId);
    if (!row) throw new AppError('FORBIDDEN');
    const approve = body.action === 'approve';
    const [res] = await tx
      .update(transferAppeals)
      .set({ status: approve ? 'approved' : 'rejected', decidedBy: ctx.userId, decidedAt: now, decisionComment: approve ? null : body.reason })
      .where(and(eq(transferAppeals.id, a.id), eq(transferAppeals.status, 'pending')));
    if (res.affectedRows !== 1) throw new AppError('TRANSFER_APPEAL_NOT_PENDING');
    const t = nextTransferStatus(row.status as TransferStatus, approve ? 'approveAppeal' : 'rejectAppeal', { resumeAt: a.resumeAt as 'pendingOut' | 'pendingIn' });
    if (!t.ok) throw new AppError(t.code);
    after = await move(tx, row, {
      to: t.status,
      now,
      actorUserId: ctx.userId,
      actingOrgId: ctx.org.id,
      outcome: approve ? 'approved' : 'rejected',
      comment: approve ? null : body.reason,
      set: approve ? { returnReason: null } : {},
      conflict: 'TRANSFER_APPEAL_NOT_PENDING',
      audit: approve ? 'transfer.appealApprove' : 'transfer.appealReject',
    });
  });
  const row = after as TransferRow | null;
  if (row) {
    if (row.status === 'rejected') await notifyMember(app, row, 'transfer.appealRejected', '您的转接申诉未通过');
    else await afterMove(app, row);
  }
  return detailOf(app.db, app.pii, transferId, ctx.userId);
}

