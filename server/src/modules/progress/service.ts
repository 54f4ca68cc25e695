import { asc, eq, sql } from 'drizzle-orm';
import { SizeWarnings, sizeWarnings, type OrgType } from '@tj/shared';
import type { Db } from '../../db/client';
import { orgs } from '../../db/schema';
import { summarize } from '../orgs/service';
import type { OrgRow } from '../orgs/view';
import { membersOfRow } from '../dashboard/member-count';

// Per-org facts of §3.4/§10 entry progress, as SQL over one org aliased `c`.
const ADMIN_LOGGED_IN = sql`exists (select 1 from roster_entries r join users u on u.id = r.user_id
  where r.org_id = c.id and r.is_admin = 1 and u.last_login_at is not null)`;
// §3.3: the field rule is cached in fields_complete (computed by shared/); the secretary's
// account in secretary_registered (kept where phones change, see orgs/service syncSecretaryRegistered).
const INFO_COMPLETE = sql`(c.fields_complete = 1 and c.secretary_registered = 1)`;
const HAS_SUB_ORGS = sql`exists (select 1 from orgs d where d.parent_id = c.id)`;
// Members and branches with members from the branch counters (a counter row's key is its branch's path).
const MEMBERS = membersOfRow('s');

type Row = Record<string, unknown>;
const rowsOf = (res: unknown): Row[] => (Array.isArray(res) && Array.isArray(res[0]) ? (res[0] as Row[]) : (res as Row[]));
const n = (v: unknown) => Number(v ?? 0);
const yes = (v: unknown) => n(v) > 0;

/**
 * Entry progress of `org`: one row per direct subordinate (with its subtree's cadre counts),
 * and per level below `org` how many orgs have an admin who logged in, complete info and
 * sub-orgs. Each is one query over the subtree's path range.
 */
export async function entryProgress(db: Db, org: OrgRow) {
  const children = await db.select().from(orgs).where(eq(orgs.parentId, org.id)).orderBy(asc(orgs.sortOrder), asc(orgs.id));
  const facts = rowsOf(
    await db.execute(sql`
      select c.id,
        ${ADMIN_LOGGED_IN} as admin_logged_in,
        ${INFO_COMPLETE} as info_complete,
        ${HAS_SUB_ORGS} as has_sub_orgs,
        (select count(*) from orgs d join roster_entries r on r.org_id = d.id where d.path like concat(c.path, '%')) as cadres_entered,
        (select count(*) from orgs d join roster_entries r on r.org_id = d.id
          where d.path like concat(c.path, '%') and r.onboarded_at is not null) as cadres_onboarded,
        (select coalesce(sum(${MEMBERS}), 0) from branch_stats s where s.path like concat(c.path, '%')) as members,
        (select count(*) from roster_entries r where r.org_id = c.id) as own_cadres,
        (select count(*) from orgs d where d.path like concat(c.path, '%') and d.type = 'branch')
          - (select count(*) from branch_stats s where s.path like concat(c.path, '%') and ${MEMBERS} > 0) as empty_branches
      from orgs c where c.parent_id = ${org.id}`),
  );
  const byId = new Map(facts.map((f) => [n(f.id), f]));
  const summaries = await summarize(db, children);
  // summarize keeps the order and ids of the orgs it is given
  const rows = summaries.map((org) => {
    const f = byId.get(Number(org.id)) ?? {};
    return {
      org,
      adminLoggedIn: yes(f.admin_logged_in),
      infoComplete: yes(f.info_complete),
      hasSubOrgs: yes(f.has_sub_orgs),
      membersCheckedIn: n(f.members),
      cadresEntered: n(f.cadres_entered),
      cadresOnboarded: n(f.cadres_onboarded),
      emptyBranches: n(f.empty_branches),
      // 002 §二 / 004 entry standard: warnings beside the row, never refusals
      sizeWarnings: sizeWarnings(org.type as OrgType, { members: n(f.members), ownCadres: n(f.own_cadres) }).map((code) => ({ code, message: SizeWarnings[code] })),
    };
  });

  const levels = rowsOf(
    await db.execute(sql`
      select c.depth - ${org.depth} as level, count(*) as orgs,
        sum(${ADMIN_LOGGED_IN}) as admin_logged_in,
        sum(${INFO_COMPLETE}) as info_complete,
        sum(${HAS_SUB_ORGS}) as has_sub_orgs
      from orgs c where c.path like ${`${org.path}%`} and c.id <> ${org.id}
      group by c.depth order by c.depth`),
  ).map((l) => ({ level: n(l.level), orgs: n(l.orgs), adminLoggedIn: n(l.admin_logged_in), infoComplete: n(l.info_complete), hasSubOrgs: n(l.has_sub_orgs) }));

  return { rows, levels };
}
