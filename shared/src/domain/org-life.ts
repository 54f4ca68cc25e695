import { fail, OK, type Check } from './check';
import { isValidDate, isValidMonth, monthOf, type IsoDate, type IsoMonth } from './dates';

/**
 * 组织生活 (issue 17 part 2) [004 §一 3–4, 7–10]: 三会 (支部团员大会, 支部委员会, 团小组会),
 * 一课 (团课) and 团日活动, recorded by the branch. 两制 live in modules/registration.
 */
export const OrgLifeKinds = {
  memberMeeting: '支部团员大会',
  committeeMeeting: '支部委员会',
  groupMeeting: '团小组会',
  lecture: '团课',
  leagueDay: '团日活动',
} as const;
export type OrgLifeKind = keyof typeof OrgLifeKinds;
export const ORG_LIFE_KIND_KEYS = Object.keys(OrgLifeKinds) as OrgLifeKind[];

/** The menu of 004: 三会 / 团课 / 团日活动. */
export const OrgLifeKindGroups: Record<OrgLifeKind, '三会' | '团课' | '团日活动'> = {
  memberMeeting: '三会',
  committeeMeeting: '三会',
  groupMeeting: '三会',
  lecture: '团课',
  leagueDay: '团日活动',
};

/** [issue 17: up to 9 photos] */
export const ORG_LIFE_PHOTOS_MAX = 9;
export const ORG_LIFE_TOPIC_MAX = 60;
export const ORG_LIFE_PLACE_MAX = 60;
export const ORG_LIFE_NOTE_MAX = 1000;
/** A period the committee view covers: at most a year of months. */
export const ORG_LIFE_PERIOD_MAX_MONTHS = 12;
/** [004 §二(五) 对标定级 6: 每次团员参与率50%以上] — "以上" includes 50%. */
export const ORG_LIFE_MIN_RATE_PERCENT = 50;

/**
 * *(decision)* Which records count for 004's monthly rule "团支部每月至少开展1次活动；每次团员参与率
 * 50%以上": the activities of the whole branch — 支部团员大会, 团课, 团日活动. 支部委员会 (the
 * committee only) and 团小组会 (one group) are not meant for every member, so their attendance
 * would always "fail" the rate; they are recorded and counted but left out of the rule.
 */
export const countsForMonthlyRule = (kind: OrgLifeKind): boolean => kind === 'memberMeeting' || kind === 'lecture' || kind === 'leagueDay';

/** A record's date: a real date, not after today (the server's China day), not before 2000. */
export function checkOrgLifeDate(date: IsoDate, today: IsoDate): Check {
  if (!isValidDate(date) || date < '2000-01-01') return fail('DATE_INVALID');
  if (date > today) return fail('DATE_IN_FUTURE');
  return OK;
}

/** 参与率 in whole percent, rounded down (49.9% is not 50%); 0 when the branch has no members. */
export const participationPercent = (attendees: number, members: number): number => (members <= 0 ? 0 : Math.floor((Math.min(attendees, members) * 100) / members));

/** One record as the monthly rule sees it. */
export interface RuleRecord {
  kind: OrgLifeKind;
  attendees: number;
  /** the branch's members (正常, approved) when the record was last saved */
  members: number;
}

/** Whether one record's participation reaches the rate (members snapshot at saving). */
export const rateMet = (r: Pick<RuleRecord, 'attendees' | 'members'>): boolean => r.members > 0 && participationPercent(r.attendees, r.members) >= ORG_LIFE_MIN_RATE_PERCENT;

export type MonthVerdict = 'met' | 'noActivity' | 'lowParticipation';
export const MonthVerdicts: Record<MonthVerdict, string> = { met: '达标', noActivity: '未达标：本月未开展活动', lowParticipation: '未达标：有活动参与率不足50%' };

/**
 * 004 "每月至少开展1次活动；每次团员参与率50%以上" for one branch-month, from the counts of its
 * counted activities and of those below the rate: met when at least one and none below.
 */
export function monthVerdictFromCounts(counted: number, belowRate: number): MonthVerdict {
  if (counted <= 0) return 'noActivity';
  return belowRate > 0 ? 'lowParticipation' : 'met';
}

/** The same from the month's records (any kinds; only the counted ones matter). */
export function monthVerdict(records: readonly RuleRecord[]): MonthVerdict {
  const counted = records.filter((r) => countsForMonthlyRule(r.kind));
  return monthVerdictFromCounts(counted.length, counted.filter((r) => !rateMet(r)).length);
}

/** The months from `from` to `to`, both included ('2026-11', '2026-12', '2027-01'). */
export function monthsBetween(from: IsoMonth, to: IsoMonth): IsoMonth[] {
  const out: IsoMonth[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const cur = `${y}-${String(m).padStart(2, '0')}`;
    if (cur > to || out.length > 1200) break;
    out.push(cur);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** A committee's period: valid months, from ≤ to, at most 12 months, not beyond the current month. */
export function checkOrgLifePeriod(from: IsoMonth, to: IsoMonth, today: IsoDate): Check {
  if (!isValidMonth(from) || !isValidMonth(to)) return fail('MONTH_INVALID');
  if (from > to) return fail('ORG_LIFE_PERIOD_INVALID');
  if (to > monthOf(today)) return fail('MONTH_IN_FUTURE');
  if (monthsBetween(from, to).length > ORG_LIFE_PERIOD_MAX_MONTHS) return fail('ORG_LIFE_PERIOD_TOO_LONG');
  return OK;
}

/** The first and last day of a period, for a date-range query. */
export const periodDays = (from: IsoMonth, to: IsoMonth): { from: IsoDate; to: IsoDate } => ({ from: `${from}-01`, to: `${to}-31` });
