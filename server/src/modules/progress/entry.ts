import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { CodeStates, OrgTypes, maskMobile, type EntryProgress, type EntryProgressRow, type ProgressSummary } from '@tj/shared';
import type { Db } from '../../db/client';
import { adminCodes, orgs, rosterEntries } from '../../db/schema';
import { buildWorkbook } from '../../lib/excel';
import { summarize } from '../orgs/service';
import type { OrgRow } from '../orgs/view';
import { membersOfRow } from '../dashboard/member-count';
import { readsUnits, UNIT_DEPTH } from '../stats/counters';

type Row = Record<string, unknown>;
const rowsOf = (res: unknown): Row[] => (Array.isArray(res) && Array.isArray(res[0]) ? (res[0] as Row[]) : (res as Row[]));
const n = (v: unknown) => Number(v ?? 0);
const MEMBERS = membersOfRow('s');
const UNIT_MEMBERS = membersOfRow('u');

/**
 * [004 §二(一)4] 录入进度 facts of `org`'s subtree by group: with `level` 1 one group per direct
 * subordinate (keyed by its id: the rows it and its subtree contribute) and the org itself as
 * group 0; with `level` 0 the whole subtree as group 0. Orgs, how many have complete info,
 * branches, branches without a cadre, cadres — one index-only range scan of
 * orgs_path_progress_idx, the cadres being the kept `orgs.cadre_count` (roster lines) — and
 * members and branches with members from the counters: for the province and a city the unit
 * rows (`unit_stats`, ~300 at the root instead of ~61k branch rows; see `readsUnits`), plus the
 * branch rows of the org's own direct branches (the org's own unit row holds exactly those,
 * which are groups of their own); deeper, the branch rows.
 */
async function factsOf(db: Db, org: OrgRow, level: 0 | 1): Promise<Row[]> {
  const like = `${org.path}%`;
  const groupOf = (col: string) => sql.raw(level === 0 ? '0' : `cast(substring_index(substring_index(${col}, '/', ${org.depth + 3}), '/', -1) as unsigned)`);
  const keyOf = (idCol: string, pathCol: string) => (level === 0 ? groupOf(pathCol) : sql`if(${sql.raw(idCol)} = ${org.id}, 0, ${groupOf(pathCol)})`);
  const counters =
    readsUnits(org) && org.depth < UNIT_DEPTH
      ? sql`
      select ${groupOf('u.path')} as id, sum(${UNIT_MEMBERS}) as members, sum(u.branches_with_members) as branches_with_members
      from unit_stats u where u.path like ${like} and u.unit_id <> ${org.id} group by 1
      union all
      select ${keyOf('s.branch_id', 's.path')} as id, ${MEMBERS} as members, ${MEMBERS} > 0 as branches_with_members
      from branch_stats s where s.branch_id in (select o.id from orgs o where o.parent_id = ${org.id} and o.type = 'branch')`
      : sql`
      select ${keyOf('s.branch_id', 's.path')} as id, sum(${MEMBERS}) as members, sum(${MEMBERS} > 0) as branches_with_members
      from branch_stats s where s.path like ${like} group by 1`;
  const [orgRows, counterRows] = await Promise.all([
    db.execute(sql`
      select ${keyOf('d.id', 'd.path')} as id, count(*) as orgs,
        sum(d.fields_complete = 1 and d.secretary_registered = 1) as info_complete,
        sum(d.type = 'branch') as branches,
        sum(d.type = 'branch' and d.cadre_count = 0) as branches_without_cadres,
        sum(d.cadre_count) as cadres
      from orgs d where d.path like ${like} group by 1`),
    db.execute(counters),
  ]);
  const byId = new Map<number, Row>();
  for (const r of rowsOf(orgRows)) byId.set(n(r.id), { ...r, members: 0, branches_with_members: 0 });
  // a group's counter rows (one per unit, or one per branch) add up
  for (const r of rowsOf(counterRows)) {
    const g = byId.get(n(r.id));
    if (!g) continue;
    g.members = n(g.members) + n(r.members);
    g.branches_with_members = n(g.branches_with_members) + n(r.branches_with_members);
  }
  return [...byId.values()];
}

const FACTS = ['orgs', 'info_complete', 'branches', 'branches_without_cadres', 'cadres', 'members', 'branches_with_members'] as const;
/** The figures of the groups together; a group with more than its own org has sub-orgs. */
function totalOf(groups: Row[]): Row {
  const total = Object.fromEntries(FACTS.map((k) => [k, groups.reduce((s, g) => s + n(g[k]), 0)]));
  return { ...total, has_sub_orgs: total.orgs! > 1 ? 1 : 0 };
}

/** The admin shown per org (a registered one first) and the §3.4 registration-code state. */
async function adminsOf(db: Db, ids: number[], now: Date) {
  if (ids.length === 0) return new Map<number, { name: string | null; phone: string | null; codeState: EntryProgressRow['codeState'] }>();
  const [admins, codes] = await Promise.all([
    db
      .select({ orgId: rosterEntries.orgId, name: rosterEntries.name, phone: rosterEntries.phone, userId: rosterEntries.userId })
      .from(rosterEntries)
      .where(and(inArray(rosterEntries.orgId, ids), eq(rosterEntries.isAdmin, true)))
      .orderBy(asc(rosterEntries.id)),
    db.select({ orgId: adminCodes.orgId, expiresAt: adminCodes.expiresAt, usedAt: adminCodes.usedAt }).from(adminCodes).where(inArray(adminCodes.orgId, ids)),
  ]);
  return new Map(
    ids.map((id) => {
      const mine = admins.filter((a) => a.orgId === id);
      const shown = mine.find((a) => a.userId != null) ?? mine[0];
      const hisCodes = codes.filter((c) => c.orgId === id);
      const codeState: EntryProgressRow['codeState'] = mine.some((a) => a.userId != null)
        ? 'registered'
        : hisCodes.some((c) => c.usedAt == null && c.expiresAt > now)
          ? 'codeValid'
          : hisCodes.length > 0
            ? 'codeExpired'
            : 'none';
      return [id, { name: shown?.name ?? null, phone: shown ? maskMobile(shown.phone) : null, codeState }];
    }),
  );
}

function rowOf(f: Row, admin: { name: string | null; phone: string | null; codeState: EntryProgressRow['codeState'] } | undefined): Omit<EntryProgressRow, 'org'> {
  return {
    adminName: admin?.name ?? null,
    adminPhone: admin?.phone ?? null,
    codeState: admin?.codeState ?? 'none',
    members: n(f.members),
    cadres: n(f.cadres),
    branches: n(f.branches),
    emptyBranches: n(f.branches) - n(f.branches_with_members),
    branchesWithoutCadres: n(f.branches_without_cadres),
    infoComplete: n(f.info_complete),
    orgs: n(f.orgs),
    hasSubOrgs: n(f.has_sub_orgs) > 0,
  };
}

/**
 * 录入进度 of `org`: its own subtree's totals and one row per direct subordinate. Any depth: the
 * client drills into a row by asking the same for that org (the guard lets an admin read every
 * org below their own).
 */
export async function entryProgressDetail(db: Db, org: OrgRow, now: Date): Promise<EntryProgress> {
  const children = await db.select().from(orgs).where(eq(orgs.parentId, org.id)).orderBy(asc(orgs.sortOrder), asc(orgs.id));
  const [groups, summaries, admins] = await Promise.all([factsOf(db, org, 1), summarize(db, [org, ...children]), adminsOf(db, [org.id, ...children.map((c) => c.id)], now)]);
  // the subtree's total is its groups together: the subordinates' and the org's own (group 0)
  const byId = new Map(groups.filter((g) => n(g.id) !== 0).map((g) => [n(g.id), totalOf([g])]));
  const [self, ...rows] = summaries;
  return {
    org: self!,
    total: rowOf(totalOf(groups), admins.get(org.id)),
    rows: rows.map((s) => ({ org: s, ...rowOf(byId.get(Number(s.id)) ?? {}, admins.get(Number(s.id))) })),
  };
}

/** 下载录入情况: the rows above as a workbook (phones masked as on screen, §9). */
export async function entryProgressWorkbook(db: Db, org: OrgRow, now: Date): Promise<Buffer> {
  const p = await entryProgressDetail(db, org, now);
  const line = (name: string, type: string, r: Omit<EntryProgressRow, 'org'>) => [
    name,
    type,
    r.adminName ?? '',
    r.adminPhone ?? '',
    CodeStates[r.codeState],
    r.members,
    r.cadres,
    r.branches,
    r.emptyBranches,
    r.branchesWithoutCadres,
    `${r.infoComplete}/${r.orgs}`,
  ];
  return buildWorkbook(
    '录入情况',
    ['组织', '组织类型', '管理员', '管理员手机', '注册码状态', '团员数', '团干部数', '团支部数', '空团支部', '无团干部的团支部', '信息完整'],
    [
      line(`${p.org.alias || p.org.shortName}（合计）`, OrgTypes[p.org.type as keyof typeof OrgTypes] ?? p.org.type, p.total),
      ...p.rows.map((r) => line(r.org.alias || r.org.shortName, OrgTypes[r.org.type as keyof typeof OrgTypes] ?? r.org.type, r)),
    ],
  );
}

/**
 * The once-a-day prompt [004 §二(一)4]: what is missing below `org`. The client shows it at
 * most once per day (it remembers the day); the server only answers the figures.
 */
export async function progressSummary(db: Db, org: OrgRow): Promise<ProgressSummary> {
  const f = totalOf(await factsOf(db, org, 0));
  const [w] = rowsOf(
    await db.execute(sql`select count(*) as n from orgs d where d.path like ${`${org.path}%`} and d.id <> ${org.id}
      and not exists (select 1 from roster_entries r where r.org_id = d.id and r.is_admin = 1 and r.user_id is not null)`),
  );
  const r = rowOf(f, undefined);
  const s = {
    emptyBranches: r.emptyBranches,
    branchesWithoutCadres: r.branchesWithoutCadres,
    infoIncomplete: r.orgs - r.infoComplete,
    withoutAdmin: n(w?.n),
  };
  const parts = [
    s.withoutAdmin ? `未注册管理员的下级组织${s.withoutAdmin}个` : '',
    s.infoIncomplete ? `信息不完整的组织${s.infoIncomplete}个` : '',
    s.emptyBranches ? `无团员的团支部${s.emptyBranches}个` : '',
    s.branchesWithoutCadres ? `无团干部的团支部${s.branchesWithoutCadres}个` : '',
  ].filter(Boolean);
  return { ...s, incomplete: parts.length > 0, message: parts.length ? `本组织及下级录入尚未完成：${parts.join('，')}。请督促及时录入。` : null };
}
