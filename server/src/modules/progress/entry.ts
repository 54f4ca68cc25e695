import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { CodeStates, OrgTypes, maskMobile, type EntryProgress, type EntryProgressRow, type ProgressSummary } from '@tj/shared';
import type { Db } from '../../db/client';
import { adminCodes, orgs, rosterEntries } from '../../db/schema';
import { buildWorkbook } from '../../lib/excel';
import { summarize } from '../orgs/service';
import type { OrgRow } from '../orgs/view';
import { membersOfRow } from '../dashboard/member-count';

type Row = Record<string, unknown>;
const rowsOf = (res: unknown): Row[] => (Array.isArray(res) && Array.isArray(res[0]) ? (res[0] as Row[]) : (res as Row[]));
const n = (v: unknown) => Number(v ?? 0);
const MEMBERS = membersOfRow('s');

/**
 * [004 §二(一)4] 录入进度, per org `c` over its subtree (c included): orgs and how many have
 * complete info, branches, empty ones (no member) and ones without a cadre (no roster line),
 * members (the counters) and cadres (roster lines). Each fact is one range scan of the path.
 */
const SUBTREE_FACTS = sql`
  (select count(*) from orgs d where d.path like concat(c.path, '%')) as orgs,
  (select coalesce(sum(d.fields_complete = 1 and d.secretary_registered = 1), 0) from orgs d where d.path like concat(c.path, '%')) as info_complete,
  (select count(*) from orgs d where d.path like concat(c.path, '%') and d.type = 'branch') as branches,
  (select count(*) from branch_stats s where s.path like concat(c.path, '%') and ${MEMBERS} > 0) as branches_with_members,
  (select count(*) from orgs d where d.path like concat(c.path, '%') and d.type = 'branch'
     and not exists (select 1 from roster_entries r where r.org_id = d.id)) as branches_without_cadres,
  (select count(*) from orgs d join roster_entries r on r.org_id = d.id where d.path like concat(c.path, '%')) as cadres,
  (select coalesce(sum(${MEMBERS}), 0) from branch_stats s where s.path like concat(c.path, '%')) as members,
  exists (select 1 from orgs d where d.parent_id = c.id) as has_sub_orgs`;

async function factsOf(db: Db, where: SQL) {
  return rowsOf(await db.execute(sql`select c.id, ${SUBTREE_FACTS} from orgs c where ${where}`));
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
  const [facts, own, summaries, admins] = await Promise.all([
    factsOf(db, sql`c.parent_id = ${org.id}`),
    factsOf(db, sql`c.id = ${org.id}`),
    summarize(db, [org, ...children]),
    adminsOf(db, [org.id, ...children.map((c) => c.id)], now),
  ]);
  const byId = new Map(facts.map((f) => [n(f.id), f]));
  const [self, ...rows] = summaries;
  return {
    org: self!,
    total: rowOf(own[0] ?? {}, admins.get(org.id)),
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
  const [f] = await factsOf(db, sql`c.id = ${org.id}`);
  const [w] = rowsOf(
    await db.execute(sql`select count(*) as n from orgs d where d.path like ${`${org.path}%`} and d.id <> ${org.id}
      and not exists (select 1 from roster_entries r where r.org_id = d.id and r.is_admin = 1 and r.user_id is not null)`),
  );
  const r = rowOf(f ?? {}, undefined);
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
