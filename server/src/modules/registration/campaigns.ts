import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { theRow } from '../../lib/rows';
import { checkCampaignWindow, todayInChina, windowState, type Campaign, type CampaignKind, type OpenCampaign, type SubmissionState } from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { orgs, twoSystemsCampaigns, twoSystemsSubmissions } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { isDuplicate } from '../../lib/mysql-errors';
import { ancestorIds } from '../../lib/org-path';
import type { OrgContext } from '../../plugins/org-guard';
import { summarize } from '../orgs/service';
import type { TwoSystemsDeps } from './deps';

export type CampaignRow = typeof twoSystemsCampaigns.$inferSelect;
type OrgRow = typeof orgs.$inferSelect;

/** A campaign's root covers an org when the root is the org or one of its ancestors. */
const rootCovers = (orgPath: string) => sql`locate(${orgs.path}, ${orgPath}) = 1`;

export async function campaignViews(db: DbOrTx, rows: CampaignRow[], today: string, branchStates = new Map<number, SubmissionState>()): Promise<Campaign[]> {
  if (rows.length === 0) return [];
  const roots = await db
    .select()
    .from(orgs)
    .where(inArray(orgs.id, [...new Set(rows.map((r) => r.rootOrgId))]));
  const summaries = new Map((await summarize(db, roots)).map((s) => [Number(s.id), s]));
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    year: r.year,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    windowState: windowState(r, today),
    rootOrg: summaries.get(r.rootOrgId)!,
    openedAt: r.createdAt.toISOString(),
    branchState: branchStates.get(r.id) ?? null,
  }));
}

/**
 * 发起: an org above the branches opens a year for its subtree *(decision)*: one campaign of
 * a kind and year per branch, so a campaign already open at an ancestor or a descendant
 * refuses (REG_CAMPAIGN_OVERLAPS) — the committee that came first runs that year for the
 * subtree, and a descendant may open its own only where nobody above did. Opens in one tree
 * take turns on the tree's root row, so an ancestor and a descendant opening at once cannot
 * both pass the overlap check; the unique key settles two opens at the same root.
 */
export async function openCampaign(deps: TwoSystemsDeps, ctx: OrgContext, body: OpenCampaign): Promise<Campaign> {
  const org = ctx.org;
  if (org.type === 'branch') throw new AppError('REG_OPENER_NOT_COMMITTEE');
  const now = deps.now();
  const today = todayInChina(now);
  const window = checkCampaignWindow(body, today);
  if (!window.ok) throw new AppError(window.code, window.code === 'REG_YEAR_INVALID' ? 'year' : 'endsOn');
  const treeRoot = ancestorIds(org.path)[0] ?? org.id;
  const id = await deps.db.transaction(async (tx) => {
    await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, treeRoot)).for('update');
    const [clash] = await tx
      .select({ id: twoSystemsCampaigns.id, rootOrgId: twoSystemsCampaigns.rootOrgId })
      .from(twoSystemsCampaigns)
      .innerJoin(orgs, eq(orgs.id, twoSystemsCampaigns.rootOrgId))
      .where(and(eq(twoSystemsCampaigns.kind, body.kind), eq(twoSystemsCampaigns.year, body.year), sql`(${rootCovers(org.path)} or ${orgs.path} like ${`${org.path}%`})`))
      .limit(1);
    if (clash) throw new AppError(clash.rootOrgId === org.id ? 'REG_CAMPAIGN_EXISTS' : 'REG_CAMPAIGN_OVERLAPS');
    try {
      const [res] = await tx
        .insert(twoSystemsCampaigns)
        .values({ kind: body.kind, year: body.year, rootOrgId: org.id, startsOn: body.startsOn, endsOn: body.endsOn, openedBy: ctx.userId, createdAt: now });
      const newId = Number(res.insertId);
      await audit(tx, { actorUserId: ctx.userId, orgId: org.id, action: 'twoSystems.open', targetType: 'twoSystemsCampaign', targetId: newId, after: { ...body } });
      return newId;
    } catch (err) {
      if (isDuplicate(err)) throw new AppError('REG_CAMPAIGN_EXISTS');
      throw err;
    }
  });
  const row = theRow(await deps.db.select().from(twoSystemsCampaigns).where(eq(twoSystemsCampaigns.id, id)), 'the campaign just opened');
  return theRow(await campaignViews(deps.db, [row], today), 'the campaign view');
}

/** The campaigns an org sees: those covering it (opened at it or above) and those opened inside its subtree. */
export async function listCampaigns(deps: TwoSystemsDeps, ctx: OrgContext, kind?: CampaignKind): Promise<{ items: Campaign[] }> {
  const org = ctx.org;
  const rows = await deps.db
    .select({ c: twoSystemsCampaigns })
    .from(twoSystemsCampaigns)
    .innerJoin(orgs, eq(orgs.id, twoSystemsCampaigns.rootOrgId))
    .where(and(kind ? eq(twoSystemsCampaigns.kind, kind) : undefined, sql`(${rootCovers(org.path)} or ${orgs.path} like ${`${org.path}%`})`))
    .orderBy(desc(twoSystemsCampaigns.year), desc(twoSystemsCampaigns.id))
    .limit(100);
  const campaigns = rows.map((r) => r.c);
  const states = new Map<number, SubmissionState>();
  if (org.type === 'branch' && campaigns.length) {
    const subs = await deps.db
      .select()
      .from(twoSystemsSubmissions)
      .where(
        and(
          eq(twoSystemsSubmissions.branchId, org.id),
          inArray(
            twoSystemsSubmissions.campaignId,
            campaigns.map((c) => c.id),
          ),
        ),
      );
    for (const c of campaigns) states.set(c.id, 'draft');
    for (const s of subs) states.set(s.campaignId, s.state);
  }
  return { items: await campaignViews(deps.db, campaigns, todayInChina(deps.now()), states) };
}

/** The campaign, if it covers `org` (opened at the org or above); otherwise 404 — other subtrees' campaigns stay unseen. */
export async function campaignCovering(db: DbOrTx, campaignId: number, org: OrgRow): Promise<CampaignRow> {
  const [row] = await db
    .select({ c: twoSystemsCampaigns })
    .from(twoSystemsCampaigns)
    .innerJoin(orgs, eq(orgs.id, twoSystemsCampaigns.rootOrgId))
    .where(and(eq(twoSystemsCampaigns.id, campaignId), rootCovers(org.path)));
  if (!row) throw new AppError('REG_CAMPAIGN_NOT_FOUND');
  return row.c;
}
