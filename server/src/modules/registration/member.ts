import { desc, eq } from 'drizzle-orm';
import type { MyTwoSystems } from '@tj/shared';
import { orgs, twoSystemsCampaigns, twoSystemsRecords, twoSystemsSubmissions } from '../../db/schema';
import type { TwoSystemsDeps } from './deps';

/**
 * 我的两制 [004 §一 3]: the member's own decisions by year, with the branch's state (a
 * decision counts once the superior approved it). Drafts are the branch's work in progress
 * and stay with the branch until submitted.
 */
export async function myTwoSystems(deps: TwoSystemsDeps, userId: number): Promise<MyTwoSystems> {
  const rows = await deps.db
    .select({ r: twoSystemsRecords, c: twoSystemsCampaigns, state: twoSystemsSubmissions.state, branch: orgs })
    .from(twoSystemsRecords)
    .innerJoin(twoSystemsCampaigns, eq(twoSystemsCampaigns.id, twoSystemsRecords.campaignId))
    .innerJoin(twoSystemsSubmissions, eq(twoSystemsSubmissions.id, twoSystemsRecords.submissionId))
    .innerJoin(orgs, eq(orgs.id, twoSystemsSubmissions.branchId))
    .where(eq(twoSystemsRecords.userId, userId))
    .orderBy(desc(twoSystemsCampaigns.year), twoSystemsCampaigns.kind);
  return {
    items: rows
      .filter((x) => x.state !== 'draft')
      .map((x) => ({ year: x.c.year, kind: x.c.kind, outcome: x.r.outcome, reason: x.r.reason, state: x.state, branchName: x.branch.alias ?? x.branch.shortName })),
  };
}
