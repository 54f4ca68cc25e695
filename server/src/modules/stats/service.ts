import { sql } from 'drizzle-orm';
import { CheckinStatuses, Educations, EthnicGroupCodes, EthnicGroups, Genders, MEMBERSHIP_AGE_LIMIT, ADULT_AGE, yearInChina } from '@tj/shared';
import type { Db } from '../../db/client';
import { descendantsLike } from '../../lib/org-path';
import type { OrgRow } from '../orgs/view';
import { birthYearsOf, EDUCATION_KEYS, STATS_COLUMNS, STATUS_KEYS, birthYearColumn, educationColumn, ethnicityColumn, genderColumn, statusColumn } from './columns';
import { readsUnits } from './counters';
import type { SubtreeStats } from './schemas';
import { resultRows } from '../../lib/rows';

type Row = Record<string, unknown>;
const rowsOf = (res: unknown) => resultRows<Row>(res);
const n = (v: unknown) => Number(v ?? 0);

/** Age bands of the statistics: §5.3 join age, adulthood (18) and the membership limit (28). */
const AGE_BANDS: { key: string; label: string; min: number; max: number }[] = [
  { key: 'under14', label: '14岁以下', min: -Infinity, max: 13 },
  { key: '14to17', label: `14–${ADULT_AGE - 1}岁`, min: 14, max: ADULT_AGE - 1 },
  { key: '18to22', label: `${ADULT_AGE}–22岁`, min: ADULT_AGE, max: 22 },
  { key: '23to25', label: '23–25岁', min: 23, max: 25 },
  { key: '26to28', label: `26–${MEMBERSHIP_AGE_LIMIT}岁`, min: 26, max: MEMBERSHIP_AGE_LIMIT },
  { key: 'over28', label: `${MEMBERSHIP_AGE_LIMIT}岁以上`, min: MEMBERSHIP_AGE_LIMIT + 1, max: Infinity },
];

/** Folds birth-year counters into age bands by the age reached in `year`. */
function ageBands(sums: Row, year: number) {
  const counts = new Map(AGE_BANDS.map((b) => [b.key, 0]));
  const add = (age: number, v: number) => {
    const band = AGE_BANDS.find((b) => age >= b.min && age <= b.max)!;
    counts.set(band.key, counts.get(band.key)! + v);
  };
  for (const y of birthYearsOf(year)) add(year - y, n(sums[birthYearColumn(y)]));
  return AGE_BANDS.map((b) => ({ key: b.key, label: b.label, count: counts.get(b.key)! }));
}

/**
 * Statistics of `org`'s subtree (§8: state, age, 民族, education; §3.4 entry progress).
 * The member figures are one range scan over counter rows (counters.ts): the units' rows
 * for a committee at or above UNIT_DEPTH (~700 rows for the province of 1M), else its
 * branches' rows.
 * Entry progress is one index-only scan of the orgs' path range (orgs_path_progress_idx)
 * plus the admins who logged in.
 */
export async function subtreeStats(db: Db, org: OrgRow, now: Date): Promise<SubtreeStats> {
  const like = descendantsLike(org.path);
  const sumCols = sql.join(
    STATS_COLUMNS.map((c) => sql`coalesce(sum(${sql.identifier(c)}), 0) as ${sql.identifier(c)}`),
    sql`, `,
  );
  const counters = readsUnits(org)
    ? sql`select ${sumCols}, coalesce(sum(branches_with_members), 0) as branches_with_members from unit_stats where path like ${like}`
    : sql`select ${sumCols}, coalesce(sum(st_approved + st_edit_submitted + st_edit_returned > 0), 0) as branches_with_members
          from branch_stats where path like ${like}`;
  const [sumsRes, orgRes, adminRes] = await Promise.all([
    db.execute(counters),
    db.execute(sql`select count(*) as orgs, coalesce(sum(type = 'branch'), 0) as branches,
        count(distinct case when parent_id <> ${org.id} then parent_id end) as has_sub_orgs,
        coalesce(sum(fields_complete = 1 and secretary_registered = 1), 0) as info_complete
      from orgs where path like ${like} and id <> ${org.id}`),
    db.execute(sql`select count(distinct r.org_id) as n
      from roster_entries r join orgs d on d.id = r.org_id join users u on u.id = r.user_id
      where r.is_admin = 1 and u.last_login_at is not null and d.path like ${like} and d.id <> ${org.id}`),
  ]);
  const sums = rowsOf(sumsRes)[0] ?? {};
  const o = rowsOf(orgRes)[0] ?? {};
  const year = yearInChina(now);
  const count = (key: string, label: string, col: string) => ({ key, label, count: n(sums[col]) });
  const members = n(sums.st_approved) + n(sums.st_edit_submitted) + n(sums.st_edit_returned);
  const isBranch = org.type === 'branch';
  return {
    orgId: String(org.id),
    members,
    checkins: STATUS_KEYS.map((s) => count(s ?? 'draft', s ? CheckinStatuses[s] : '草稿', statusColumn(s))),
    gender: (['male', 'female'] as const).map((g) => count(g, Genders[g], genderColumn(g))),
    ageBands: ageBands(sums, year),
    ethnicity: EthnicGroupCodes.map((c) => count(c, EthnicGroups[c], ethnicityColumn(c)))
      .filter((e) => e.count > 0)
      .sort((a, b) => b.count - a.count),
    education: EDUCATION_KEYS.map((e) => count(e, Educations[e], educationColumn(e))),
    progress: {
      orgsBelow: n(o.orgs),
      branches: n(o.branches),
      // a branch is counted in its own statistics; below it there are no branches
      emptyBranches: isBranch ? 0 : n(o.branches) - n(sums.branches_with_members),
      adminLoggedIn: n(rowsOf(adminRes)[0]?.n),
      infoComplete: n(o.info_complete),
      hasSubOrgs: n(o.has_sub_orgs),
    },
  };
}
