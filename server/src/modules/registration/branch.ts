import { and, eq, inArray } from 'drizzle-orm';
import { theRow } from '../../lib/rows';
import { checkBranchMayEdit, checkMemberOutcome, outcomeAllowedInBulk, todayInChina, windowState, type BranchWork, type MemberDecision, type MemberOutcome } from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { twoSystemsRecords, twoSystemsSubmissions } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import type { OrgContext } from '../../plugins/org-guard';
import { campaignCovering, campaignViews, type CampaignRow } from './campaigns';
import type { TwoSystemsDeps } from './deps';
import { branchMembers, type BranchMemberRow } from './population';

type SubmissionRow = typeof twoSystemsSubmissions.$inferSelect;

/** The branch's steps happen at the branch: its operators, or admins above (the guard's 'operator' reach). */
function branchOf(ctx: OrgContext) {
  if (ctx.org.type !== 'branch') throw new AppError('REG_NOT_BRANCH');
  return ctx.org;
}

async function submissionOf(db: DbOrTx, campaignId: number, branchId: number, lock = false): Promise<SubmissionRow | undefined> {
  const q = db
    .select()
    .from(twoSystemsSubmissions)
    .where(and(eq(twoSystemsSubmissions.campaignId, campaignId), eq(twoSystemsSubmissions.branchId, branchId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/**
 * The branch's row, locked: created as a draft on the first step (insert ignore keeps two
 * first steps from colliding), then every branch step waits its turn on it.
 */
async function lockSubmission(tx: DbOrTx, campaign: CampaignRow, branchId: number, now: Date): Promise<SubmissionRow> {
  await tx.insert(twoSystemsSubmissions).ignore().values({ campaignId: campaign.id, branchId, state: 'draft', createdAt: now, updatedAt: now });
  return (await submissionOf(tx, campaign.id, branchId, true))!;
}

function mayEdit(campaign: CampaignRow, sub: SubmissionRow | undefined, now: Date) {
  const r = checkBranchMayEdit(sub?.state ?? null, windowState(campaign, todayInChina(now)));
  if (!r.ok) throw new AppError(r.code);
}

export async function branchWork(deps: TwoSystemsDeps, ctx: OrgContext, campaignId: number): Promise<BranchWork> {
  const branch = branchOf(ctx);
  const campaign = await campaignCovering(deps.db, campaignId, branch);
  return workView(deps.db, campaign, branch.id, deps.now());
}

async function workView(db: DbOrTx, campaign: CampaignRow, branchId: number, now: Date): Promise<BranchWork> {
  const sub = await submissionOf(db, campaign.id, branchId);
  const members = await branchMembers(db, branchId);
  const records = sub ? await db.select().from(twoSystemsRecords).where(eq(twoSystemsRecords.submissionId, sub.id)) : [];
  const byUser = new Map(records.map((r) => [r.userId, r]));
  const state = sub?.state ?? 'draft';
  const view = theRow(await campaignViews(db, [campaign], todayInChina(now), new Map([[campaign.id, state]])), 'the campaign view');
  return {
    campaign: view,
    submissionId: sub ? String(sub.id) : null,
    state,
    returnReason: sub?.returnReason ?? null,
    submittedAt: sub?.submittedAt?.toISOString() ?? null,
    reviewedAt: sub?.reviewedAt?.toISOString() ?? null,
    members: members.map((m) => {
      const r = byUser.get(m.userId);
      return { memberId: String(m.checkinId), name: m.name, outcome: r?.outcome ?? null, reason: r?.reason ?? null };
    }),
  };
}

async function writeDecisions(tx: DbOrTx, ctx: OrgContext, campaign: CampaignRow, sub: SubmissionRow, members: BranchMemberRow[], outcome: MemberOutcome, reason: string | null, now: Date) {
  for (const m of members) {
    const values = { outcome, reason, decidedBy: ctx.userId, decidedAt: now, memberName: m.name, submissionId: sub.id, checkinId: m.checkinId, updatedAt: now };
    await tx
      .insert(twoSystemsRecords)
      .values({ campaignId: campaign.id, userId: m.userId, createdAt: now, ...values })
      .onDuplicateKeyUpdate({ set: values });
  }
}

/** One by one: 予以注册 / 不予注册 + reason, or a rating (不合格 + reason). */
export async function decideMember(deps: TwoSystemsDeps, ctx: OrgContext, campaignId: number, checkinId: number, body: MemberDecision): Promise<BranchWork> {
  const branch = branchOf(ctx);
  const campaign = await campaignCovering(deps.db, campaignId, branch);
  const reason = body.reason?.trim() || null;
  const ok = checkMemberOutcome(campaign.kind, body.outcome, reason);
  if (!ok.ok) throw new AppError(ok.code, ok.code === 'REG_REASON_REQUIRED' ? 'reason' : 'outcome');
  const now = deps.now();
  mayEdit(campaign, await submissionOf(deps.db, campaign.id, branch.id), now);
  await deps.db.transaction(async (tx) => {
    const sub = await lockSubmission(tx, campaign, branch.id, now);
    mayEdit(campaign, sub, now);
    const [member] = await branchMembers(tx, branch.id, [checkinId]);
    if (!member) throw new AppError('REG_MEMBER_NOT_IN_BRANCH');
    await writeDecisions(tx, ctx, campaign, sub, [member], body.outcome, reason, now);
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: branch.id,
      action: 'twoSystems.decide',
      targetType: 'checkin',
      targetId: checkinId,
      after: { kind: campaign.kind, year: campaign.year, outcome: body.outcome, reason },
    });
  });
  return workView(deps.db, campaign, branch.id, now);
}

/** All at once: every member not yet decided gets the one favourable outcome; decided ones keep theirs. */
export async function decideAll(deps: TwoSystemsDeps, ctx: OrgContext, campaignId: number, outcome: MemberOutcome): Promise<BranchWork> {
  const branch = branchOf(ctx);
  const campaign = await campaignCovering(deps.db, campaignId, branch);
  if (!outcomeAllowedInBulk(campaign.kind, outcome)) throw new AppError('REG_OUTCOME_INVALID', 'outcome');
  const now = deps.now();
  mayEdit(campaign, await submissionOf(deps.db, campaign.id, branch.id), now);
  await deps.db.transaction(async (tx) => {
    const sub = await lockSubmission(tx, campaign, branch.id, now);
    mayEdit(campaign, sub, now);
    const members = await branchMembers(tx, branch.id);
    if (members.length === 0) throw new AppError('REG_NO_MEMBERS');
    const decided = new Set(
      (
        await tx
          .select({ userId: twoSystemsRecords.userId })
          .from(twoSystemsRecords)
          .where(
            and(
              eq(twoSystemsRecords.campaignId, campaign.id),
              inArray(
                twoSystemsRecords.userId,
                members.map((m) => m.userId),
              ),
            ),
          )
      ).map((r) => r.userId),
    );
    const open = members.filter((m) => !decided.has(m.userId));
    await writeDecisions(tx, ctx, campaign, sub, open, outcome, null, now);
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: branch.id,
      action: 'twoSystems.decideAll',
      targetType: 'twoSystemsSubmission',
      targetId: sub.id,
      after: { kind: campaign.kind, year: campaign.year, outcome, count: open.length },
    });
  });
  return workView(deps.db, campaign, branch.id, now);
}

/** 提交上级审批: every current member decided; the locked row makes a double submit lose. */
export async function submitBranch(deps: TwoSystemsDeps, ctx: OrgContext, campaignId: number): Promise<BranchWork> {
  const branch = branchOf(ctx);
  const campaign = await campaignCovering(deps.db, campaignId, branch);
  const now = deps.now();
  mayEdit(campaign, await submissionOf(deps.db, campaign.id, branch.id), now);
  await deps.db.transaction(async (tx) => {
    const sub = await lockSubmission(tx, campaign, branch.id, now);
    mayEdit(campaign, sub, now);
    const members = await branchMembers(tx, branch.id);
    if (members.length === 0) throw new AppError('REG_NO_MEMBERS');
    const decided = new Set((await tx.select({ userId: twoSystemsRecords.userId }).from(twoSystemsRecords).where(eq(twoSystemsRecords.submissionId, sub.id))).map((r) => r.userId));
    if (members.some((m) => !decided.has(m.userId))) throw new AppError('REG_MEMBERS_UNDECIDED');
    const [res] = await tx
      .update(twoSystemsSubmissions)
      .set({ state: 'submitted', submittedAt: now, submittedBy: ctx.userId, returnReason: null, updatedAt: now })
      .where(and(eq(twoSystemsSubmissions.id, sub.id), inArray(twoSystemsSubmissions.state, ['draft', 'returned'])));
    if (res.affectedRows !== 1) throw new AppError('REG_ALREADY_SUBMITTED');
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: branch.id,
      action: 'twoSystems.submit',
      targetType: 'twoSystemsSubmission',
      targetId: sub.id,
      after: { kind: campaign.kind, year: campaign.year, count: members.length },
    });
  });
  return workView(deps.db, campaign, branch.id, now);
}
