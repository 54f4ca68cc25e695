import { and, asc, eq, sql } from 'drizzle-orm';
import { isWithin } from '../../lib/org-path';
import { theRow } from '../../lib/rows';
import { todayInChina, type CampaignProgress } from '@tj/shared';
import { checkins, orgs, twoSystemsRecords, twoSystemsSubmissions } from '../../db/schema';
import type { OrgContext } from '../../plugins/org-guard';
import { summarize } from '../orgs/service';
import { campaignCovering, campaignViews } from './campaigns';
import type { TwoSystemsDeps } from './deps';
import { registrable } from './population';

const n = (v: unknown) => Number(v ?? 0);

/**
 * Progress per direct sub-org of the org asked about: its subtree's branches (how many
 * submitted, approved), members (registrable now) and decisions (all, and approved ones per
 * outcome). Three grouped queries over the org's subtree, summed per child in memory.
 */
export async function campaignProgress(deps: TwoSystemsDeps, ctx: OrgContext, campaignId: number): Promise<CampaignProgress> {
  const org = ctx.org;
  const campaign = await campaignCovering(deps.db, campaignId, org);
  const under = sql`${orgs.path} like ${`${org.path}%`}`;
  const children = await deps.db.select().from(orgs).where(eq(orgs.parentId, org.id)).orderBy(asc(orgs.sortOrder), asc(orgs.id));
  const branches = await deps.db
    .select({ path: orgs.path, state: twoSystemsSubmissions.state })
    .from(orgs)
    .leftJoin(twoSystemsSubmissions, and(eq(twoSystemsSubmissions.branchId, orgs.id), eq(twoSystemsSubmissions.campaignId, campaign.id)))
    .where(and(eq(orgs.type, 'branch'), under));
  const members = await deps.db
    .select({ path: orgs.path, n: sql<number>`count(*)` })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(registrable(under))
    .groupBy(orgs.path);
  const decisions = await deps.db
    .select({ path: orgs.path, state: twoSystemsSubmissions.state, outcome: twoSystemsRecords.outcome, n: sql<number>`count(*)` })
    .from(twoSystemsRecords)
    .innerJoin(twoSystemsSubmissions, eq(twoSystemsSubmissions.id, twoSystemsRecords.submissionId))
    .innerJoin(orgs, eq(orgs.id, twoSystemsSubmissions.branchId))
    .where(and(eq(twoSystemsRecords.campaignId, campaign.id), under))
    .groupBy(orgs.path, twoSystemsSubmissions.state, twoSystemsRecords.outcome);

  const summaries = await summarize(deps.db, children);
  const rows = children.map((child, i) => {
    const inside = (path: string) => isWithin(path, child.path);
    const mine = branches.filter((b) => inside(b.path));
    const approvedOutcomes: Record<string, number> = {};
    let decided = 0;
    for (const d of decisions.filter((x) => inside(x.path))) {
      decided += n(d.n);
      if (d.state === 'approved') approvedOutcomes[d.outcome] = (approvedOutcomes[d.outcome] ?? 0) + n(d.n);
    }
    return {
      org: theRow(summaries.slice(i, i + 1), 'the sub-org summary'),
      branches: mine.length,
      branchesSubmitted: mine.filter((b) => b.state === 'submitted' || b.state === 'approved').length,
      branchesApproved: mine.filter((b) => b.state === 'approved').length,
      members: members.filter((m) => inside(m.path)).reduce((s, m) => s + n(m.n), 0),
      membersDecided: decided,
      approvedOutcomes,
    };
  });
  const view = theRow(await campaignViews(deps.db, [campaign], todayInChina(deps.now())), 'the campaign view');
  return { campaign: view, rows };
}
