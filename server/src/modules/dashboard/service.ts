import { and, count, desc, eq, isNotNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { SizeWarnings, archiveState, maskIdNumber, maskMobile, sizeWarnings, type CadreDashboard, type MemberFilters } from '@tj/shared';
import { memberFilterConds } from '../members/filters';
import type { Db } from '../../db/client';
import { checkins, memberArchives, orgs, rosterEntries, users } from '../../db/schema';
import { descendantsLike } from '../../lib/org-path';
import type { Pii } from '../../lib/pii';
import type { OrgContext } from '../../plugins/org-guard';
import { countWaitingReviews } from '../checkins/review-service';
import { summarize } from '../orgs/service';
import { membersOfRow } from './member-count';
import { shownPhone } from '../entered/placeholder';
import { lastRow, resultRows, theRow } from '../../lib/rows';

const rowsOf = (res: unknown) => resultRows<{ n?: unknown }>(res);

// A member counts from approval on, including while an edit waits (§4.2: old data in force).
// issue 16: a member who left (团籍状态 other than 正常) is kept but listed only under 已离团团员
const isMember = and(isNotNull(checkins.approvedIdHash), eq(checkins.membershipStatus, 'normal')) as SQL;
const inSubtree = (path: string) => like(orgs.path, descendantsLike(path));

/** §6.6 the cadre dashboard of the current org: counts over its subtree, one query each (members from the counters). */
export async function dashboard(db: Db, ctx: OrgContext): Promise<CadreDashboard> {
  const { org, userId } = ctx;
  const operator = ctx.isOperator;
  const [membersRes, cadreCount, orgCount, [own], summaries, waiting, ownCadreCount] = await Promise.all([
    db.execute(sql`select coalesce(sum(${membersOfRow('s')}), 0) as n from branch_stats s where s.path like ${descendantsLike(org.path)}`),
    db.select({ n: count() }).from(rosterEntries).innerJoin(orgs, eq(orgs.id, rosterEntries.orgId)).where(inSubtree(org.path)),
    db.select({ n: count() }).from(orgs).where(inSubtree(org.path)),
    db
      .select({ id: checkins.id })
      .from(checkins)
      .where(and(eq(checkins.userId, userId), isMember))
      .limit(1),
    summarize(db, [org]),
    operator ? countWaitingReviews(db, ctx) : Promise.resolve(null),
    db.select({ n: count() }).from(rosterEntries).where(eq(rosterEntries.orgId, org.id)),
  ]);
  const [cadres, subOrgs, summary, ownCadres] = [theRow(cadreCount, 'a count'), theRow(orgCount, 'a count'), theRow(summaries, 'the org summary'), theRow(ownCadreCount, 'a count')];
  const members = Number(rowsOf(membersRes)[0]?.n ?? 0);
  return {
    org: summary,
    position: ctx.ownEntries[0]?.position ?? null,
    isOperator: operator,
    waitingReviews: waiting,
    members,
    cadres: Number(cadres.n),
    subOrgs: Number(subOrgs.n) - 1,
    memberCheckinApproved: Boolean(own),
    sizeWarnings: sizeWarnings(org.type, { members, ownCadres: Number(ownCadres.n) }).map((code) => ({ code, message: SizeWarnings[code] })),
  };
}

/**
 * §6.6 members of the subtree by name, phone or ID number (IDs and phones masked in the
 * list). Phones and ID numbers match only in full — an ID through its lookup hash, a phone
 * exactly — because a prefix search would unmask them digit by digit (issue 12 item 8);
 * names match by prefix. A term of letters and digits with a digit in it is a number (names
 * hold no digits). Newest first, keyset-paginated.
 */
export async function searchMembers(db: Db, pii: Pii, ctx: OrgContext, q: string | undefined, cursor: number | undefined, limit: number, filters: MemberFilters = {}) {
  const conds: SQL[] = [isMember, inSubtree(ctx.org.path), ...memberFilterConds(filters, 'approvedData')];
  const term = q?.trim() ?? '';
  if (/^(?=.*\d)[A-Za-z0-9]+$/.test(term)) {
    const byId = eq(checkins.idHash, pii.lookupHash(term.toUpperCase()));
    conds.push(/^1\d{10}$/.test(term) ? (or(eq(users.phone, term), byId) as SQL) : byId);
  } else if (term) conds.push(sql`json_unquote(json_extract(${checkins.approvedData}, '$.name')) like ${`${term.replace(/[%_\\]/g, '\\$&')}%`}`);
  if (cursor) conds.push(lt(checkins.id, cursor));
  const rows = await db
    .select({ c: checkins, phone: users.phone, branchName: orgs.shortName, alias: orgs.alias, archive: memberArchives.status })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .innerJoin(users, eq(users.id, checkins.userId))
    .leftJoin(memberArchives, eq(memberArchives.checkinId, checkins.id))
    .where(and(...conds))
    .orderBy(desc(checkins.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: String(r.c.id),
      name: String((r.c.approvedData as { name?: string } | null)?.name ?? ''),
      idNumberMasked: maskIdNumber(pii.decrypt(r.c.idEnc)),
      phoneMasked: maskMobile(shownPhone(r.phone, r.c.approvedData)),
      branchId: String(r.c.branchId),
      branchName: r.alias ?? r.branchName,
      status: r.c.status ?? '',
      archiveState: archiveState((r.c.approvedData as { joinedAt?: string } | null)?.joinedAt, r.archive),
      realNameStatus: r.c.realNameStatus,
    })),
    nextCursor: rows.length > limit ? String(lastRow(page, 'a full page').c.id) : null,
  };
}
