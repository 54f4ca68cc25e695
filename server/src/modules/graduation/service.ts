import { and, eq, inArray, isNotNull, isNull, like, ne, or, sql } from 'drizzle-orm';
import { theRow } from '../../lib/rows';
import {
  canMarkGraduation,
  checkDelayMonth,
  effectiveGraduationMonth,
  maskMobile,
  type GraduationBranch,
  type GraduationBranchDetail,
  type GraduationCorrect,
  type GraduationDelay,
  type GraduationMark,
  type GraduationMember,
} from '@tj/shared';
import type { Db, DbOrTx } from '../../db/client';
import { checkins, orgs, transfers } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { descendantsLike, isWithin } from '../../lib/org-path';
import type { OrgContext } from '../../plugins/org-guard';
import { deleteChild } from '../orgs/service';
import { ancestorNames } from '../orgs/view';
import { ancestorIds } from '../../lib/org-path';

type OrgRow = typeof orgs.$inferSelect;
type CheckinRow = typeof checkins.$inferSelect;

/** A branch strictly below the acting org. */
const below = (ctx: OrgContext, o: { path: string }) => o.path !== ctx.org.path && isWithin(o.path, ctx.org.path);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const isMarked = (b: OrgRow) => b.graduationMonth != null || b.graduationReason != null;

/** [004 §二(二)2(2)] the marking itself: a school's committee or 团总支, else not even visible. */
function requireMarker(ctx: OrgContext) {
  if (!canMarkGraduation(ctx.org)) throw new AppError('GRADUATION_NOT_ALLOWED');
}

/** Only the marking org's superiors correct a mark (一旦标记成功后，将无法自行取消). */
function correctable(ctx: OrgContext, b: OrgRow, markerPaths: Map<number, string>) {
  if (!isMarked(b) || b.graduationConvertedAt || b.graduationMarkedOrgId == null) return false;
  const p = markerPaths.get(b.graduationMarkedOrgId);
  return p != null && p !== ctx.org.path && isWithin(p, ctx.org.path);
}

async function markerPathsOf(db: DbOrTx, rows: OrgRow[]) {
  const ids = [...new Set(rows.map((r) => r.graduationMarkedOrgId).filter((v): v is number => v != null))];
  if (ids.length === 0) return new Map<number, { path: string; name: string }>();
  const found = await db.select({ id: orgs.id, path: orgs.path, name: orgs.shortName }).from(orgs).where(inArray(orgs.id, ids));
  return new Map(found.map((o) => [o.id, { path: o.path, name: o.name }]));
}

async function activeCounts(db: DbOrTx, branchIds: number[]) {
  if (branchIds.length === 0) return new Map<number, number>();
  const rows = await db
    .select({ id: checkins.branchId, n: sql<number>`count(*)` })
    .from(checkins)
    .where(and(inArray(checkins.branchId, branchIds), eq(checkins.membershipStatus, 'normal'), inArray(checkins.status, ['approved', 'editSubmitted', 'editReturned'])))
    .groupBy(checkins.branchId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

async function toBranchViews(db: DbOrTx, ctx: OrgContext, rows: OrgRow[]): Promise<GraduationBranch[]> {
  const markers = await markerPathsOf(db, rows);
  const paths = new Map([...markers].map(([id, m]) => [id, m.path]));
  const counts = await activeCounts(
    db,
    rows.map((r) => r.id),
  );
  const names = await ancestorNames(db, rows);
  return rows.map((b) => ({
    id: String(b.id),
    name: b.alias || b.shortName,
    pathNames: ancestorIds(b.path).map((id) => names.get(id) ?? ''),
    branchCategory: b.branchCategory,
    month: b.graduationMonth,
    reason: b.graduationReason,
    markedAt: iso(b.graduationMarkedAt),
    markedByOrg: b.graduationMarkedOrgId != null ? (markers.get(b.graduationMarkedOrgId)?.name ?? null) : null,
    correctable: correctable(ctx, b, paths),
    convertedAt: iso(b.graduationConvertedAt),
    memberCount: counts.get(b.id) ?? 0,
  }));
}

const LIST_LIMIT = 500;

/**
 * The class branches below the org, for marking; a non-school org (a leading organ above a
 * school, say) sees only the marks it may correct — never the marking itself [004 §二(二)2(2)].
 */
export async function listGraduationBranches(db: Db, ctx: OrgContext): Promise<{ canMark: boolean; items: GraduationBranch[] }> {
  const canMark = canMarkGraduation(ctx.org);
  const inSubtree = and(eq(orgs.type, 'branch'), like(orgs.path, descendantsLike(ctx.org.path)), ne(orgs.id, ctx.org.id));
  const rows = await db
    .select()
    .from(orgs)
    .where(canMark ? inSubtree : and(inSubtree, isNotNull(orgs.graduationMarkedOrgId), isNull(orgs.graduationConvertedAt)))
    .orderBy(orgs.path)
    .limit(LIST_LIMIT);
  const items = await toBranchViews(db, ctx, rows);
  return { canMark, items: canMark ? items : items.filter((i) => i.correctable) };
}

/**
 * [004 §二(二)1] marks one or many class branches with one month (a batch shares it) or one reason.
 * Each branch is locked and checked first, so two admins marking at once make one mark, and a
 * mark is never overwritten (一旦标记成功后，将无法自行取消).
 */
export async function markBranches(db: Db, ctx: OrgContext, body: GraduationMark, now: Date) {
  requireMarker(ctx);
  const ids = [...new Set(body.branchIds.map(Number))].sort((a, b) => a - b);
  await db.transaction(async (tx) => {
    const rows = await tx.select().from(orgs).where(inArray(orgs.id, ids)).for('update');
    if (rows.length !== ids.length) throw new AppError('GRADUATION_NOT_CLASS_BRANCH');
    for (const b of rows) {
      if (b.type !== 'branch' || !below(ctx, b) || (b.branchCategory != null && b.branchCategory !== 'ordinary') || b.graduationConvertedAt)
        throw new AppError('GRADUATION_NOT_CLASS_BRANCH');
      if (isMarked(b)) throw new AppError('GRADUATION_ALREADY_MARKED');
    }
    const set = { graduationMonth: body.month ?? null, graduationReason: body.reason ?? null, graduationMarkedAt: now, graduationMarkedBy: ctx.userId, graduationMarkedOrgId: ctx.org.id };
    await tx.update(orgs).set(set).where(inArray(orgs.id, ids));
    for (const b of rows) {
      await audit(tx, {
        actorUserId: ctx.userId,
        orgId: ctx.org.id,
        action: 'graduation.mark',
        targetType: 'org',
        targetId: b.id,
        after: { month: set.graduationMonth, reason: set.graduationReason },
      });
    }
  });
}

async function branchBelow(db: DbOrTx, ctx: OrgContext, branchId: number, lock = false) {
  const q = db.select().from(orgs).where(eq(orgs.id, branchId));
  const [b] = lock ? await q.for('update') : await q;
  if (!b || b.type !== 'branch' || !below(ctx, b)) throw new AppError('NOT_FOUND');
  return b;
}

/** The marking org's superior corrects a mark before it took effect (audited, before → after). */
export async function correctMark(db: Db, ctx: OrgContext, branchId: number, body: GraduationCorrect, now: Date) {
  await db.transaction(async (tx) => {
    const b = await branchBelow(tx, ctx, branchId, true);
    if (!isMarked(b)) throw new AppError('GRADUATION_NOT_MARKED');
    if (b.graduationConvertedAt) throw new AppError('GRADUATION_ALREADY_CONVERTED');
    const markers = await markerPathsOf(tx, [b]);
    if (!correctable(ctx, b, new Map([...markers].map(([id, m]) => [id, m.path])))) throw new AppError('GRADUATION_CORRECT_NOT_SUPERIOR');
    const after = { graduationMonth: body.month ?? null, graduationReason: body.reason ?? null };
    await tx
      .update(orgs)
      .set({ ...after, graduationMarkedAt: now })
      .where(eq(orgs.id, b.id));
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: ctx.org.id,
      action: 'graduation.correct',
      targetType: 'org',
      targetId: b.id,
      before: { month: b.graduationMonth, reason: b.graduationReason },
      after: { month: after.graduationMonth, reason: after.graduationReason },
    });
  });
}

const nameOf = (c: CheckinRow) => {
  const name = c.approvedData?.name;
  return typeof name === 'string' ? name : '';
};
const phoneOf = (c: CheckinRow) => {
  const p = c.approvedData?.phone;
  return typeof p === 'string' && p ? maskMobile(p) : null;
};
const MEMBER_STATES = ['approved', 'editSubmitted', 'editReturned'] as const;

function memberView(c: CheckinRow, branchMonth: string | null, transferStatus: string | null): GraduationMember {
  return {
    id: String(c.id),
    name: nameOf(c),
    phoneMasked: phoneOf(c),
    graduate: c.graduate,
    delayedMonth: c.delayedGraduationMonth,
    delayedReason: c.delayedGraduationReason,
    expectedMonth: effectiveGraduationMonth(branchMonth, c.delayedGraduationMonth),
    transferStatus,
  };
}

/**
 * One graduating branch: its members with their expected month, and the 学社衔接 follow-through —
 * who has an open transfer and who still has to start one [004 §二(二)3].
 */
export async function branchDetail(db: Db, ctx: OrgContext, branchId: number): Promise<GraduationBranchDetail> {
  const b = await branchBelow(db, ctx, branchId);
  const view = theRow(await toBranchViews(db, ctx, [b]), 'the branch view');
  const members = await db
    .select()
    .from(checkins)
    .where(and(eq(checkins.branchId, b.id), eq(checkins.membershipStatus, 'normal'), inArray(checkins.status, [...MEMBER_STATES])))
    .orderBy(checkins.id)
    .limit(LIST_LIMIT);
  const open = members.length
    ? await db
        .select({ checkinId: transfers.checkinId, status: transfers.status })
        .from(transfers)
        .where(
          and(
            inArray(
              transfers.checkinId,
              members.map((m) => m.id),
            ),
            isNotNull(transfers.openUserId),
          ),
        )
    : [];
  const openBy = new Map(open.map((t) => [t.checkinId, t.status as string]));
  const items = members.map((m) => memberView(m, b.graduationMonth, openBy.get(m.id) ?? null));
  const anyRow = await db.select({ id: checkins.id }).from(checkins).where(eq(checkins.branchId, b.id)).limit(1);
  return {
    branch: view,
    members: items,
    stillToTransfer: items.filter((m) => m.transferStatus == null && m.delayedMonth == null).length,
    deletable: b.branchCategory === 'graduate' && anyRow.length === 0,
  };
}

async function memberBelow(tx: DbOrTx, ctx: OrgContext, memberId: number) {
  const [row] = await tx.select({ c: checkins, b: orgs }).from(checkins).innerJoin(orgs, eq(orgs.id, checkins.branchId)).where(eq(checkins.id, memberId)).for('update');
  if (!row || !below(ctx, row.b) || !(MEMBER_STATES as readonly string[]).includes(row.c.status ?? '')) throw new AppError('NOT_FOUND');
  if (row.c.membershipStatus !== 'normal') throw new AppError('MEMBERSHIP_NOT_NORMAL');
  return row;
}

/** [004 §二(二)4(3)] 标记延迟毕业团员: a month later than the branch's, and a reason. */
export async function markDelayed(db: Db, ctx: OrgContext, memberId: number, body: GraduationDelay) {
  requireMarker(ctx);
  await db.transaction(async (tx) => {
    const { c, b } = await memberBelow(tx, ctx, memberId);
    const check = checkDelayMonth(body.month, b.graduationMonth);
    if (!check.ok) throw new AppError(check.code, 'month');
    // a delayed member of an already converted branch is not (yet) a 毕业生
    await tx.update(checkins).set({ delayedGraduationMonth: body.month, delayedGraduationReason: body.reason, graduate: false }).where(eq(checkins.id, c.id));
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: ctx.org.id,
      action: 'graduation.delay',
      targetType: 'checkin',
      targetId: c.id,
      before: { month: c.delayedGraduationMonth },
      after: { month: body.month, reason: body.reason },
    });
  });
}

/** [004 §二(二)4(4)] 撤销: back to a normal graduating member with the branch's month. */
export async function revokeDelayed(db: Db, ctx: OrgContext, memberId: number) {
  requireMarker(ctx);
  await db.transaction(async (tx) => {
    const { c, b } = await memberBelow(tx, ctx, memberId);
    if (c.delayedGraduationMonth == null) throw new AppError('GRADUATION_NOT_DELAYED');
    await tx
      .update(checkins)
      .set({ delayedGraduationMonth: null, delayedGraduationReason: null, graduate: b.graduationConvertedAt != null })
      .where(eq(checkins.id, c.id));
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: ctx.org.id,
      action: 'graduation.revokeDelay',
      targetType: 'checkin',
      targetId: c.id,
      before: { month: c.delayedGraduationMonth, reason: c.delayedGraduationReason },
    });
  });
}

/** The 延迟毕业团员列表 of the org's subtree. */
export async function delayedMembers(db: Db, ctx: OrgContext) {
  const rows = await db
    .select({ c: checkins, b: orgs })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(and(like(orgs.path, descendantsLike(ctx.org.path)), isNotNull(checkins.delayedGraduationMonth), eq(checkins.membershipStatus, 'normal')))
    .orderBy(checkins.delayedGraduationMonth, checkins.id)
    .limit(LIST_LIMIT);
  return { items: rows.map(({ c, b }) => ({ ...memberView(c, b.graduationMonth, null), branchId: String(b.id), branchName: b.alias || b.shortName })) };
}

/**
 * [004 §二(二)3(3.3)] 毕业生团组织中的团员已全部完成转出的，学校团组织应及时在系统中将该团组织删除: only a
 * graduate org, and only as the tree's own deletion allows (no member, cadre or open transfer left).
 */
export async function deleteGraduateOrg(db: Db, ctx: OrgContext, branchId: number) {
  const b = await branchBelow(db, ctx, branchId);
  if (b.branchCategory !== 'graduate') throw new AppError('GRADUATE_ORG_ONLY');
  const [parent] = await db
    .select()
    .from(orgs)
    .where(eq(orgs.id, b.parentId ?? 0));
  if (!parent) throw new AppError('NOT_FOUND');
  try {
    await deleteChild(db, { userId: ctx.userId }, parent, b.id, { keepExitedMembers: true });
  } catch (err) {
    if (err instanceof AppError && err.code === 'ORG_HAS_MEMBERS') throw new AppError('GRADUATE_ORG_NOT_EMPTY');
    throw err;
  }
}

/**
 * [004 §二(二)2(3)] the 6 月 1 日 conversion of `year`: every marked, unconverted branch whose month
 * falls in that year or before becomes a 毕业生团组织 and its members (but delayed ones) 毕业生.
 * One transaction per branch, each re-checking the branch under its lock: a rerun (lease
 * takeover, a second instance, the catch-up after downtime) converts nothing twice.
 */
export async function convertGraduates(db: Db, year: number, now: Date) {
  const due = await db
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(isNull(orgs.graduationConvertedAt), isNotNull(orgs.graduationMonth), eq(orgs.type, 'branch'), sql`left(${orgs.graduationMonth}, 4) <= ${String(year)}`));
  let branches = 0;
  let members = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [b] = await tx.select().from(orgs).where(eq(orgs.id, id)).for('update');
      if (!b || b.graduationConvertedAt || b.graduationMonth == null || Number(b.graduationMonth.slice(0, 4)) > year) return;
      await tx.update(orgs).set({ branchCategory: 'graduate', graduationConvertedAt: now }).where(eq(orgs.id, b.id));
      const [res] = await tx
        .update(checkins)
        .set({ graduate: true })
        .where(and(eq(checkins.branchId, b.id), isNull(checkins.delayedGraduationMonth), eq(checkins.membershipStatus, 'normal'), or(...MEMBER_STATES.map((s) => eq(checkins.status, s)))));
      await audit(tx, {
        actorUserId: null,
        orgId: b.id,
        action: 'graduation.convert',
        targetType: 'org',
        targetId: b.id,
        before: { branchCategory: b.branchCategory },
        after: { branchCategory: 'graduate', year },
      });
      branches += 1;
      members += Number(res.affectedRows);
    });
  }
  return { branches, members };
}
