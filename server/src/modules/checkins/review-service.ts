import { and, count, eq, inArray, isNotNull, or } from 'drizzle-orm';
import {
  MessagePages,
  checkRealNameAllowsApproval,
  maskIdNumber,
  nextCheckinStatus,
  nextRealNameStatus,
  type AuditAction,
  type CheckinReview,
  type OfflineVerify,
  type ReviewDetailSchema,
  type ReviewItem,
  type MemberFilters,
} from '@tj/shared';
import type { z } from 'zod';
import type { Db, DbOrTx, Tx } from '../../db/client';
import { checkins, orgs, rosterEntries } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { isDuplicate } from '../../lib/mysql-errors';
import type { Pii } from '../../lib/pii';
import { needsChildBranches, needsOperatorFact, reviewScope as policyReviewScope } from '../../lib/policy';
import type { OrgContext } from '../../plugins/org-guard';
import { recordVerifiedIdentity } from '../accounts/identity';
import { attachUpload, uploadUrl } from '../uploads/service';
import { inboundCheckedIn } from '../transfers/inbound';
import { trackCheckinChange } from '../stats/counters';
import { memberFilterConds } from '../members/filters';
import { approvedElsewhereError, devNumberTakenError, duplicateIndexOf } from './rules';
import { queuePage, WAITING } from './queue-page';
import { approvedView, fullData, type CheckinRow } from './view';
import { lastRow, theRow } from '../../lib/rows';
import { postMessage } from '../inbox/messages';

/**
 * §2 who reviews a branch's check-ins: the rule is lib/policy.ts's reviewScope; reached
 * through `/orgs/:orgId/checkins`, guarded by requireOrg('operator') on :orgId.
 */

/** Branches among `ids` that have an onboarded operator or admin. */
async function branchesWithOperator(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ orgId: rosterEntries.orgId })
    .from(rosterEntries)
    .where(and(inArray(rosterEntries.orgId, ids), isNotNull(rosterEntries.onboardedAt), or(eq(rosterEntries.isOperator, true), eq(rosterEntries.isAdmin, true))));
  return new Set(rows.map((r) => r.orgId));
}

/**
 * The branches whose check-ins the caller reviews through :orgId (lib/policy.ts reviewScope),
 * with the two facts the rule needs loaded only when it needs them. null: none — the queue and
 * a single check-in answer 403, the counters 0 (a check-in outside a non-null scope is a 404).
 */
export async function reviewScope(db: DbOrTx, ctx: OrgContext): Promise<number[] | null> {
  const { org } = ctx;
  const orgHasOperator = needsOperatorFact(ctx, org) ? (await branchesWithOperator(db, [org.id])).has(org.id) : undefined;
  let childBranchesWithoutOperator: number[] = [];
  if (needsChildBranches(ctx)) {
    const children = (
      await db
        .select({ id: orgs.id })
        .from(orgs)
        .where(and(eq(orgs.parentId, org.id), eq(orgs.type, 'branch')))
    ).map((c) => c.id);
    const withOperator = await branchesWithOperator(db, children);
    childBranchesWithoutOperator = children.filter((id) => !withOperator.has(id));
  }
  return policyReviewScope(ctx, org, { orgHasOperator, childBranchesWithoutOperator });
}

const waitingIn = (ids: number[]) => and(inArray(checkins.branchId, ids), inArray(checkins.status, WAITING));

/**
 * §10 the dashboard counter "check-ins and edits awaiting review" for the caller in :orgId.
 * Exported for the cadre dashboard.
 */
export async function countWaitingReviews(db: DbOrTx, ctx: OrgContext): Promise<number> {
  const ids = await reviewScope(db, ctx);
  if (!ids?.length) return 0;
  const [row] = await db.select({ n: count() }).from(checkins).where(waitingIn(ids));
  return Number(row?.n ?? 0);
}

// The keyset cursor is digits only (contract): submitted-at millis, then the id on 15 digits.
const ID_DIGITS = 15;
const encodeCursor = (row: Pick<CheckinRow, 'submittedAt' | 'id'>) => `${row.submittedAt!.getTime()}${String(row.id).padStart(ID_DIGITS, '0')}`;
function decodeCursor(cursor: string): { at: Date; id: number } | null {
  if (cursor.length <= ID_DIGITS) return null;
  const at = Number(cursor.slice(0, -ID_DIGITS));
  const id = Number(cursor.slice(-ID_DIGITS));
  return Number.isSafeInteger(at) && Number.isSafeInteger(id) ? { at: new Date(at), id } : null;
}

async function branchNames(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: orgs.id, shortName: orgs.shortName })
    .from(orgs)
    .where(inArray(orgs.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.shortName]));
}

type ItemRow = Pick<CheckinRow, 'id' | 'idEnc' | 'branchId' | 'status' | 'realNameStatus' | 'submittedAt' | 'createdAt'> & { draft: { name?: unknown } };

function toItem(row: ItemRow, pii: Pii, names: Map<number, string>): ReviewItem {
  return {
    id: String(row.id),
    name: typeof row.draft.name === 'string' ? row.draft.name : '',
    idNumberMasked: maskIdNumber(pii.decrypt(row.idEnc)),
    branchId: String(row.branchId),
    branchName: names.get(row.branchId) ?? '',
    kind: row.status === 'editSubmitted' || row.status === 'editReturned' ? 'edit' : 'checkin',
    status: row.status ?? '',
    realNameStatus: row.realNameStatus,
    submittedAt: (row.submittedAt ?? row.createdAt).toISOString(),
  };
}

/**
 * The review queue: waiting check-ins and edits in scope, oldest first, by keyset pages.
 * The rows come with their branch names (join). The total is the number of rows when a first
 * page is not full (the usual case: a branch has a few waiting); otherwise it is counted by
 * the (branch, status) index. (issue 8: was three statements per page; a window
 * `count(*) over ()` in the page cost the database more than the page itself.)
 */
export async function reviewQueue(db: Db, pii: Pii, scope: number[] | null, q: { cursor?: string; limit: number } & MemberFilters) {
  if (!scope) throw new AppError('FORBIDDEN');
  // 001 annex 2: filtered by branch (within the scope only), check-in state, real-name state, 学历
  const ids = q.branchId ? scope.filter((id) => id === Number(q.branchId)) : scope;
  if (ids.length === 0) return { items: [], nextCursor: null, total: 0 };
  const extra = memberFilterConds({ ...q, branchId: undefined }, 'draft');
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await queuePage(db, ids, after, q.limit + 1, extra);
  const full = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const names = new Map(page.map((r) => [r.branchId, r.branchName]));
  const total =
    q.cursor || full
      ? Number(
          theRow(
            await db
              .select({ n: count() })
              .from(checkins)
              .where(and(waitingIn(ids), ...extra)),
            'a count',
          ).n,
        )
      : rows.length;
  return {
    items: page.map((r) => toItem(r, pii, names)),
    nextCursor: full ? encodeCursor(lastRow(page, 'a full page')) : null,
    total,
  };
}

/** A check-in in the caller's scope (row-locked inside a transaction), else 404: nothing revealed (403 when it reviews nothing here). */
async function scopedRow(db: DbOrTx, ctx: OrgContext, checkinId: number, lock: boolean): Promise<CheckinRow> {
  const ids = await reviewScope(db, ctx);
  if (!ids) throw new AppError('FORBIDDEN');
  const q = db.select().from(checkins).where(eq(checkins.id, checkinId));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !ids.includes(row.branchId) || row.status == null) throw new AppError('NOT_FOUND');
  return row;
}

export type ReviewDetail = z.infer<typeof ReviewDetailSchema>;

function toDetail(row: CheckinRow, pii: Pii, names: Map<number, string>): ReviewDetail {
  return {
    ...toItem(row, pii, names),
    // §9 the reviewing operator may see the full ID number.
    data: fullData(row, pii),
    previous: row.status === 'editSubmitted' || row.status === 'editReturned' ? approvedView(row, pii, false) : null,
    returnReason: row.returnReason,
    offlineNote: row.offlineNote,
    offlinePhotoUrl: row.offlinePhotoId ? uploadUrl(row.offlinePhotoId) : null,
  };
}

export async function reviewDetail(db: Db, pii: Pii, ctx: OrgContext, checkinId: number): Promise<ReviewDetail> {
  const row = await scopedRow(db, ctx, checkinId, false);
  return toDetail(row, pii, await branchNames(db, [row.branchId]));
}

/** The columns an approval writes: the draft becomes the data in force, the ID and number claimed. */
const approvalSet = (row: CheckinRow, reviewerId: number, now: Date) => ({
  status: 'approved' as const,
  approvedData: row.draft,
  approvedIdHash: row.idHash,
  approvedDevNumber: row.developmentNumber,
  returnReason: null,
  reviewedAt: now,
  reviewedBy: reviewerId,
});

/**
 * Runs one review action in a transaction that holds the row; the UPDATE is also
 * conditional on the status read, so a repeated or concurrent action has one effect and
 * the other gets CHECKIN_NOT_PENDING. The unique approved_id_hash / approved_dev_number
 * indexes turn a lost race between two branches into a typed refusal.
 */
async function act(db: Db, ctx: OrgContext, checkinId: number, fn: (tx: Tx, row: CheckinRow) => Promise<void>): Promise<void> {
  let idHash: string | null = null;
  let devNumber: string | null = null;
  try {
    await db.transaction(async (tx) => {
      const row = await scopedRow(tx, ctx, checkinId, true);
      idHash = row.idHash;
      devNumber = row.developmentNumber;
      await fn(tx, row);
    });
  } catch (err) {
    if (isDuplicate(err)) {
      const which = duplicateIndexOf(err);
      if (which === 'id' && idHash) throw await approvedElsewhereError(db, idHash);
      if (which === 'devNumber') throw devNumber ? await devNumberTakenError(db, devNumber, idHash) : new AppError('DEVELOPMENT_NUMBER_TAKEN', 'developmentNumber');
    }
    throw err;
  }
}

async function updateIfStatus(tx: Tx, row: CheckinRow, set: Partial<typeof checkins.$inferInsert>) {
  const [res] = await tx
    .update(checkins)
    .set(set)
    .where(and(eq(checkins.id, row.id), eq(checkins.status, row.status!)));
  if (res.affectedRows !== 1) throw new AppError('CHECKIN_NOT_PENDING');
  await trackCheckinChange(tx, row, set);
}

async function approveIn(tx: Tx, ctx: OrgContext, row: CheckinRow, now: Date, action: AuditAction) {
  const status = row.status;
  const t = nextCheckinStatus(status, 'approve');
  if (!t.ok) throw new AppError(t.code);
  // §4.2 approval needs real-name passed / offlinePassed (an edit keeps the passed result).
  const rn = checkRealNameAllowsApproval(row.realNameStatus);
  if (!rn.ok) throw new AppError(rn.code);
  await updateIfStatus(tx, row, approvalSet(row, ctx.userId, now));
  // [003 §四] a transfer from another system waiting for this person: 报到成功, report back.
  if (status === 'submitted') await inboundCheckedIn(tx, row, now);
  await checkinReviewedMessage(tx, ctx, row, 'approve');
  await audit(tx, {
    actorUserId: ctx.userId,
    orgId: row.branchId,
    action,
    targetType: 'checkin',
    targetId: row.id,
    before: { status },
    after: { status: t.status, kind: status === 'editSubmitted' ? 'edit' : 'checkin' },
  });
}

/** 站内信 to the member, in the review's transaction: approved, or returned with the reason. */
async function checkinReviewedMessage(tx: Tx, ctx: OrgContext, row: CheckinRow, action: 'approve' | 'return', reason?: string) {
  const edit = row.status === 'editSubmitted' || row.status === 'editReturned';
  const by = ctx.org.shortName;
  if (action === 'approve')
    await postMessage(tx, {
      to: row.userId,
      kind: edit ? 'checkin.editApproved' : 'checkin.approved',
      title: edit ? '您的资料修改已审核通过' : '您的报到已审核通过',
      body: edit ? `${by}已审核通过您修改的资料。` : `${by}已审核通过您的报到，欢迎加入团组织。`,
      orgId: row.branchId,
      route: MessagePages.memberHome,
    });
  else
    await postMessage(tx, {
      to: row.userId,
      kind: edit ? 'checkin.editReturned' : 'checkin.returned',
      title: edit ? '您的资料修改被退回' : '您的报到被退回',
      body: `退回原因：${reason ?? ''}。请修改后重新提交。`,
      orgId: row.branchId,
      route: edit ? MessagePages.memberHome : MessagePages.status,
    });
}

/** §4.1 step 5 approve, or return with a reason (an edit returned keeps the approved data). */
export async function review(db: Db, pii: Pii, ctx: OrgContext, checkinId: number, body: CheckinReview, now: Date): Promise<ReviewDetail> {
  await act(db, ctx, checkinId, async (tx, row) => {
    if (body.action === 'approve') return approveIn(tx, ctx, row, now, 'checkin.approve');
    const status = row.status;
    const t = nextCheckinStatus(status, 'return');
    if (!t.ok) throw new AppError(t.code);
    await updateIfStatus(tx, row, { status: t.status, returnReason: body.reason, reviewedAt: now, reviewedBy: ctx.userId });
    await checkinReviewedMessage(tx, ctx, row, 'return', body.reason);
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: row.branchId,
      action: 'checkin.return',
      targetType: 'checkin',
      targetId: row.id,
      before: { status },
      after: { status: t.status, reason: body.reason },
    });
  });
  return reviewDetail(db, pii, ctx, checkinId);
}

/**
 * §4.2 [001 annex 1 §3] offline verification that found the data right: the operator's
 * note and photo (their own upload, now attached to the branch) approve the check-in and
 * set real-name `offlinePassed`. Only from a failed check of a check-in waiting for review.
 */
export async function offlineVerify(db: Db, pii: Pii, ctx: OrgContext, checkinId: number, body: OfflineVerify, now: Date): Promise<ReviewDetail> {
  await act(db, ctx, checkinId, async (tx, row) => {
    if (row.status !== 'submitted') throw new AppError('CHECKIN_NOT_PENDING');
    const rn = nextRealNameStatus(row.realNameStatus, 'offlinePass');
    if (!rn.ok) throw new AppError(rn.code);
    const photo = await attachUpload(tx, ctx.userId, body.photo.fileId, row.branchId, 'photo');
    const [res] = await tx
      .update(checkins)
      .set({ ...approvalSet(row, ctx.userId, now), realNameStatus: rn.status, offlineNote: body.note, offlinePhotoId: photo.id })
      .where(and(eq(checkins.id, row.id), eq(checkins.status, 'submitted'), eq(checkins.realNameStatus, 'failed'), eq(checkins.realNameGeneration, row.realNameGeneration)));
    if (res.affectedRows !== 1) throw new AppError('CHECKIN_NOT_PENDING');
    // Issue 12: the org verified the person offline — that proves the account's identity too.
    await recordVerifiedIdentity(tx, row.userId, row, now);
    await trackCheckinChange(tx, row, approvalSet(row, ctx.userId, now));
    await checkinReviewedMessage(tx, ctx, row, 'approve');
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: row.branchId,
      action: 'checkin.offlineVerify',
      targetType: 'checkin',
      targetId: row.id,
      before: { status: row.status, realNameStatus: row.realNameStatus },
      after: { status: 'approved', realNameStatus: rn.status, note: body.note, photoId: photo.id },
    });
  });
  return reviewDetail(db, pii, ctx, checkinId);
}

/**
 * 批量审核: approves every listed check-in that can be approved now (real-name passed);
 * the others are reported with the code that stopped them. Each is its own transaction,
 * so one refusal never undoes the others.
 */
export async function batchApprove(db: Db, ctx: OrgContext, ids: string[], now: Date) {
  const approved: string[] = [];
  const skipped: { id: string; code: string; message: string }[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      await act(db, ctx, Number(id), (tx, row) => approveIn(tx, ctx, row, now, 'checkin.batchApprove'));
      approved.push(id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      skipped.push({ id, code: err.code, message: err.message });
    }
  }
  return { approved, skipped };
}
