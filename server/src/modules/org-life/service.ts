import { and, asc, between, count, desc, eq, inArray, isNotNull, like, sql } from 'drizzle-orm';
import {
  checkOrgLifeDate,
  checkOrgLifePeriod,
  countsForMonthlyRule,
  monthOf,
  monthsBetween,
  monthVerdictFromCounts,
  ORG_LIFE_KIND_KEYS,
  participationPercent,
  periodDays,
  rateMet,
  todayInChina,
  type CreateOrgLife,
  type IsoMonth,
  type KindCounts,
  type OrgLifeBranchMonth,
  type OrgLifeDetail,
  type OrgLifeOverview,
  type OrgLifeOverviewRow,
  type OrgLifeParticipation,
  type OrgLifeSummary,
  type UpdateOrgLife,
} from '@tj/shared';
import type { FastifyInstance } from 'fastify';
import type { Db, DbOrTx } from '../../db/client';
import { checkins, orgLifeAttendees, orgLifePhotos, orgLifeRecords, orgs, uploads } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { isDuplicate } from '../../lib/mysql-errors';
import { descendantsLike } from '../../lib/org-path';
import { theRow } from '../../lib/rows';
import type { OrgContext } from '../../plugins/org-guard';
import { memberName } from '../transfers/common';
import { attachUpload, uploadUrl } from '../uploads/service';

/** What the services need: the database and the clock (the date rule uses the server's China day). */
export interface OrgLifeDeps {
  db: Db;
  now(): Date;
}
export const orgLifeDeps = (app: FastifyInstance): OrgLifeDeps => ({ db: app.db, now: () => app.clock.now() });

type RecordRow = typeof orgLifeRecords.$inferSelect;
type OrgRow = OrgContext['org'];

const orgName = (o: Pick<OrgRow, 'alias' | 'shortName'>) => o.alias || o.shortName;

function branchOf(ctx: OrgContext): OrgRow {
  if (ctx.org.type !== 'branch') throw new AppError('ORG_LIFE_NOT_BRANCH');
  return ctx.org;
}

/**
 * The branch's members as 组织生活 counts them: check-in approved (the approved ID hash is set
 * exactly then, §4.2) and 团籍 正常 — the same population as modules/registration, plus the
 * membership status of issue 16 part 3.
 */
const activeMember = (branchId: number) => and(eq(checkins.branchId, branchId), isNotNull(checkins.approvedIdHash), eq(checkins.membershipStatus, 'normal'));

export async function branchMemberList(db: DbOrTx, branchId: number, ids?: number[]) {
  const rows = await db
    .select()
    .from(checkins)
    .where(and(activeMember(branchId), ids ? inArray(checkins.id, ids.length ? ids : [0]) : undefined))
    .orderBy(asc(checkins.id));
  return rows.map((c) => ({ checkinId: c.id, name: memberName(c).slice(0, 30) }));
}

async function memberCount(db: DbOrTx, branchId: number): Promise<number> {
  return theRow(await db.select({ n: count() }).from(checkins).where(activeMember(branchId)), 'a count').n;
}

export async function pickableMembers(deps: OrgLifeDeps, ctx: OrgContext) {
  const branch = branchOf(ctx);
  return { items: (await branchMemberList(deps.db, branch.id)).map((m) => ({ memberId: String(m.checkinId), name: m.name })) };
}

// ── writing ──

function checkDate(heldOn: string, now: Date) {
  const r = checkOrgLifeDate(heldOn, todayInChina(now));
  if (!r.ok) throw new AppError(r.code, 'heldOn');
}

/** Attendees: members of the branch now, or (when correcting) people the record already lists. */
async function resolveAttendees(tx: DbOrTx, branchId: number, ids: string[], previous: Map<number, string>) {
  const wanted = [...new Set(ids.map(Number))];
  const current = new Map((await branchMemberList(tx, branchId, wanted)).map((m) => [m.checkinId, m.name]));
  return wanted.map((id) => {
    const name = current.get(id) ?? previous.get(id);
    if (name === undefined) throw new AppError('ORG_LIFE_ATTENDEE_NOT_MEMBER', 'attendeeIds');
    return { checkinId: id, name };
  });
}

/** Photos: those the record already has stay; a new one must be the caller's own fresh upload. */
async function resolvePhotos(tx: DbOrTx, ctx: OrgContext, branchId: number, photos: { fileId: string }[], kept: Set<number>): Promise<number[]> {
  const ids = [...new Set(photos.map((p) => Number(p.fileId)))];
  const fresh = ids.filter((id) => !kept.has(id));
  if (fresh.length) {
    const rows = await tx.select({ id: uploads.id, orgId: uploads.orgId }).from(uploads).where(inArray(uploads.id, fresh));
    if (rows.length !== fresh.length || rows.some((r) => r.orgId != null)) throw new AppError('UPLOAD_INVALID', 'photos');
  }
  for (const id of fresh) await attachUpload(tx, ctx.userId, String(id), branchId, 'photos');
  return ids;
}

async function writeChildren(tx: DbOrTx, recordId: number, attendees: { checkinId: number; name: string }[], photoIds: number[]) {
  await tx.delete(orgLifeAttendees).where(eq(orgLifeAttendees.recordId, recordId));
  await tx.insert(orgLifeAttendees).values(attendees.map((a) => ({ recordId, ...a })));
  await tx.delete(orgLifePhotos).where(eq(orgLifePhotos.recordId, recordId));
  if (photoIds.length) {
    try {
      await tx.insert(orgLifePhotos).values(photoIds.map((uploadId, position) => ({ recordId, uploadId, position })));
    } catch (err) {
      if (isDuplicate(err)) throw new AppError('UPLOAD_INVALID', 'photos');
      throw err;
    }
  }
}

const ruleColumns = (kind: CreateOrgLife['kind'], attendees: number, members: number) => {
  const counted = countsForMonthlyRule(kind);
  return { counted, rateMet: counted && rateMet({ attendees, members }) };
};

/**
 * 会议发布 / 活动发布 [004 §一 7–10]. Idempotent by the form's request id: a retried submit
 * (the first one's answer lost to the network) finds the record and returns it — checked
 * before the work and, for two submits racing, by the unique key at the insert.
 */
export async function createRecord(deps: OrgLifeDeps, ctx: OrgContext, body: CreateOrgLife): Promise<{ created: boolean; record: OrgLifeDetail }> {
  const branch = branchOf(ctx);
  const existing = await byRequest(deps.db, branch.id, body.requestId);
  if (existing) return { created: false, record: await detailOf(deps.db, ctx, existing) };
  const now = deps.now();
  checkDate(body.heldOn, now);
  try {
    const id = await deps.db.transaction(async (tx) => {
      const attendees = await resolveAttendees(tx, branch.id, body.attendeeIds, new Map());
      const members = await memberCount(tx, branch.id);
      const [res] = await tx.insert(orgLifeRecords).values({
        branchId: branch.id,
        branchPath: branch.path,
        requestId: body.requestId,
        kind: body.kind,
        heldOn: body.heldOn,
        topic: body.topic,
        place: body.place,
        note: body.note?.trim() || null,
        attendeeCount: attendees.length,
        memberCount: members,
        ...ruleColumns(body.kind, attendees.length, members),
        createdBy: ctx.userId,
        updatedBy: ctx.userId,
        createdAt: now,
        updatedAt: now,
      });
      const recordId = Number(res.insertId);
      const photoIds = await resolvePhotos(tx, ctx, branch.id, body.photos, new Set());
      await writeChildren(tx, recordId, attendees, photoIds);
      await audit(tx, {
        actorUserId: ctx.userId,
        orgId: branch.id,
        action: 'orgLife.create',
        targetType: 'orgLifeRecord',
        targetId: recordId,
        after: { kind: body.kind, heldOn: body.heldOn, topic: body.topic, count: attendees.length, photos: photoIds.length },
      });
      return recordId;
    });
    return { created: true, record: await detailOf(deps.db, ctx, await recordById(deps.db, id)) };
  } catch (err) {
    // the same submit won a moment earlier in another request: answer with its record
    if (!isDuplicate(err)) throw err;
    const winner = await byRequest(deps.db, branch.id, body.requestId);
    if (!winner) throw err;
    return { created: false, record: await detailOf(deps.db, ctx, winner) };
  }
}

/** 004: a record entered twice by a flaky network is corrected by editing — every change audited with before/after. */
export async function updateRecord(deps: OrgLifeDeps, ctx: OrgContext, recordId: number, body: UpdateOrgLife): Promise<OrgLifeDetail> {
  const branch = branchOf(ctx);
  const now = deps.now();
  checkDate(body.heldOn, now);
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(orgLifeRecords)
      .where(and(eq(orgLifeRecords.id, recordId), eq(orgLifeRecords.branchId, branch.id)))
      .for('update');
    if (!row) throw new AppError('ORG_LIFE_NOT_FOUND');
    const before = await tx.select().from(orgLifeAttendees).where(eq(orgLifeAttendees.recordId, row.id));
    const photosBefore = await tx.select().from(orgLifePhotos).where(eq(orgLifePhotos.recordId, row.id));
    const attendees = await resolveAttendees(tx, branch.id, body.attendeeIds, new Map(before.map((a) => [a.checkinId, a.name])));
    const photoIds = await resolvePhotos(tx, ctx, branch.id, body.photos, new Set(photosBefore.map((p) => p.uploadId)));
    await tx
      .update(orgLifeRecords)
      .set({
        kind: body.kind,
        heldOn: body.heldOn,
        topic: body.topic,
        place: body.place,
        note: body.note?.trim() || null,
        attendeeCount: attendees.length,
        ...ruleColumns(body.kind, attendees.length, row.memberCount),
        updatedBy: ctx.userId,
        updatedAt: now,
      })
      .where(eq(orgLifeRecords.id, row.id));
    await writeChildren(tx, row.id, attendees, photoIds);
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: branch.id,
      action: 'orgLife.update',
      targetType: 'orgLifeRecord',
      targetId: row.id,
      before: { kind: row.kind, heldOn: row.heldOn, topic: row.topic, place: row.place, count: row.attendeeCount, photos: photosBefore.length },
      after: { kind: body.kind, heldOn: body.heldOn, topic: body.topic, place: body.place, count: attendees.length, photos: photoIds.length },
    });
  });
  return detailOf(deps.db, ctx, await recordById(deps.db, recordId));
}

// ── reading ──

async function byRequest(db: DbOrTx, branchId: number, requestId: string): Promise<RecordRow | undefined> {
  const [row] = await db
    .select()
    .from(orgLifeRecords)
    .where(and(eq(orgLifeRecords.branchId, branchId), eq(orgLifeRecords.requestId, requestId)));
  return row;
}

const recordById = async (db: DbOrTx, id: number) => theRow(await db.select().from(orgLifeRecords).where(eq(orgLifeRecords.id, id)), 'the record');

async function summaries(db: DbOrTx, rows: RecordRow[], branchNames: Map<number, string>): Promise<OrgLifeSummary[]> {
  const photoCounts = rows.length
    ? new Map(
        (
          await db
            .select({ recordId: orgLifePhotos.recordId, n: count() })
            .from(orgLifePhotos)
            .where(
              inArray(
                orgLifePhotos.recordId,
                rows.map((r) => r.id),
              ),
            )
            .groupBy(orgLifePhotos.recordId)
        ).map((r) => [r.recordId, r.n]),
      )
    : new Map<number, number>();
  return rows.map((r) => ({
    id: String(r.id),
    branch: { id: String(r.branchId), name: branchNames.get(r.branchId) ?? '' },
    kind: r.kind,
    heldOn: r.heldOn,
    topic: r.topic,
    place: r.place,
    attendeeCount: r.attendeeCount,
    memberCount: r.memberCount,
    ratePercent: participationPercent(r.attendeeCount, r.memberCount),
    countsForRule: r.counted,
    rateMet: r.rateMet,
    photoCount: photoCounts.get(r.id) ?? 0,
  }));
}

async function detailOf(db: DbOrTx, ctx: OrgContext, row: RecordRow): Promise<OrgLifeDetail> {
  const branch = row.branchId === ctx.org.id ? ctx.org : theRow(await db.select().from(orgs).where(eq(orgs.id, row.branchId)), 'the branch');
  const [summary] = await summaries(db, [row], new Map([[branch.id, orgName(branch)]]));
  const attendees = await db.select().from(orgLifeAttendees).where(eq(orgLifeAttendees.recordId, row.id)).orderBy(asc(orgLifeAttendees.checkinId));
  const photos = await db
    .select({ id: uploads.id, mime: uploads.mime, size: uploads.size })
    .from(orgLifePhotos)
    .innerJoin(uploads, eq(uploads.id, orgLifePhotos.uploadId))
    .where(eq(orgLifePhotos.recordId, row.id))
    .orderBy(asc(orgLifePhotos.position));
  return {
    ...summary!,
    note: row.note,
    attendees: attendees.map((a) => ({ memberId: String(a.checkinId), name: a.name })),
    photos: photos.map((p) => ({ fileId: String(p.id), url: uploadUrl(p.id), mime: p.mime, size: p.size })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    // through the branch: its operators/admins or an admin above; through a committee: an admin of its chain (above the branch)
    canEdit: row.branchId === ctx.org.id ? ctx.isOperator : ctx.isAdmin,
  };
}

/** Any record of the org's subtree, for its cadres and those above (a committee opens a branch's record). */
export async function getRecord(deps: OrgLifeDeps, ctx: OrgContext, recordId: number): Promise<OrgLifeDetail> {
  const [row] = await deps.db.select().from(orgLifeRecords).where(eq(orgLifeRecords.id, recordId));
  if (!row || !ctx.contains(row.branchPath)) throw new AppError('ORG_LIFE_NOT_FOUND');
  return detailOf(deps.db, ctx, row);
}

const monthBefore = (month: IsoMonth, n: number): IsoMonth => {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
};

/** A branch's month: its records, and the 12 months up to it judged by 004's rule. */
export async function branchMonth(deps: OrgLifeDeps, ctx: OrgContext, month: IsoMonth | undefined): Promise<OrgLifeBranchMonth> {
  const branch = branchOf(ctx);
  const m = month ?? monthOf(todayInChina(deps.now()));
  const { from, to } = periodDays(m, m);
  const rows = await deps.db
    .select()
    .from(orgLifeRecords)
    .where(and(eq(orgLifeRecords.branchId, branch.id), between(orgLifeRecords.heldOn, from, to)))
    .orderBy(desc(orgLifeRecords.heldOn), desc(orgLifeRecords.id));
  const first = monthBefore(m, 11);
  const span = periodDays(first, m);
  const perMonth = await deps.db
    .select({
      month: sql<string>`left(${orgLifeRecords.heldOn}, 7)`,
      records: count(),
      counted: sql<number>`cast(sum(${orgLifeRecords.counted}) as unsigned)`,
      below: sql<number>`cast(sum(${orgLifeRecords.counted} and not ${orgLifeRecords.rateMet}) as unsigned)`,
    })
    .from(orgLifeRecords)
    .where(and(eq(orgLifeRecords.branchId, branch.id), between(orgLifeRecords.heldOn, span.from, span.to)))
    .groupBy(sql`left(${orgLifeRecords.heldOn}, 7)`);
  const byMonth = new Map(perMonth.map((r) => [r.month, r]));
  return {
    branch: { id: String(branch.id), name: orgName(branch) },
    month: m,
    members: await memberCount(deps.db, branch.id),
    records: await summaries(deps.db, rows, new Map([[branch.id, orgName(branch)]])),
    months: monthsBetween(first, m)
      .reverse()
      .map((mm) => {
        const r = byMonth.get(mm);
        const counted = Number(r?.counted ?? 0);
        return { month: mm, records: r?.records ?? 0, counted, verdict: monthVerdictFromCounts(counted, Number(r?.below ?? 0)) };
      }),
    canRecord: ctx.isOperator,
  };
}

function checkPeriod(from: IsoMonth, to: IsoMonth, now: Date) {
  const r = checkOrgLifePeriod(from, to, todayInChina(now));
  if (!r.ok) throw new AppError(r.code, 'to');
}

/**
 * shared `monthVerdictFromCounts(counted, below) === 'met'` as SQL, so a province's branch-months
 * are counted in the database; test/org-life.test.ts checks both give the same months.
 */
const MET_SQL = (counted: unknown, below: unknown) => sql`(${counted} > 0 and ${below} = 0)`;

const zeroCounts = (): KindCounts => ({ memberMeeting: 0, committeeMeeting: 0, groupMeeting: 0, lecture: 0, leagueDay: 0 });

/**
 * A committee's period per sub-org (direct children; each covers its whole subtree, any
 * depth). Three range scans over the subtree: records by (sub-org, kind), records by
 * (sub-org, branch, month) for 004's rule, branches by sub-org. The sub-org a path passes
 * through is the path's component right after the committee's own path.
 */
export async function overview(deps: OrgLifeDeps, ctx: OrgContext, from: IsoMonth, to: IsoMonth): Promise<OrgLifeOverview> {
  checkPeriod(from, to, deps.now());
  const org = ctx.org;
  const days = periodDays(from, to);
  const months = monthsBetween(from, to).length;
  const prefix = org.path.length;
  const subOf = (col: typeof orgLifeRecords.branchPath | typeof orgs.path) => sql<string>`substring_index(substring(${col}, ${prefix + 1}), '/', 1)`;
  const inPeriod = and(like(orgLifeRecords.branchPath, descendantsLike(org.path)), between(orgLifeRecords.heldOn, days.from, days.to));

  const [byKind, byBranchMonth, branches, children] = await Promise.all([
    deps.db
      .select({ sub: subOf(orgLifeRecords.branchPath), kind: orgLifeRecords.kind, n: count() })
      .from(orgLifeRecords)
      .where(inPeriod)
      .groupBy(subOf(orgLifeRecords.branchPath), orgLifeRecords.kind),
    (() => {
      // one row per sub-org, however many branch-months: the province's answer stays small
      const bm = deps.db
        .select({
          sub: subOf(orgLifeRecords.branchPath).as('sub'),
          counted: sql<number>`sum(${orgLifeRecords.counted})`.as('counted'),
          below: sql<number>`sum(${orgLifeRecords.counted} and not ${orgLifeRecords.rateMet})`.as('below'),
        })
        .from(orgLifeRecords)
        .where(inPeriod)
        .groupBy(subOf(orgLifeRecords.branchPath), orgLifeRecords.branchId, sql`left(${orgLifeRecords.heldOn}, 7)`)
        .as('bm');
      return deps.db
        .select({ sub: bm.sub, met: sql<number>`cast(sum(${MET_SQL(bm.counted, bm.below)}) as unsigned)` })
        .from(bm)
        .groupBy(bm.sub);
    })(),
    deps.db
      .select({ sub: subOf(orgs.path), n: count() })
      .from(orgs)
      .where(and(like(orgs.path, descendantsLike(org.path)), eq(orgs.type, 'branch')))
      .groupBy(subOf(orgs.path)),
    deps.db.select().from(orgs).where(eq(orgs.parentId, org.id)).orderBy(asc(orgs.sortOrder), asc(orgs.id)),
  ]);

  const row = (o: { id: number; type: string; alias: string | null; shortName: string }): OrgLifeOverviewRow => ({
    org: { id: String(o.id), name: orgName(o), type: o.type },
    counts: zeroCounts(),
    total: 0,
    branches: 0,
    branchMonthsMet: 0,
    branchMonths: 0,
  });
  const total = row(org);
  const rows = new Map(children.map((c) => [String(c.id), row(c)]));
  // '' is the org itself (a branch asked about its own period)
  const target = (sub: string) => [total, ...(sub ? [rows.get(sub)].filter((r): r is OrgLifeOverviewRow => r != null) : [])];
  for (const r of byKind) {
    if (!ORG_LIFE_KIND_KEYS.includes(r.kind)) continue;
    for (const t of target(r.sub)) {
      t.counts[r.kind] += r.n;
      t.total += r.n;
    }
  }
  for (const r of byBranchMonth) {
    for (const t of target(r.sub)) t.branchMonthsMet += Number(r.met);
  }
  for (const r of branches) {
    for (const t of target(r.sub)) {
      t.branches += r.n;
      t.branchMonths += r.n * months;
    }
  }
  return { org: total.org, from, to, total, rows: [...rows.values()] };
}

/** A branch's members and how often each took part in the period. */
export async function participation(deps: OrgLifeDeps, ctx: OrgContext, from: IsoMonth, to: IsoMonth): Promise<OrgLifeParticipation> {
  const branch = branchOf(ctx);
  checkPeriod(from, to, deps.now());
  const days = periodDays(from, to);
  const inPeriod = and(eq(orgLifeRecords.branchId, branch.id), between(orgLifeRecords.heldOn, days.from, days.to));
  const [members, [records], attended] = await Promise.all([
    branchMemberList(deps.db, branch.id),
    deps.db.select({ n: count() }).from(orgLifeRecords).where(inPeriod),
    deps.db
      .select({ checkinId: orgLifeAttendees.checkinId, kind: orgLifeRecords.kind, n: count() })
      .from(orgLifeAttendees)
      .innerJoin(orgLifeRecords, eq(orgLifeRecords.id, orgLifeAttendees.recordId))
      .where(inPeriod)
      .groupBy(orgLifeAttendees.checkinId, orgLifeRecords.kind),
  ]);
  const total = records?.n ?? 0;
  const byMember = new Map<number, KindCounts>();
  for (const a of attended) {
    const c = byMember.get(a.checkinId) ?? zeroCounts();
    if (ORG_LIFE_KIND_KEYS.includes(a.kind)) c[a.kind] += a.n;
    byMember.set(a.checkinId, c);
  }
  return {
    branch: { id: String(branch.id), name: orgName(branch) },
    from,
    to,
    records: total,
    members: members.map((m) => {
      const counts = byMember.get(m.checkinId) ?? zeroCounts();
      const n = Object.values(counts).reduce((s, x) => s + x, 0);
      return { memberId: String(m.checkinId), name: m.name, attended: n, ratePercent: participationPercent(n, total), counts };
    }),
  };
}
