/**
 * Dates travel as strings: 'YYYY-MM-DD' (IsoDate) and 'YYYY-MM' (IsoMonth). Rules take
 * "today" as a parameter; only `todayInChina` reads the clock.
 */
export type IsoDate = string;
export type IsoMonth = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export const daysInMonth = (y: number, m: number): number => (m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** A real calendar date (29 February only in leap years), years 1000–9999. */
export const isValidDate = (s: string): boolean => {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
};

export const isValidMonth = (s: string): boolean => {
  const m = MONTH.exec(s);
  if (!m) return false;
  const mo = Number(m[2]);
  return Number(m[1]) >= 1000 && mo >= 1 && mo <= 12;
};

/** 'YYYY-MM' of a date. */
export const monthOf = (date: IsoDate): IsoMonth => date.slice(0, 7);

/** The last day of a month: '2016-02' → '2016-02-29'. */
export const lastDayOfMonth = (month: IsoMonth): IsoDate => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/** China Standard Time is UTC+8 all year (no DST), whatever the host's or device's zone. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** 'YYYY-MM-DDTHH:mm:ss.sss' of an instant on China's wall clock (the one copy of UTC+8). */
const chinaWallClock = (at: Date | number): string => new Date((typeof at === 'number' ? at : at.getTime()) + CHINA_OFFSET_MS).toISOString();

/**
 * Today's date in China Standard Time (UTC+8, no DST), whatever the host's time zone:
 * the users' calendar decides birthdays and "not in the future".
 */
export const todayInChina = (now: Date = new Date()): IsoDate => chinaWallClock(now).slice(0, 10);

/** The calendar year in China at `now` (age bands, statistics). */
export const yearInChina = (now: Date = new Date()): number => Number(chinaWallClock(now).slice(0, 4));

/**
 * An ISO instant as China shows it: '2025-11-21T08:05:00.000Z' → '2025-11-21 16:05'.
 * Text that is not a date comes back unchanged, so a display never throws.
 */
export const chinaDateTime = (iso: string): string => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : chinaWallClock(t).slice(0, 16).replace('T', ' ');
};

/** A clock for schemas: a fixed date, or a function read at parse time. */
export type Today = IsoDate | (() => IsoDate);
export const resolveToday = (today: Today | undefined): IsoDate => (typeof today === 'function' ? today() : (today ?? todayInChina()));
