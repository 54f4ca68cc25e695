/**
 * Dates travel as strings: 'YYYY-MM-DD' (IsoDate) and 'YYYY-MM' (IsoMonth). Rules take
 * "today" as a parameter; only `todayInChina` reads the clock.
 */
export type IsoDate = string;
export type IsoMonth = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

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

/**
 * Today's date in China Standard Time (UTC+8, no DST), whatever the host's time zone:
 * the users' calendar decides birthdays and "not in the future".
 */
export const todayInChina = (now: Date = new Date()): IsoDate =>
  new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** A clock for schemas: a fixed date, or a function read at parse time. */
export type Today = IsoDate | (() => IsoDate);
export const resolveToday = (today: Today | undefined): IsoDate =>
  typeof today === 'function' ? today() : today ?? todayInChina();
