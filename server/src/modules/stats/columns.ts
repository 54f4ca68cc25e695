import { CheckinStatuses, Educations, EthnicGroupCodes, type CheckinStatus, type Education, type EthnicGroupCode } from '@tj/shared';

/**
 * The counters of `branch_stats`, one column each (a wide row per branch keeps a province's
 * figures one scan over ~60k rows per million members; a row per (branch, key) would be 15–20×
 * more rows). Check-in states count every check-in; the rest count members (a check-in that
 * counts as approved, §4.2) from the data in force.
 *
 * Ages are kept as birth years (ages move every day, birth years never do) in a ring of
 * BIRTH_YEAR_SLOTS columns: birth year y adds to `by_<y mod BIRTH_YEAR_SLOTS>`. Which year a
 * slot holds is read from the clock (birthYearsOf): the SLOTS years ending MIN_COUNTED_AGE
 * years before this one. So the window slides by itself — members born in 2016 join in 2030
 * and need no new column or migration — and a year leaves the window only when nobody of that
 * age can be counted any more (§5.3 members are 14–28, exits take them out of the counters,
 * cadres who stay members are younger than MIN_COUNTED_AGE + SLOTS). Slots are absolute (a
 * birth year keeps its slot for ever), so rows never need rewriting as the years pass.
 */
export const BIRTH_YEAR_SLOTS = 64;
/** The youngest age a counted birth year may have (the window's newest year = this year − this). */
export const MIN_COUNTED_AGE = 6;
const slotOf = (year: number) => ((year % BIRTH_YEAR_SLOTS) + BIRTH_YEAR_SLOTS) % BIRTH_YEAR_SLOTS;

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const statusColumn = (status: CheckinStatus | null) => (status == null ? 'st_draft' : `st_${snake(status)}`);
export const genderColumn = (gender: 'male' | 'female') => `g_${gender}`;
export const birthYearColumn = (year: number) => `by_${String(slotOf(year)).padStart(2, '0')}`;
export const ethnicityColumn = (code: EthnicGroupCode) => `eth_${code}`;
export const educationColumn = (edu: Education) => `edu_${snake(edu)}`;

/** The birth years the ring holds in `year` (the clock's year in China), oldest first; one per slot. */
export const birthYearsOf = (year: number) => Array.from({ length: BIRTH_YEAR_SLOTS }, (_, i) => year - MIN_COUNTED_AGE - BIRTH_YEAR_SLOTS + 1 + i);
const BIRTH_YEAR_COLUMNS = Array.from({ length: BIRTH_YEAR_SLOTS }, (_, i) => birthYearColumn(i));
export const STATUS_KEYS = [null, ...(Object.keys(CheckinStatuses) as CheckinStatus[])];
export const EDUCATION_KEYS = Object.keys(Educations) as Education[];

export const STATS_COLUMNS = [
  ...STATUS_KEYS.map(statusColumn),
  genderColumn('male'),
  genderColumn('female'),
  ...BIRTH_YEAR_COLUMNS,
  ...EthnicGroupCodes.map(ethnicityColumn),
  ...EDUCATION_KEYS.map(educationColumn),
] as const;
export type StatsColumn = string;
