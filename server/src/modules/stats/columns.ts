import { CheckinStatuses, Educations, EthnicGroupCodes, type CheckinStatus, type Education, type EthnicGroupCode } from '@tj/shared';

/**
 * The counters of `branch_stats`, one column each (a wide row per branch keeps a province's
 * figures one scan over ~60k rows per million members; a row per (branch, key) would be 15–20×
 * more rows). Check-in states count every check-in; the rest count members (a check-in that
 * counts as approved, §4.2) from the data in force.
 *
 * Ages are kept as birth years (ages move every day, birth years never do) in the window
 * below plus one column on each side; §5.3 members are 14–28, cadres may be older.
 */
export const BIRTH_YEAR_FIRST = 1980;
export const BIRTH_YEAR_LAST = 2015;

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const statusColumn = (status: CheckinStatus | null) => (status == null ? 'st_draft' : `st_${snake(status)}`);
export const genderColumn = (gender: 'male' | 'female') => `g_${gender}`;
export const birthYearColumn = (year: number) => (year < BIRTH_YEAR_FIRST ? 'by_earlier' : year > BIRTH_YEAR_LAST ? 'by_later' : `by_${year}`);
export const ethnicityColumn = (code: EthnicGroupCode) => `eth_${code}`;
export const educationColumn = (edu: Education) => `edu_${snake(edu)}`;

export const BIRTH_YEARS = Array.from({ length: BIRTH_YEAR_LAST - BIRTH_YEAR_FIRST + 1 }, (_, i) => BIRTH_YEAR_FIRST + i);
export const STATUS_KEYS = [null, ...(Object.keys(CheckinStatuses) as CheckinStatus[])];
export const EDUCATION_KEYS = Object.keys(Educations) as Education[];

export const STATS_COLUMNS = [
  ...STATUS_KEYS.map(statusColumn),
  genderColumn('male'),
  genderColumn('female'),
  'by_earlier',
  ...BIRTH_YEARS.map(birthYearColumn),
  'by_later',
  ...EthnicGroupCodes.map(ethnicityColumn),
  ...EDUCATION_KEYS.map(educationColumn),
] as const;
export type StatsColumn = string;
