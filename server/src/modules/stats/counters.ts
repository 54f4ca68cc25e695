import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { Educations, EthnicGroups, isActiveMembership, isCheckinApproved, type CheckinStatus, type Education, type EthnicGroupCode, type MembershipStatus } from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { branchStats, checkins, orgs, unitStats } from '../../db/schema';
import { STATS_COLUMNS, birthYearColumn, educationColumn, ethnicityColumn, genderColumn, statusColumn } from './columns';

/** The fields of a check-in that its branch's counters depend on. */
export interface CountedCheckin {
  branchId: number;
  status: CheckinStatus | null;
  approvedData: Record<string, unknown> | null;
  /** absent = normal; any exit (issue 16 part 3) takes the check-in out of every counter */
  membershipStatus?: MembershipStatus;
}

/**
 * The `branch_stats` columns one check-in adds 1 to: its state, and for a member (§4.2: a
 * check-in counting as approved) gender, birth year, 民族 and 最高学历 of the data in force.
 * The one definition of what the statistics count — the live updates, the rebuild and the
 * bench data generator all go through it.
 */
export function countersOf(row: CountedCheckin | null | undefined): string[] {
  if (!row || !isActiveMembership(row.membershipStatus)) return [];
  const status = row.status;
  const cols = [statusColumn(status)];
  const d = row.approvedData;
  if (!isCheckinApproved(status) || !d) return cols;
  if (d.gender === 'male' || d.gender === 'female') cols.push(genderColumn(d.gender));
  const year = typeof d.birthDate === 'string' ? Number(d.birthDate.slice(0, 4)) : NaN;
  if (Number.isInteger(year)) cols.push(birthYearColumn(year));
  if (typeof d.ethnicity === 'string' && Object.hasOwn(EthnicGroups, d.ethnicity)) cols.push(ethnicityColumn(d.ethnicity as EthnicGroupCode));
  if (typeof d.highestEducation === 'string' && Object.hasOwn(Educations, d.highestEducation)) cols.push(educationColumn(d.highestEducation as Education));
  return cols;
}

/** Per branch, the counter changes that turn `before` into `after` (zeros left out). */
export function countersDelta(before: CountedCheckin | null | undefined, after: CountedCheckin | null | undefined): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  const add = (row: CountedCheckin | null | undefined, sign: 1 | -1) => {
    if (!row) return;
    const m = out.get(row.branchId) ?? new Map<string, number>();
    for (const c of countersOf(row)) m.set(c, (m.get(c) ?? 0) + sign);
    out.set(row.branchId, m);
  };
  add(before, -1);
  add(after, 1);
  for (const [branchId, m] of out) {
    for (const [c, v] of m) if (v === 0) m.delete(c);
    if (m.size === 0) out.delete(branchId);
  }
  return out;
}

const ident = (c: string) => sql.identifier(c);
const list = (parts: Parameters<typeof sql.join>[0]) => sql.join(parts, sql`, `);

/**
 * `unit_stats` rolls the branch counters up to the org at this depth above each branch
 * (province 0 → city 1 → county-level committee / university college 2), or to the branch's
 * parent when the branch is not deeper than that (a direct unit's branches roll up into the
 * unit). Non-branch orgs at or above it read unit rows; the rest read branch rows.
 */
export const UNIT_DEPTH = 2;
/** The path of the unit a branch at `path` counts in (see UNIT_DEPTH). */
export const unitPathOf = (path: string) => {
  const ids = path.split('/').filter(Boolean);
  return `/${ids.slice(0, Math.min(UNIT_DEPTH + 1, ids.length - 1)).join('/')}/`;
};
/** Whether `org`'s subtree is exactly the branches of the unit rows in its path range. */
export const readsUnits = (org: { type: string; depth: number }) => org.type !== 'branch' && org.depth <= UNIT_DEPTH;
/** unitPathOf in SQL, of a path expression (the test checks the two agree). */
export const unitPathSql = (path: string) => `concat(substring_index(${path}, '/', least(${UNIT_DEPTH + 2}, length(${path}) - length(replace(${path}, '/', '')) - 1)), '/')`;
const UNIT_PATH_SQL = unitPathSql('b.path');
const UNIT_PATH = sql.raw(UNIT_PATH_SQL);
const MEMBER_COLUMNS = ['st_approved', 'st_edit_submitted', 'st_edit_returned'];
const MEMBERS_SQL = `(b.${MEMBER_COLUMNS.join(' + b.')})`;
const MEMBERS = sql.raw(MEMBERS_SQL);

/** Every unit row from the branch rows in one statement (the bench generator, after its load). */
export const UNIT_ROLLUP_SQL = `insert into unit_stats (path, unit_id, branches_with_members, ${STATS_COLUMNS.join(', ')})
  select x.unit, cast(substring_index(substring_index(x.unit, '/', -2), '/', 1) as unsigned), sum(x.m > 0), ${STATS_COLUMNS.map((c) => `sum(x.${c})`).join(', ')}
  from (select ${UNIT_PATH_SQL} as unit, ${MEMBERS_SQL} as m, b.* from branch_stats b) x group by x.unit`;

/**
 * The statements adding `delta` to a branch's row and to its unit's row (each created on first
 * use), run in this order in the caller's transaction. The unit's count of branches with members moves when the branch's
 * member count crosses zero, read from the branch row just written.
 */
function branchStatements(branchId: number, delta: Map<string, number>): SQL[] {
  const cols = [...delta.keys()];
  const values = list(cols.map((c) => sql`${delta.get(c)}`));
  const increments = list(cols.map((c) => sql`${ident(c)} = ${ident(c)} + values(${ident(c)})`));
  const branch = sql`
    insert into branch_stats (path, branch_id, ${list(cols.map(ident))})
    select o.path, o.id, ${values} from orgs o where o.id = ${branchId}
    on duplicate key update ${increments}`;
  const memberDelta = MEMBER_COLUMNS.reduce((s, c) => s + (delta.get(c) ?? 0), 0);
  const crossed = memberDelta === 0 ? sql`0` : sql`(${MEMBERS} > 0) - (${MEMBERS} - ${memberDelta} > 0)`;
  const unit = sql`
    insert into unit_stats (path, unit_id, branches_with_members, ${list(cols.map(ident))})
    select u.path, cast(substring_index(substring_index(u.path, '/', -2), '/', 1) as unsigned), u.crossed, ${values}
    from (select ${UNIT_PATH} as path, ${crossed} as crossed from branch_stats b where b.branch_id = ${branchId}) u
    on duplicate key update branches_with_members = branches_with_members + values(branches_with_members), ${increments}`;
  return [branch, unit];
}

/**
 * Keeps the counters in step with one check-in change; call it in the transaction that
 * writes the change, with the row as it was (undefined when created) and what was set.
 * Branches are touched in id order so two changes never wait on each other in a cycle.
 */
export async function trackCheckinChange(db: DbOrTx, before: CountedCheckin | undefined, set: Partial<CountedCheckin>) {
  for (const statement of checkinChangeStatements(before, set)) await db.execute(statement);
}

/** trackCheckinChange's statements, in order; the bench's raw side (scripts/bench) sends the same ones. */
export function checkinChangeStatements(before: CountedCheckin | undefined, set: Partial<CountedCheckin>): SQL[] {
  const after = before ? { ...before, ...set } : (set as CountedCheckin);
  const delta = countersDelta(before, after);
  return [...delta.entries()].sort(([a], [b]) => a - b).flatMap(([branchId, d]) => branchStatements(branchId, d));
}

/** Counter rows computed from scratch for `branchIds`, as column → value (missing = 0). */
export function tally(rows: Iterable<CountedCheckin>): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const m = out.get(row.branchId) ?? new Map<string, number>();
    for (const c of countersOf(row)) m.set(c, (m.get(c) ?? 0) + 1);
    out.set(row.branchId, m);
  }
  return out;
}

/**
 * Recomputes the counters of `branchIds` from their check-ins, then their units' rows from
 * the branch rows (repair, tests, the bench's reset). Not for request paths: it reads every
 * check-in of those branches and every branch row of their units.
 */
export async function rebuildBranchStats(db: DbOrTx, branchIds: number[]) {
  const ids = [...new Set(branchIds)];
  const units: string[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .select({ branchId: checkins.branchId, status: checkins.status, approvedData: checkins.approvedData, membershipStatus: checkins.membershipStatus })
      .from(checkins)
      .where(inArray(checkins.branchId, chunk));
    const branches = await db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(inArray(orgs.id, chunk));
    const counts = tally(rows);
    await db.delete(branchStats).where(inArray(branchStats.branchId, chunk));
    if (branches.length === 0) continue;
    await db.execute(sql`
      insert into branch_stats (path, branch_id, ${list(STATS_COLUMNS.map(ident))}) values ${list(
        branches.map((b) => sql`(${b.path}, ${b.id}, ${list(STATS_COLUMNS.map((c) => sql`${counts.get(b.id)?.get(c) ?? 0}`))})`),
      )}`);
    units.push(...branches.map((b) => unitPathOf(b.path)));
  }
  await rebuildUnitStats(db, units);
}

/** Recomputes unit rows (by unit path) as the sums of their branch rows. */
export async function rebuildUnitStats(db: DbOrTx, unitPaths: string[]) {
  for (const path of new Set(unitPaths)) {
    await db.delete(unitStats).where(eq(unitStats.path, path));
    await db.execute(sql`
      insert into unit_stats (path, unit_id, branches_with_members, ${list(STATS_COLUMNS.map(ident))})
      select ${path}, ${Number(path.split('/').filter(Boolean).at(-1))}, coalesce(sum(${MEMBERS} > 0), 0), ${list(STATS_COLUMNS.map((c) => sql`coalesce(sum(${ident(c)}), 0)`))}
      from branch_stats b where b.path like ${`${path}%`}
      having count(*) > 0`);
  }
}
