import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { theRow } from '../../lib/rows';
import { checkSubmissionDecision, todayInChina, type SubmissionDecisionBody, type SubmissionDetail, type SubmissionSummary } from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { orgs, twoSystemsCampaigns, twoSystemsRecords, twoSystemsSubmissions } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import type { OrgContext } from '../../plugins/org-guard';
import { summarize } from '../orgs/service';
import { campaignViews } from './campaigns';
import type { TwoSystemsDeps } from './deps';

type SubmissionRow = typeof twoSystemsSubmissions.$inferSelect;

export interface ApprovalQuery {
  kind?: 'registration' | 'review';
  state?: 'submitted' | 'approved' | 'returned';
  from?: string;
  to?: string;
}

/** The instant a China day starts (UTC+8). */
const chinaDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDay = (day: string) => new Date(chinaDayStart(day).getTime() + 86_400_000);

async function summaries(db: DbOrTx, subs: SubmissionRow[], today: string): Promise<SubmissionSummary[]> {
  if (subs.length === 0) return [];
  const campaigns = await db
    .select()
    .from(twoSystemsCampaigns)
    .where(inArray(twoSystemsCampaigns.id, [...new Set(subs.map((s) => s.campaignId))]));
  const views = new Map((await campaignViews(db, campaigns, today)).map((v) => [v.id, v]));
  const branches = await db
    .select()
    .from(orgs)
    .where(inArray(orgs.id, [...new Set(subs.map((s) => s.branchId))]));
  const branchViews = new Map((await summarize(db, branches)).map((b) => [b.id, b]));
  const counts = await db
    .select({ submissionId: twoSystemsRecords.submissionId, outcome: twoSystemsRecords.outcome, n: sql<number>`count(*)` })
    .from(twoSystemsRecords)
    .where(
      inArray(
        twoSystemsRecords.submissionId,
        subs.map((s) => s.id),
      ),
    )
    .groupBy(twoSystemsRecords.submissionId, twoSystemsRecords.outcome);
  return subs.map((s) => {
    const { branchState: _b, ...campaign } = views.get(String(s.campaignId))!;
    const mine = counts.filter((c) => c.submissionId === s.id);
    return {
      id: String(s.id),
      campaign,
      branch: branchViews.get(String(s.branchId))!,
      state: s.state,
      submittedAt: s.submittedAt?.toISOString() ?? null,
      reviewedAt: s.reviewedAt?.toISOString() ?? null,
      returnReason: s.returnReason,
      counts: Object.fromEntries(mine.map((c) => [c.outcome, Number(c.n)])),
      members: mine.reduce((sum, c) => sum + Number(c.n), 0),
    };
  });
}

/**
 * 年度团籍注册审批 [004 §二 6]: what the org's direct child branches submitted, newest first,
 * filtered by kind, state and the China day submitted. Drafts never reach the superior.
 */
export async function listApprovals(deps: TwoSystemsDeps, ctx: OrgContext, q: ApprovalQuery): Promise<{ items: SubmissionSummary[] }> {
  const rows = await deps.db
    .select({ s: twoSystemsSubmissions })
    .from(twoSystemsSubmissions)
    .innerJoin(orgs, eq(orgs.id, twoSystemsSubmissions.branchId))
    .innerJoin(twoSystemsCampaigns, eq(twoSystemsCampaigns.id, twoSystemsSubmissions.campaignId))
    .where(
      and(
        eq(orgs.parentId, ctx.org.id),
        q.state ? eq(twoSystemsSubmissions.state, q.state) : inArray(twoSystemsSubmissions.state, ['submitted', 'approved', 'returned']),
        q.kind ? eq(twoSystemsCampaigns.kind, q.kind) : undefined,
        q.from ? gte(twoSystemsSubmissions.submittedAt, chinaDayStart(q.from)) : undefined,
        q.to ? lt(twoSystemsSubmissions.submittedAt, nextDay(q.to)) : undefined,
      ),
    )
    .orderBy(desc(twoSystemsSubmissions.submittedAt), desc(twoSystemsSubmissions.id))
    .limit(200);
  return {
    items: await summaries(
      deps.db,
      rows.map((r) => r.s),
      todayInChina(deps.now()),
    ),
  };
}

/** The submission, when the org is its branch's direct superior (an admin above acts through it). */
async function ownSubmission(db: DbOrTx, ctx: OrgContext, submissionId: number): Promise<SubmissionRow> {
  const [row] = await db
    .select({ s: twoSystemsSubmissions, parentId: orgs.parentId })
    .from(twoSystemsSubmissions)
    .innerJoin(orgs, eq(orgs.id, twoSystemsSubmissions.branchId))
    .where(eq(twoSystemsSubmissions.id, submissionId));
  if (!row || row.parentId !== ctx.org.id || row.s.state === 'draft') throw new AppError('REG_NOT_SUPERIOR');
  return row.s;
}

export async function submissionDetail(deps: TwoSystemsDeps, ctx: OrgContext, submissionId: number): Promise<SubmissionDetail> {
  const sub = await ownSubmission(deps.db, ctx, submissionId);
  const summary = theRow(await summaries(deps.db, [sub], todayInChina(deps.now())), 'the submission summary');
  const records = await deps.db.select().from(twoSystemsRecords).where(eq(twoSystemsRecords.submissionId, sub.id)).orderBy(twoSystemsRecords.checkinId);
  return { ...summary, memberList: records.map((r) => ({ memberId: String(r.checkinId), name: r.memberName, outcome: r.outcome, reason: r.reason })) };
}

/** 同意 / 退回 + reason; the conditional update lets one of two simultaneous decisions win. */
export async function decideSubmission(deps: TwoSystemsDeps, ctx: OrgContext, submissionId: number, body: SubmissionDecisionBody): Promise<SubmissionDetail> {
  const now = deps.now();
  const reason = body.reason?.trim() || null;
  await deps.db.transaction(async (tx) => {
    const sub = await ownSubmission(tx, ctx, submissionId);
    const ok = checkSubmissionDecision(sub.state, body.decision, reason);
    if (!ok.ok) throw new AppError(ok.code, ok.code === 'REG_RETURN_REASON_REQUIRED' ? 'reason' : undefined);
    const approve = body.decision === 'approve';
    const [res] = await tx
      .update(twoSystemsSubmissions)
      .set({ state: approve ? 'approved' : 'returned', reviewedAt: now, reviewedBy: ctx.userId, returnReason: approve ? null : reason, updatedAt: now })
      .where(and(eq(twoSystemsSubmissions.id, sub.id), eq(twoSystemsSubmissions.state, 'submitted')));
    if (res.affectedRows !== 1) throw new AppError('REG_NOT_PENDING');
    const campaign = theRow(await tx.select().from(twoSystemsCampaigns).where(eq(twoSystemsCampaigns.id, sub.campaignId)), 'the submission campaign');
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: ctx.org.id,
      action: approve ? 'twoSystems.approve' : 'twoSystems.return',
      targetType: 'twoSystemsSubmission',
      targetId: sub.id,
      before: { state: sub.state },
      after: { kind: campaign.kind, year: campaign.year, state: approve ? 'approved' : 'returned', reason },
    });
  });
  return submissionDetail(deps, ctx, submissionId);
}
