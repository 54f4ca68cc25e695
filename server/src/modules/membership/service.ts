import { and, desc, eq, inArray, like, lte, ne, or, sql } from 'drizzle-orm';
import { ageOutBirthCutoff, agesOut, type MembershipDecision, type MembershipExitRequest, type MembershipRequest } from '@tj/shared';
import type { Db } from '../../db/client';
import { checkins, membershipRequests, orgs, rosterEntries } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { descendantsLike, isWithin } from '../../lib/org-path';
import type { OrgContext } from '../../plugins/org-guard';
import { trackCheckinChange } from '../stats/counters';

const MEMBER_STATES = ['approved', 'editSubmitted', 'editReturned'] as const;
const nameOf = (data: unknown) => {
  const name = (data as Record<string, unknown> | null)?.name;
  return typeof name === 'string' ? name : '';
};

/**
 * A branch asks to end a member's 团籍 (自愿退团 / 开除团籍 / 自行脱团) with a reason. Asked through the
 * member's branch or any org above it; one open request per member (the unique `open_key`).
 */
export async function requestExit(db: Db, ctx: OrgContext, memberId: number, body: MembershipExitRequest) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ c: checkins, b: orgs }).from(checkins).innerJoin(orgs, eq(orgs.id, checkins.branchId)).where(eq(checkins.id, memberId)).for('update');
    if (!row || !isWithin(row.b.path, ctx.org.path) || !(MEMBER_STATES as readonly string[]).includes(row.c.status ?? '')) throw new AppError('NOT_FOUND');
    if (row.c.membershipStatus !== 'normal') throw new AppError('MEMBERSHIP_NOT_NORMAL');
    const [open] = await tx.select({ id: membershipRequests.id }).from(membershipRequests).where(eq(membershipRequests.openKey, row.c.id));
    if (open) throw new AppError('MEMBERSHIP_REQUEST_PENDING');
    const [res] = await tx.insert(membershipRequests).values({ checkinId: row.c.id, branchId: row.b.id, kind: body.kind, reason: body.reason, openKey: row.c.id, requestedBy: ctx.userId });
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: ctx.org.id,
      action: 'membership.request',
      targetType: 'checkin',
      targetId: row.c.id,
      after: { requestId: Number(res.insertId), kind: body.kind, reason: body.reason },
    });
  });
}

/** Requests of the subtree's branches, open ones first; `decidable` where this org is the branch's superior. */
export async function listRequests(db: Db, ctx: OrgContext): Promise<{ items: MembershipRequest[] }> {
  const rows = await db
    .select({ r: membershipRequests, b: orgs, data: checkins.approvedData })
    .from(membershipRequests)
    .innerJoin(orgs, eq(orgs.id, membershipRequests.branchId))
    .innerJoin(checkins, eq(checkins.id, membershipRequests.checkinId))
    .where(like(orgs.path, descendantsLike(ctx.org.path)))
    .orderBy(sql`${membershipRequests.status} = 'pending' desc`, desc(membershipRequests.id))
    .limit(200);
  return {
    items: rows.map(({ r, b, data }) => ({
      id: String(r.id),
      memberId: String(r.checkinId),
      memberName: nameOf(data),
      branchId: String(b.id),
      branchName: b.alias || b.shortName,
      kind: r.kind,
      reason: r.reason,
      status: r.status,
      decisionReason: r.decisionReason,
      requestedAt: r.createdAt.toISOString(),
      decidable: r.status === 'pending' && b.parentId === ctx.org.id,
    })),
  };
}

/**
 * The branch's direct superior decides (团籍 ends only with a superior's 同意). On 同意 the member's
 * 团籍状态 changes and the statistics drop them in the same transaction; nothing is deleted.
 */
export async function decideRequest(db: Db, ctx: OrgContext, requestId: number, body: MembershipDecision, now: Date) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ r: membershipRequests, b: orgs })
      .from(membershipRequests)
      .innerJoin(orgs, eq(orgs.id, membershipRequests.branchId))
      .where(eq(membershipRequests.id, requestId))
      .for('update');
    if (!row || !isWithin(row.b.path, ctx.org.path)) throw new AppError('NOT_FOUND');
    if (row.b.parentId !== ctx.org.id) throw new AppError('MEMBERSHIP_APPROVER_NOT_SUPERIOR');
    if (row.r.status !== 'pending') throw new AppError('MEMBERSHIP_REQUEST_NOT_PENDING');
    if (body.approve) {
      const [c] = await tx.select().from(checkins).where(eq(checkins.id, row.r.checkinId)).for('update');
      if (!c || c.membershipStatus !== 'normal') throw new AppError('MEMBERSHIP_NOT_NORMAL');
      await tx.update(checkins).set({ membershipStatus: row.r.kind, membershipChangedAt: now }).where(eq(checkins.id, c.id));
      await trackCheckinChange(tx, c, { membershipStatus: row.r.kind });
    }
    await tx
      .update(membershipRequests)
      .set({ status: body.approve ? 'approved' : 'rejected', openKey: null, decidedBy: ctx.userId, decidedAt: now, decisionReason: body.approve ? null : (body.reason ?? null) })
      .where(eq(membershipRequests.id, row.r.id));
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: ctx.org.id,
      action: body.approve ? 'membership.approve' : 'membership.reject',
      targetType: 'checkin',
      targetId: row.r.checkinId,
      after: { requestId: row.r.id, kind: row.r.kind, reason: body.reason ?? null },
    });
  });
}

/** The subtree's former members: kept, shown apart from the member lists. */
export async function formerMembers(db: Db, ctx: OrgContext) {
  const rows = await db
    .select({ c: checkins, b: orgs })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(and(like(orgs.path, descendantsLike(ctx.org.path)), ne(checkins.membershipStatus, 'normal')))
    .orderBy(desc(checkins.membershipChangedAt))
    .limit(200);
  return {
    items: rows.map(({ c, b }) => ({
      id: String(c.id),
      name: nameOf(c.approvedData),
      branchName: b.alias || b.shortName,
      membershipStatus: c.membershipStatus,
      changedAt: c.membershipChangedAt ? c.membershipChangedAt.toISOString() : null,
    })),
  };
}

/**
 * The daily 满28周岁离团 [004 FAQ: 年满二十八周岁，没有在团内担任职务，不再保留团籍] for `today`. The SQL
 * bound only narrows the candidates; shared `agesOut` decides, with "any roster line, bound to
 * the account or naming the ID" as 在团内担任职务. Each member in its own transaction, re-read
 * under its lock, so a rerun changes nothing twice.
 */
export async function ageOutMembers(db: Db, today: string, now: Date) {
  const cutoff = ageOutBirthCutoff(today);
  // issue 16 B5: (membership_status, approved_birth_date) is an index — a range scan of the due members
  const candidates = await db
    .select({ id: checkins.id, userId: checkins.userId, idHash: checkins.approvedIdHash, birth: checkins.approvedBirthDate })
    .from(checkins)
    .where(and(eq(checkins.membershipStatus, 'normal'), lte(checkins.approvedBirthDate, cutoff), inArray(checkins.status, [...MEMBER_STATES])));
  let left = 0;
  for (const cand of candidates) {
    const hold = await db
      .select({ id: rosterEntries.id })
      .from(rosterEntries)
      .where(or(eq(rosterEntries.userId, cand.userId), cand.idHash ? eq(rosterEntries.idHash, cand.idHash) : sql`false`))
      .limit(1);
    if (!cand.birth || !agesOut(cand.birth, today, hold.length > 0)) continue;
    await db.transaction(async (tx) => {
      const [c] = await tx.select().from(checkins).where(eq(checkins.id, cand.id)).for('update');
      if (!c || c.membershipStatus !== 'normal') return;
      await tx.update(checkins).set({ membershipStatus: 'agedOut', membershipChangedAt: now }).where(eq(checkins.id, c.id));
      await trackCheckinChange(tx, c, { membershipStatus: 'agedOut' });
      await audit(tx, { actorUserId: null, orgId: c.branchId, action: 'membership.ageOut', targetType: 'checkin', targetId: c.id, after: { day: today } });
      left += 1;
    });
  }
  return { left };
}
