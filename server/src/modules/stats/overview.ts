import { asc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { ARCHIVE_REQUIRED_FROM, yearInChina, type StatCount, type StatsOverview } from '@tj/shared';
import type { Db } from '../../db/client';
import { orgs } from '../../db/schema';
import { descendantsLike } from '../../lib/org-path';
import { summarize } from '../orgs/service';
import type { OrgRow } from '../orgs/view';
import { membersOfRow } from '../dashboard/member-count';
import { readsUnits } from './counters';
import { subtreeStats } from './service';
import { resultRows } from '../../lib/rows';

type Row = Record<string, unknown>;
const rowsOf = (res: unknown) => resultRows<Row>(res);
const n = (v: unknown) => Number(v ?? 0);
const FIRST_ARCHIVE_YEAR = Number(ARCHIVE_REQUIRED_FROM.slice(0, 4));
/** The instant a calendar year begins in China (UTC+8). */
const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - 8 * 3600 * 1000);

/** Members of one org's subtree from the counter rows (unit rows where they are exact). */
async function membersOf(db: Db, org: OrgRow): Promise<number> {
  const like = descendantsLike(org.path);
  const q = readsUnits(org)
    ? sql`select coalesce(sum(${membersOfRow('s')}), 0) as n from unit_stats s where s.path like ${like}`
    : sql`select coalesce(sum(${membersOfRow('s')}), 0) as n from branch_stats s where s.path like ${like}`;
  return n(rowsOf(await db.execute(q))[0]?.n);
}

/**
 * 新发展团员 per 入团年份 [004 FAQ (iii)(iv)]: members in force (approved, membership 正常) who
 * joined in 2020 or later and whose e-archive is certified — an uncertified join is not counted.
 */
async function newMembersByYear(db: Db, org: OrgRow, year: number): Promise<StatCount[]> {
  const rows = rowsOf(
    await db.execute(sql`
      select left(json_unquote(json_extract(c.approved_data, '$.joinedAt')), 4) as y, count(*) as n
      from orgs o
      join checkins c on c.branch_id = o.id
      join member_archives a on a.checkin_id = c.id and a.status = 'certified'
      where o.path like ${descendantsLike(org.path)} and o.type = 'branch'
        and c.approved_id_hash is not null and c.membership_status = 'normal'
        and json_unquote(json_extract(c.approved_data, '$.joinedAt')) >= ${ARCHIVE_REQUIRED_FROM}
      group by y`),
  );
  const byYear = new Map(rows.map((r) => [n(r.y), n(r.n)]));
  const out: StatCount[] = [];
  for (let y = Math.max(FIRST_ARCHIVE_YEAR, year - 5); y <= year; y++) out.push({ key: String(y), label: `${y}年`, count: byYear.get(y) ?? 0 });
  return out;
}

/**
 * 转入 / 转出 this year: moves recorded at the subtree's branches (membership_history), counted
 * only when they cross the subtree's edge — a move between two of its own branches is neither
 * (the paired row of the same transfer: same member, same instant, the other event).
 */
async function transfersThisYear(db: Db, org: OrgRow, year: number): Promise<StatCount[]> {
  const like = descendantsLike(org.path);
  const rows = rowsOf(
    await db.execute(sql`
      select h.event, count(*) as n from orgs o join membership_history h on h.org_id = o.id
      where o.path like ${like} and o.type = 'branch' and h.at >= ${yearStart(year)} and h.at < ${yearStart(year + 1)}
        and not exists (
          select 1 from membership_history p join orgs po on po.id = p.org_id
          where p.user_id = h.user_id and p.at = h.at and p.transfer_id = h.transfer_id and p.event <> h.event and po.path like ${like})
      group by h.event`),
  );
  const of = (e: string) => n(rows.find((r) => r.event === e)?.n);
  return [
    { key: 'in', label: '转入', count: of('in') },
    { key: 'out', label: '转出', count: of('out') },
  ];
}

/** The statistics page of `org` (§8): the counters, new members, transfers and the sub-orgs to drill into. */
export async function statsOverview(db: Db, org: OrgRow, now: Date): Promise<StatsOverview> {
  const year = yearInChina(now);
  const children = await db.select().from(orgs).where(eq(orgs.parentId, org.id)).orderBy(asc(orgs.sortOrder), asc(orgs.id));
  const [base, newMembers, transfers, summaries, childFacts] = await Promise.all([
    subtreeStats(db, org, now),
    newMembersByYear(db, org, year),
    transfersThisYear(db, org, year),
    summarize(db, children),
    Promise.all(
      children.map(async (c) => {
        const branches = c.type === 'branch' ? 1 : n(rowsOf(await db.execute(sql`select count(*) as n from orgs where path like ${descendantsLike(c.path)} and type = 'branch'`))[0]?.n);
        return { members: await membersOf(db, c), branches };
      }),
    ),
  ]);
  return {
    ...base,
    year,
    newMembersThisYear: newMembers.at(-1)?.count ?? 0,
    newMembers,
    transfers,
    // summarize keeps the order of the orgs it is given
    children: summaries.map((s, i) => ({ org: s, ...(childFacts[i] ?? { members: 0, branches: 0 }) })),
  };
}

/** The statistics page as a workbook: one sheet of every table, one of the sub-orgs. */
export async function statsWorkbook(db: Db, org: OrgRow, now: Date): Promise<Buffer> {
  const s = await statsOverview(db, org, now);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('统计');
  ws.addRow([`${org.fullName ?? org.shortName} 团员统计（${s.year}年）`]).font = { bold: true };
  ws.addRow(['团员总数', s.members]);
  const section = (title: string, counts: StatCount[]) => {
    ws.addRow([]);
    ws.addRow([title, '人数']).font = { bold: true };
    for (const c of counts) ws.addRow([c.label, c.count]);
  };
  section('报到状态', s.checkins);
  section('性别', s.gender);
  section('年龄', s.ageBands);
  section('民族', s.ethnicity);
  section('学历', s.education);
  section('新发展团员（已认证）', s.newMembers);
  section(`组织关系转接（${s.year}年）`, s.transfers);
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 12;
  const sub = wb.addWorksheet('下级组织');
  sub.addRow(['组织', '团员数', '团支部数']).font = { bold: true };
  for (const c of s.children) sub.addRow([c.org.alias || c.org.shortName, c.members, c.branches]);
  sub.getColumn(1).width = 32;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
