import { ENLISTED_TRANSFER_APPROVAL_DAYS, TRANSFER_REMINDER_DAYS, TRANSFER_STEP_DEADLINE_DAYS } from '../limits';
import { todayInChina } from './dates';

const DAY_MS = 24 * 3600 * 1000;
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * 学社衔接 season [004 §二(三)3 (2.2)(i)]: "5月1日至8月31日, 发起方提出“学社衔接”转接申请,
 * “智慧团建”系统暂不作强制性处理" — by China's calendar (UTC+8), whatever the host's zone.
 */
export function isTransferSeason(at: Date): boolean {
  const md = todayInChina(at).slice(5);
  return md >= '05-01' && md <= '08-31';
}

/** 9月1日 00:00 in China (UTC+8) of the season `at` falls in. */
export function seasonEnd(at: Date): Date {
  const year = Number(todayInChina(at).slice(0, 4));
  return new Date(Date.UTC(year, 8, 1) - CHINA_OFFSET_MS);
}

export interface StepClock {
  /** When the application was made (the season is the application's, [004 (2.2)(i)]). */
  appliedAt?: Date;
  /** The step's approval period: 10 days, or 15 for the special-unit pool [004 §二(三)6(4)]. */
  days?: number;
}

/**
 * When a step's 10-day count starts. An application made in the season is not returned
 * automatically before 9月1日; "9月1日至9月30日 … 完成审核" — the rule applies again from then,
 * counted from 9月1日 for a step that began in the season.
 */
export function transferStepStart(since: Date, clock: StepClock = {}): Date {
  if (!clock.appliedAt || !isTransferSeason(clock.appliedAt)) return since;
  const end = seasonEnd(clock.appliedAt);
  return since < end ? end : since;
}

/** §7.4 a step started at `since` is returned automatically after its approval period. */
export const transferStepDeadline = (since: Date, clock: StepClock = {}): Date => new Date(transferStepStart(since, clock).getTime() + (clock.days ?? TRANSFER_STEP_DEADLINE_DAYS) * DAY_MS);

/** §7.4 when the holder of a step is reminded (day 3 and day 7 of its count). */
export const transferReminderTimes = (since: Date, clock: StepClock = {}): { day: number; at: Date }[] => {
  const start = transferStepStart(since, clock).getTime();
  return TRANSFER_REMINDER_DAYS.map((day) => ({ day, at: new Date(start + day * DAY_MS) }));
};

/**
 * [004 §二(三)6(4)] "“智慧团建”系统默认审核通过期限为 15 天" — the provincial committee's
 * approval of a transfer into the special-unit pool; every other step has 10 days.
 */
export const transferStepDays = (toSpecialUnitPool: boolean): number => (toSpecialUnitPool ? ENLISTED_TRANSFER_APPROVAL_DAYS : TRANSFER_STEP_DEADLINE_DAYS);
