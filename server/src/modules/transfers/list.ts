import { and, asc, desc, eq, inArray, isNotNull, like, lte, or } from 'drizzle-orm';
import { daysWaiting, maskIdNumber, nextTransferStatus } from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { checkins, orgs, transfers } from '../../db/schema';
import { AppError } from '../../errors';
import { descendantsLike } from '../../lib/org-path';
import type { OrgContext } from '../../plugins/org-guard';
import { memberName, OPEN, orgById } from './common';
import type { TransferDeps } from './deps';
import { actionFor, concerns, waitingCondition } from './scope';
import { detailsOf, loadOrgs, loadViewData, toSummary } from './view';
import { lastRow, theRow } from '../../lib/rows';
import { afterCursor, parseTimeIdCursor, timeIdCursor } from '../../lib/keyset';

// ─── org views and lists (§7.2, §7.4 escalation) ────────────────────────────────────────

const subtreeIds = (db: DbOrTx, path: string) =>
  db
    .select({ id: orgs.id })
    .from(orgs)
    .where(like(orgs.path, descendantsLike(path)));

export async function orgTransferDetail(deps: TransferDeps, ctx: OrgContext, id: number) {
  const [row] = await deps.db.select().from(transfers).where(eq(transfers.id, id));
  if (!row || !(await concerns(deps.db, ctx, row))) throw new AppError('FORBIDDEN');
  const detail = theRow(await detailsOf(deps.db, deps.pii, [row], ctx.userId), 'the transfer detail');
  const acting = await actionFor(deps.db, ctx, [row]);
  const canWithdrawAsInitiator = row.initiatorOrgId === ctx.org.id && nextTransferStatus(row.status, 'withdrawByInitiator').ok;
  return { ...detail, ...acting.get(row.id)!, canWithdrawAsInitiator };
}

export async function orgTransferList(deps: TransferDeps, ctx: OrgContext, q: { box: 'waiting' | 'in' | 'out' | 'all'; cursor?: string; limit: number }) {
  const { db } = deps;
  const sub = subtreeIds(db, ctx.org.path);
  const outC = inArray(transfers.fromBranchId, sub);
  const inC = or(inArray(transfers.toOrgId, subtreeIds(db, ctx.org.path)), inArray(transfers.toBranchId, subtreeIds(db, ctx.org.path)))!;
  const cond = q.box === 'waiting' ? waitingCondition(db, ctx) : q.box === 'out' ? outC : q.box === 'in' ? inC : or(outC, inC)!;
  const waiting = q.box === 'waiting';
  const rows = await db
    .select()
    .from(transfers)
    // (time, id) keyset, not id order: ids interleave across Galera nodes (issue 19)
    .where(and(cond, afterCursor(transfers.createdAt, transfers.id, parseTimeIdCursor(q.cursor), waiting ? 'asc' : 'desc')))
    .orderBy(...(waiting ? [asc(transfers.createdAt), asc(transfers.id)] : [desc(transfers.createdAt), desc(transfers.id)]))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const data = await loadViewData(db, deps.pii, page, ctx.userId);
  const acting = await actionFor(db, ctx, page);
  return {
    items: page.map((r) => ({ ...toSummary(r, data), ...acting.get(r.id)! })),
    nextCursor: rows.length > q.limit ? (({ createdAt, id }) => timeIdCursor(createdAt, id))(lastRow(page, 'a full page')) : null,
  };
}

/** §7.4 escalation: open steps held in the subtree for at least `minDays` days, oldest first. */
export async function overdueTransfers(deps: TransferDeps, ctx: OrgContext, q: { minDays: number; limit: number }) {
  const now = deps.now();
  const before = new Date(now.getTime() - q.minDays * 24 * 3600 * 1000);
  const rows = await deps.db
    .select()
    .from(transfers)
    .where(and(inArray(transfers.status, OPEN), inArray(transfers.stepOrgId, subtreeIds(deps.db, ctx.org.path)), lte(transfers.stepSince, before)))
    .orderBy(asc(transfers.stepSince))
    .limit(q.limit);
  const data = await loadViewData(deps.db, deps.pii, rows, ctx.userId);
  const holders = await loadOrgs(
    deps.db,
    rows.map((r) => r.stepOrgId),
    ctx.userId,
  );
  return {
    items: rows.map((r) => ({
      ...toSummary(r, data),
      heldBy: holders.get(r.stepOrgId!)!.view,
      daysWaiting: daysWaiting(r.stepSince!, now),
      deadline: r.stepDeadline!.toISOString(),
    })),
  };
}

/** Members of one branch in the org's subtree, for the 办理转出 / batch pickers. */
export async function transferableMembers(deps: TransferDeps, ctx: OrgContext, branchId: number) {
  const branch = await orgById(deps.db, branchId);
  if (!branch || branch.type !== 'branch' || !ctx.contains(branch.path)) throw new AppError('FORBIDDEN');
  const rows = await deps.db
    .select({ c: checkins, open: transfers.id })
    .from(checkins)
    .leftJoin(transfers, eq(transfers.openUserId, checkins.userId))
    .where(and(eq(checkins.branchId, branchId), isNotNull(checkins.approvedIdHash), eq(checkins.membershipStatus, 'normal')))
    .orderBy(asc(checkins.id))
    .limit(1000);
  return { items: rows.map((r) => ({ id: String(r.c.id), name: memberName(r.c), idNumberMasked: maskIdNumber(deps.pii.decrypt(r.c.idEnc)), hasOpenTransfer: r.open != null })) };
}
