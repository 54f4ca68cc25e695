import { and, asc, eq, inArray, like, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import {
  checkRatingReview,
  isCommittee,
  isRatedType,
  isRatingLocked,
  isRectification,
  MessagePages,
  RATED_ORG_TYPES,
  RatingLevels,
  ratingExclusion,
  ratingFoundedCutoff,
  ratingLockInstant,
  ratingReviewer,
  ratingStatus,
  ratingYearAt,
  selfRatingChangesLeft,
  selfRatingOutcome,
  todayInChina,
  type RatingCounts,
  type RatingLevel,
  type RatingProgress,
  type RatingReviewBody,
  type RatingReviewList,
  type RatingView,
  type SelfRatingBody,
  type SelfRatingPage,
} from '@tj/shared';
import type { Db, DbOrTx } from '../../db/client';
import { orgRatings, orgs } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { ancestorIds, descendantsLike, isWithin } from '../../lib/org-path';
import type { OrgContext } from '../../plugins/org-guard';
import { orgAccounts, postMessage } from '../inbox/messages';
import { summarize } from '../orgs/service';

type OrgRow = typeof orgs.$inferSelect;
type RatingRow = typeof orgRatings.$inferSelect;

/** What the 对标定级 services need: the database and the clock (tests move it to the 12-31 lock). */
export interface RatingDeps {
  db: Db;
  now(): Date;
}
export const ratingDeps = (app: FastifyInstance): RatingDeps => ({ db: app.db, now: () => app.clock.now() });

// ── the inbox hooks (issue 17 §3): called inside the transaction that writes the decision ──

export interface SelfRatingEvent {
  orgId: number;
  year: number;
  level: RatingLevel;
  kind: 'first' | 'change' | 'rerate';
  /** the committee that reviews it (null: none above) — the inbox's recipient */
  reviewerOrgId: number | null;
  actorUserId: number;
}
export interface ReviewEvent {
  orgId: number;
  year: number;
  level: RatingLevel;
  previousLevel: RatingLevel | null;
  reviewerOrgId: number;
  actorUserId: number;
}

const shortNameOf = async (tx: DbOrTx, orgId: number) => (await tx.select({ n: orgs.shortName }).from(orgs).where(eq(orgs.id, orgId)))[0]?.n ?? '';

/** 自评提交: 上级团委在操作中心收到提示消息 [004 §二(五)1(2)] — in the decision's own transaction. */
export async function onSelfRatingSubmitted(tx: DbOrTx, e: SelfRatingEvent): Promise<void> {
  if (e.reviewerOrgId == null) return;
  const what = e.kind === 'rerate' ? '整改后重新自评' : e.kind === 'change' ? '修改了自评' : '提交了自评';
  await postMessage(tx, {
    to: await orgAccounts(tx, [e.reviewerOrgId], 'admins'),
    kind: 'rating.selfRated',
    title: `${await shortNameOf(tx, e.orgId)}${what}（${e.year}年度对标定级）`,
    body: `自评等次：${RatingLevels[e.level]}。请在 ${e.year} 年 12 月 31 日 12:00 前完成复核。`,
    orgId: e.orgId,
    route: MessagePages.adminRatingReview,
    params: { orgId: e.reviewerOrgId },
  });
}

/** 复核结果: 团（总）支部在操作中心会收到提示消息 [004 §二(五)1(3)] — in the decision's own transaction. */
export async function onRatingReviewed(tx: DbOrTx, e: ReviewEvent): Promise<void> {
  const level = RatingLevels[e.level];
  await postMessage(tx, {
    to: await orgAccounts(tx, [e.orgId], 'admins'),
    kind: 'rating.reviewed',
    title: `${e.year}年度对标定级复核结果：${level}`,
    body:
      e.level === 'ungraded'
        ? `${await shortNameOf(tx, e.reviewerOrgId)}复核为不予定级，本组织已列入重点整顿，整改后可重新自评。`
        : `${await shortNameOf(tx, e.reviewerOrgId)}复核为${level}${e.previousLevel && e.previousLevel !== e.level ? `（原为${RatingLevels[e.previousLevel]}）` : ''}。`,
    orgId: e.orgId,
    route: MessagePages.adminRating,
    params: { orgId: e.orgId },
  });
}

// ── views ──

const foundedOn = (org: OrgRow) => todayInChina(org.createdAt);
const exclusionOf = (org: OrgRow, year: number, now: Date) =>
  ratingExclusion({ type: org.type, branchCategory: org.branchCategory, foundedOn: foundedOn(org) }, ratingFoundedCutoff(year, now));

function view(r: RatingRow | undefined): RatingView | null {
  if (!r) return null;
  return {
    year: r.year,
    status: ratingStatus(r),
    selfLevel: r.selfLevel,
    selfRatedAt: r.selfRatedAt.toISOString(),
    changesUsed: r.changesUsed,
    reviewLevel: r.reviewLevel,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    rectification: isRectification(r),
  };
}

function yearOf(deps: RatingDeps, year: number | undefined) {
  const now = deps.now();
  const y = year ?? ratingYearAt(now);
  return { now, year: y, lockAt: ratingLockInstant(y).toISOString(), locked: isRatingLocked(y, now) };
}

async function ratingOf(db: DbOrTx, orgId: number, year: number, lock = false): Promise<RatingRow | undefined> {
  const q = db
    .select()
    .from(orgRatings)
    .where(and(eq(orgRatings.orgId, orgId), eq(orgRatings.year, year)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Ancestors of `org`, nearest first. */
async function ancestorsNearestFirst(db: DbOrTx, org: OrgRow): Promise<OrgRow[]> {
  const ids = ancestorIds(org.path);
  if (ids.length === 0) return [];
  const rows = await db.select().from(orgs).where(inArray(orgs.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .reverse()
    .map((id) => byId.get(id))
    .filter((r): r is OrgRow => r != null);
}

// ── 团（总）支部自评 ──

export async function selfRatingPage(deps: RatingDeps, ctx: OrgContext, year?: number): Promise<SelfRatingPage> {
  const y = yearOf(deps, year);
  const rating = isRatedType(ctx.org.type) ? await ratingOf(deps.db, ctx.org.id, y.year) : undefined;
  const exclusion = exclusionOf(ctx.org, y.year, y.now);
  const changesLeft = exclusion || y.year !== ratingYearAt(y.now) ? 0 : selfRatingChangesLeft(rating ?? null, y.year, y.now);
  const [org] = await summarize(deps.db, [ctx.org]);
  return {
    org: org!,
    year: y.year,
    lockAt: y.lockAt,
    locked: y.locked,
    exclusion,
    rating: view(rating),
    changesLeft,
    canSubmit: ctx.isAdminHere && exclusion == null && y.year === ratingYearAt(y.now) && selfRatingOutcome(rating ?? null, y.year, y.now).ok,
  };
}

/**
 * 提交自评 [004 §二(五)1(1)(ii)]: only the org's own admin, for the current year, while the org is in
 * scope; the change limit, the review and the lock as selfRatingOutcome says. Under a lock of the
 * org's row, so two quick submissions count as two changes, never as one.
 */
export async function submitSelfRating(deps: RatingDeps, ctx: OrgContext, body: SelfRatingBody): Promise<SelfRatingPage> {
  if (!isRatedType(ctx.org.type)) throw new AppError('RATING_NOT_RATED_TYPE');
  if (!ctx.isAdminHere) throw new AppError('RATING_NOT_OWN_ADMIN');
  const now = deps.now();
  const year = ratingYearAt(now);
  if (exclusionOf(ctx.org, year, now)) throw new AppError('RATING_OUT_OF_SCOPE');
  const reviewer = ratingReviewer(await ancestorsNearestFirst(deps.db, ctx.org));
  await deps.db.transaction(async (tx) => {
    await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, ctx.org.id)).for('update');
    const current = await ratingOf(tx, ctx.org.id, year, true);
    const plan = selfRatingOutcome(current ?? null, year, now);
    if (!plan.ok) throw new AppError(plan.code);
    if (current) {
      await tx
        .update(orgRatings)
        .set({ selfLevel: body.level, selfRatedAt: now, selfRatedBy: ctx.userId, changesUsed: plan.changesUsed, updatedAt: now })
        .where(eq(orgRatings.id, current.id));
    } else {
      await tx.insert(orgRatings).values({ orgId: ctx.org.id, year, selfLevel: body.level, selfRatedAt: now, selfRatedBy: ctx.userId, changesUsed: 0, createdAt: now, updatedAt: now });
    }
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: ctx.org.id,
      action: 'rating.self',
      targetType: 'org',
      targetId: ctx.org.id,
      before: current ? { level: current.selfLevel, changesUsed: current.changesUsed, reviewLevel: current.reviewLevel } : null,
      after: { year, level: body.level, kind: plan.kind, changesUsed: plan.changesUsed },
    });
    await onSelfRatingSubmitted(tx, { orgId: ctx.org.id, year, level: body.level, kind: plan.kind, reviewerOrgId: reviewer?.id ?? null, actorUserId: ctx.userId });
  });
  return selfRatingPage(deps, ctx, year);
}

// ── 上级复核 ──

/**
 * The orgs a committee reviews: its direct 团总支 / 团支部, and the 团支部 of those 团总支 (the nearest
 * committee above them is this one — ratingReviewer). Two indexed lookups by parent.
 */
async function reviewedOrgs(db: DbOrTx, committee: OrgRow): Promise<OrgRow[]> {
  const direct = await db
    .select()
    .from(orgs)
    .where(and(eq(orgs.parentId, committee.id), inArray(orgs.type, [...RATED_ORG_TYPES])))
    .orderBy(asc(orgs.sortOrder), asc(orgs.id));
  const generals = direct.filter((o) => o.type === 'generalBranch').map((o) => o.id);
  const below = generals.length
    ? await db
        .select()
        .from(orgs)
        .where(and(inArray(orgs.parentId, generals), inArray(orgs.type, [...RATED_ORG_TYPES])))
        .orderBy(asc(orgs.sortOrder), asc(orgs.id))
    : [];
  // each 团总支 followed by its branches
  return direct.flatMap((o) => [o, ...below.filter((b) => b.parentId === o.id)]);
}

export async function reviewList(deps: RatingDeps, ctx: OrgContext, year?: number): Promise<RatingReviewList> {
  if (!isCommittee(ctx.org.type)) throw new AppError('RATING_NOT_REVIEWER');
  const y = yearOf(deps, year);
  const inScope = (await reviewedOrgs(deps.db, ctx.org)).filter((o) => exclusionOf(o, y.year, y.now) == null);
  const ratings = inScope.length
    ? await deps.db
        .select()
        .from(orgRatings)
        .where(
          and(
            eq(orgRatings.year, y.year),
            inArray(
              orgRatings.orgId,
              inScope.map((o) => o.id),
            ),
          ),
        )
    : [];
  const byOrg = new Map(ratings.map((r) => [r.orgId, r]));
  const summaries = await summarize(deps.db, inScope);
  return { year: y.year, lockAt: y.lockAt, locked: y.locked, items: summaries.map((org, i) => ({ org, rating: view(byOrg.get(inScope[i]!.id)) })) };
}

/**
 * 复核 [004 §二(五)1(2)(ii)(iii)]: tick orgs, pick a star — all or nothing. Only the admins of the
 * reviewing committee itself, only orgs whose nearest committee it is, only submitted
 * self-ratings, and nothing from 12-31 12:00 (UTC+8). A review may be changed until then.
 */
export async function reviewRatings(deps: RatingDeps, ctx: OrgContext, body: RatingReviewBody): Promise<RatingReviewList> {
  if (!isCommittee(ctx.org.type) || !ctx.isAdminHere) throw new AppError('RATING_NOT_REVIEWER');
  const now = deps.now();
  const year = ratingYearAt(now);
  const ids = [...new Set(body.orgIds.map(Number))].sort((a, b) => a - b);
  await deps.db.transaction(async (tx) => {
    // the rated orgs' rows, in id order: the same lock a self-rating takes
    const targets = await tx.select().from(orgs).where(inArray(orgs.id, ids)).orderBy(asc(orgs.id)).for('update');
    if (targets.length !== ids.length) throw new AppError('RATING_NOT_REVIEWER', 'orgIds');
    for (const org of targets) {
      const reviewer = isRatedType(org.type) && isWithin(org.path, ctx.org.path) ? ratingReviewer(await ancestorsNearestFirst(tx, org)) : null;
      if (reviewer?.id !== ctx.org.id) throw new AppError('RATING_NOT_REVIEWER', 'orgIds');
      if (exclusionOf(org, year, now)) throw new AppError('RATING_OUT_OF_SCOPE', 'orgIds');
      const current = await ratingOf(tx, org.id, year, true);
      const ok = checkRatingReview(current ?? null, year, now);
      if (!ok.ok) throw new AppError(ok.code, ok.code === 'RATING_LOCKED' ? undefined : 'orgIds');
      await tx.update(orgRatings).set({ reviewLevel: body.level, reviewedAt: now, reviewedBy: ctx.userId, reviewerOrgId: ctx.org.id, updatedAt: now }).where(eq(orgRatings.id, current!.id));
      await audit(tx, {
        actorUserId: ctx.userId,
        orgId: ctx.org.id,
        action: 'rating.review',
        targetType: 'org',
        targetId: org.id,
        before: { level: current!.reviewLevel, selfLevel: current!.selfLevel },
        after: { year, level: body.level },
      });
      await onRatingReviewed(tx, { orgId: org.id, year, level: body.level, previousLevel: current!.reviewLevel, reviewerOrgId: ctx.org.id, actorUserId: ctx.userId });
    }
  });
  return reviewList(deps, ctx, year);
}

// ── 进度 [004 Q&A (3)] ──

const emptyCounts = (): RatingCounts => ({ inScope: 0, excluded: 0, notRated: 0, rated: 0, rerated: 0, reviewed: 0, rectification: 0, selfByLevel: {}, reviewedByLevel: {} });
const bump = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

/**
 * The org's whole subtree at any depth (the org itself too when it is rated), and the same per
 * direct sub-org. One range scan of the subtree's 团总支 / 团支部 with their ratings; the scope
 * and the status come from the shared rules, row by row.
 */
export async function ratingProgress(deps: RatingDeps, ctx: OrgContext, year?: number): Promise<RatingProgress> {
  const y = yearOf(deps, year);
  const cutoff = ratingFoundedCutoff(y.year, y.now);
  const rows = await deps.db
    .select({ id: orgs.id, path: orgs.path, type: orgs.type, branchCategory: orgs.branchCategory, createdAt: orgs.createdAt, r: orgRatings })
    .from(orgs)
    .leftJoin(orgRatings, and(eq(orgRatings.orgId, orgs.id), eq(orgRatings.year, y.year)))
    .where(and(inArray(orgs.type, [...RATED_ORG_TYPES]), or(eq(orgs.id, ctx.org.id), like(orgs.path, descendantsLike(ctx.org.path)))));
  const children = await deps.db.select().from(orgs).where(eq(orgs.parentId, ctx.org.id)).orderBy(asc(orgs.sortOrder), asc(orgs.id));
  const total = emptyCounts();
  const perChild = new Map(children.map((c) => [c.id, emptyCounts()]));
  const depth = ancestorIds(ctx.org.path).length + 1;
  for (const o of rows) {
    const childId = o.id === ctx.org.id ? null : Number(o.path.split('/').filter(Boolean)[depth]);
    for (const c of [total, childId == null ? undefined : perChild.get(childId)]) {
      if (!c) continue;
      if (ratingExclusion({ type: o.type, branchCategory: o.branchCategory, foundedOn: todayInChina(o.createdAt) }, cutoff)) {
        c.excluded++;
        continue;
      }
      c.inScope++;
      const status = ratingStatus(o.r);
      c[status]++;
      if (o.r && isRectification(o.r)) c.rectification++;
      if (o.r && status === 'reviewed') bump(c.reviewedByLevel, o.r.reviewLevel!);
      else if (o.r) bump(c.selfByLevel, o.r.selfLevel);
    }
  }
  const summaries = await summarize(deps.db, children);
  return {
    year: y.year,
    lockAt: y.lockAt,
    locked: y.locked,
    total,
    // sub-orgs with nothing to rate below them stay out of the table
    rows: summaries.map((org, i) => ({ org, counts: perChild.get(children[i]!.id)! })).filter((r) => r.counts.inScope + r.counts.excluded > 0),
  };
}
