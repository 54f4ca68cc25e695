import type { BranchCategory, OrgType } from '../enums';
import type { ErrorCode } from '../errors';
import { fail, OK, type Check } from './check';
import { daysInMonth, todayInChina, yearInChina, type IsoDate } from './dates';
import { isCommittee } from './org-type';

/**
 * 对标定级 [004 §二(五)]: a 团支部 / 团总支 rates itself each year against the year's standard,
 * its superior committee (上级团委) reviews. Pure, so the pages show what the server enforces.
 */

/** The levels: 五星 … 一星 (the "具体星级" the superior clicks) and 不予定级 [004 §二(五)1(1)(ii), (2)(ii)]. */
export const RatingLevels = { star5: '五星', star4: '四星', star3: '三星', star2: '二星', star1: '一星', ungraded: '不予定级' } as const;
export type RatingLevel = keyof typeof RatingLevels;
export const RATING_LEVEL_KEYS = Object.keys(RatingLevels) as RatingLevel[];

/**
 * 对标定级参考标准 as 004 §二(五)1(1)(i) prints it: 考察维度, 分值占比, 主要评价内容, 具体指标. The seed's
 * table ends after 活动开展 (its remaining rows were images not carried by the text); the
 * three dimensions are transcribed word for word, nothing invented.
 */
export const RATING_STANDARD = [
  {
    dimension: '班子建设',
    weight: '15% 左右',
    items: [
      { no: 1, content: '班子配备齐整', indicator: '书记配备齐整，随缺随补，按期换届；支书称职。' },
      { no: 2, content: '班子运转有序', indicator: '支委分工明确，支委会运转正常、能发挥作用。' },
    ],
  },
  {
    dimension: '团员管理',
    weight: '20% 左右',
    items: [
      { no: 3, content: '团员信息完整', indicator: '支部团员底数清晰，团员信息完整，能联系上。' },
      { no: 4, content: '入团程序规范', indicator: '严格按照程序发展团员；无突击发展团员、不满14周岁入团等现象；规范组织入团仪式。' },
      { no: 5, content: '基础团务规范', indicator: '团员组织关系应转尽转、应接尽接；按时足额缴纳、上缴团费。' },
    ],
  },
  {
    dimension: '活动开展',
    weight: '20% 左右',
    items: [
      { no: 6, content: '经常开展团支部活动', indicator: '团支部每月至少开展1次活动；每次团员参与率50%以上。' },
      { no: 7, content: '按规定召开组织生活会', indicator: '定期开展组织生活会，每年不少于1次，有主题有记录。团总支书记、副书记编入一个团的支部，并参加所在团支部或者团小组组织生活。' },
      { no: 8, content: '组织体系健全', indicator: '隶属关系清晰；团总支至少有2个下属支部；规范设立、管理团小组。' },
    ],
  },
] as const;

/** 团（总）支部 rate themselves; committees review. */
export const RATED_ORG_TYPES: readonly OrgType[] = ['branch', 'generalBranch'];
export const isRatedType = (type: OrgType): boolean => RATED_ORG_TYPES.includes(type);

/** [004 §二(五) 注意事项(i)] 流动团员团支部、待接转团支部不纳入; 毕业生团组织 are in (Q&A (2)). */
export const RATING_EXCLUDED_CATEGORIES: readonly BranchCategory[] = ['mobileMembers', 'awaitingTransfer'];

/** [004 注意事项(iii)] 未复核前 … 最多允许修改 3 次. */
export const MAX_SELF_RATING_CHANGES = 3;

/** [004 §二(五)1(2)(iii)] 每年12月31日中午12:00 … 锁定复核结果 (UTC+8). */
export const ratingLockInstant = (year: number): Date => new Date(`${year}-12-31T12:00:00+08:00`);
export const isRatingLocked = (year: number, now: Date): boolean => now.getTime() >= ratingLockInstant(year).getTime();
/** The year being rated at `now`: the calendar year in China (locked from its 12-31 12:00 until it ends). */
export const ratingYearAt = (now: Date): number => yearInChina(now);

/** `day` minus `months` calendar months, the day clamped to the month's end. */
export function minusMonths(day: IsoDate, months: number): IsoDate {
  const total = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 - months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const d = Math.min(Number(day.slice(8, 10)), daysInMonth(y, m));
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * [004 注意事项(i)] 成立 6 个月以内的团支部(2020 年 10 月 1 日之后) are out: an org founded after the
 * day six months before the reference day. The reference is now, but never past the year's lock
 * (a finished year keeps the scope it closed with). Founded = the China day the org was set up in
 * the system *(decision: the tree has no other founding date)*.
 */
export function ratingFoundedCutoff(year: number, now: Date): IsoDate {
  const lock = ratingLockInstant(year);
  return minusMonths(todayInChina(now.getTime() < lock.getTime() ? now : lock), 6);
}

export const RatingExclusions = {
  notRatedType: '团委、团工委不参加自评',
  tooNew: '成立6个月以内',
  mobileMembers: '流动团员团支部',
  awaitingTransfer: '待接转团支部',
} as const;
export type RatingExclusion = keyof typeof RatingExclusions;

export interface RatingScopeOrg {
  type: OrgType;
  branchCategory: BranchCategory | null;
  /** China day the org was founded */
  foundedOn: IsoDate;
}

/** null: the org takes part in the year's rating; else why not. */
export function ratingExclusion(org: RatingScopeOrg, cutoff: IsoDate): RatingExclusion | null {
  if (!isRatedType(org.type)) return 'notRatedType';
  if (org.branchCategory === 'mobileMembers' || org.branchCategory === 'awaitingTransfer') return org.branchCategory;
  if (org.foundedOn > cutoff) return 'tooNew';
  return null;
}

/**
 * The superior that reviews (上级团委复核): the nearest committee above the org — a branch under a
 * 团总支 is reviewed by the committee above that 团总支, as the 团总支 is itself rated. `ancestors`
 * nearest first; null for none.
 */
export function ratingReviewer<T extends { type: OrgType }>(ancestors: readonly T[]): T | null {
  return ancestors.find((o) => isCommittee(o.type)) ?? null;
}

/** One org's rating of one year as the rules need it. */
export interface RatingState {
  selfLevel: RatingLevel;
  /** changes since the current round began (the first submission is not a change) */
  changesUsed: number;
  reviewLevel: RatingLevel | null;
  selfRatedAt: Date;
  reviewedAt: Date | null;
}

/** 未评定 / 待复核 / 已重新自评 (after 不予定级, shown 标红 to the superior) / 已复核. */
export const RatingStatuses = { notRated: '未自评', rated: '待复核', rerated: '已重新自评', reviewed: '已复核' } as const;
export type RatingStatus = keyof typeof RatingStatuses;

export function ratingStatus(r: Pick<RatingState, 'reviewLevel' | 'selfRatedAt' | 'reviewedAt'> | null): RatingStatus {
  if (!r) return 'notRated';
  if (r.reviewLevel == null || r.reviewedAt == null) return 'rated';
  return r.selfRatedAt.getTime() > r.reviewedAt.getTime() ? 'rerated' : 'reviewed';
}

/** 不予定级团(总)支部列入重点整顿范围 [004 注意事项(ii)]: until the superior reviews it with a star. */
export const isRectification = (r: Pick<RatingState, 'reviewLevel'> | null): boolean => r?.reviewLevel === 'ungraded';

export type SelfRatingOutcome = { ok: true; kind: 'first' | 'change' | 'rerate'; changesUsed: number } | { ok: false; code: ErrorCode };

/**
 * A self-rating submitted at `now` for `year` [004 注意事项(ii)(iii), Q&A (1)]: the first one; a change
 * while unreviewed, at most MAX_SELF_RATING_CHANGES; none after a review, except after 不予定级,
 * which opens a new round (rerate, with its own changes). Nothing after the year's lock.
 */
export function selfRatingOutcome(current: Pick<RatingState, 'changesUsed' | 'reviewLevel' | 'selfRatedAt' | 'reviewedAt'> | null, year: number, now: Date): SelfRatingOutcome {
  if (isRatingLocked(year, now)) return fail('RATING_LOCKED');
  if (!current) return { ok: true, kind: 'first', changesUsed: 0 };
  const status = ratingStatus(current);
  if (status === 'reviewed') return current.reviewLevel === 'ungraded' ? { ok: true, kind: 'rerate', changesUsed: 0 } : fail('RATING_REVIEWED');
  if (current.changesUsed >= MAX_SELF_RATING_CHANGES) return fail('RATING_CHANGE_LIMIT');
  return { ok: true, kind: 'change', changesUsed: current.changesUsed + 1 };
}

/** Changes left before the review (0 once reviewed, unless 不予定级 reopened it). */
export function selfRatingChangesLeft(current: Pick<RatingState, 'changesUsed' | 'reviewLevel' | 'selfRatedAt' | 'reviewedAt'> | null, year: number, now: Date): number {
  if (isRatingLocked(year, now)) return 0;
  if (!current) return MAX_SELF_RATING_CHANGES;
  const status = ratingStatus(current);
  if (status === 'reviewed') return current.reviewLevel === 'ungraded' ? MAX_SELF_RATING_CHANGES : 0;
  return Math.max(0, MAX_SELF_RATING_CHANGES - current.changesUsed);
}

/** The superior reviews (and may change its review) any submitted self-rating until the lock. */
export function checkRatingReview(current: Pick<RatingState, 'selfLevel'> | null, year: number, now: Date): Check {
  if (isRatingLocked(year, now)) return fail('RATING_LOCKED');
  if (!current) return fail('RATING_NOT_SUBMITTED');
  return OK;
}

/** At most this many orgs ticked in one batch review (a committee's screen of branches). */
export const RATING_BATCH_MAX = 100;
