import { fail, OK, type Check } from './check';
import { isValidDate, type IsoDate } from './dates';

/**
 * 两制 [004 §一 3, §二 9]: 年度团籍注册 and 团员教育评议. Both have the same shape — a committee
 * opens a year for its subtree with a window, each branch decides every member, then submits
 * to its direct superior, who approves or returns (年度团籍注册审批 [004 §二 6]).
 */
export const CampaignKinds = { registration: '年度团籍注册', review: '团员教育评议' } as const;
export type CampaignKind = keyof typeof CampaignKinds;

/** 年度团籍注册: each member is registered, or not (不予注册, with a reason). */
export const RegistrationOutcomes = { registered: '予以注册', refused: '不予注册' } as const;
/** 团员教育评议: the four ratings. */
export const ReviewOutcomes = { excellent: '优秀', qualified: '合格', basic: '基本合格', unqualified: '不合格' } as const;
export const MemberOutcomes = { ...RegistrationOutcomes, ...ReviewOutcomes } as const;
export type MemberOutcome = keyof typeof MemberOutcomes;

/** A branch's work on one campaign: drafted, submitted to its superior, then approved or returned. */
export const SubmissionStates = { draft: '未提交', submitted: '待审批', approved: '已审批', returned: '已退回' } as const;
export type SubmissionState = keyof typeof SubmissionStates;

export const outcomesOf = (kind: CampaignKind): readonly MemberOutcome[] =>
  kind === 'registration' ? (Object.keys(RegistrationOutcomes) as MemberOutcome[]) : (Object.keys(ReviewOutcomes) as MemberOutcome[]);

/** 不予注册 and 不合格 are decisions against the member: they need a reason on record. */
export const outcomeNeedsReason = (outcome: MemberOutcome): boolean => outcome === 'refused' || outcome === 'unqualified';

/** The "all at once" action applies one favourable outcome; adverse ones are decided one by one. */
export const outcomeAllowedInBulk = (kind: CampaignKind, outcome: MemberOutcome): boolean => outcomesOf(kind).includes(outcome) && !outcomeNeedsReason(outcome);

export function checkMemberOutcome(kind: CampaignKind, outcome: MemberOutcome, reason: string | null | undefined): Check {
  if (!outcomesOf(kind).includes(outcome)) return fail('REG_OUTCOME_INVALID');
  if (outcomeNeedsReason(outcome) && !(reason ?? '').trim()) return fail('REG_REASON_REQUIRED');
  return OK;
}

/** Longest window a committee may open *(decision)*: a season, not a standing door. */
export const CAMPAIGN_MAX_DAYS = 366;

const dayNumber = (d: IsoDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

export interface CampaignWindowInput {
  year: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/**
 * Opening a year (China days, UTC+8): a real window that has not already ended, at most
 * CAMPAIGN_MAX_DAYS long, for a year close to today's — the work of year N is done during N
 * or early N+1, so the year is this year, last year or next year *(decision)*.
 */
export function checkCampaignWindow(w: CampaignWindowInput, today: IsoDate): Check {
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(w.year) || w.year < thisYear - 1 || w.year > thisYear + 1) return fail('REG_YEAR_INVALID');
  if (!isValidDate(w.startsOn) || !isValidDate(w.endsOn)) return fail('DATE_INVALID');
  if (w.endsOn < w.startsOn) return fail('REG_WINDOW_INVALID');
  if (w.endsOn < today) return fail('REG_WINDOW_PAST');
  if (dayNumber(w.endsOn) - dayNumber(w.startsOn) + 1 > CAMPAIGN_MAX_DAYS) return fail('REG_WINDOW_TOO_LONG');
  return OK;
}

export type WindowState = 'notStarted' | 'open' | 'closed';
export const WindowStates: Record<WindowState, string> = { notStarted: '未开始', open: '进行中', closed: '已结束' };

/** Both ends count: a window 03-01..03-31 is open all of 31 March, China time. */
export const windowState = (w: { startsOn: IsoDate; endsOn: IsoDate }, today: IsoDate): WindowState => (today < w.startsOn ? 'notStarted' : today > w.endsOn ? 'closed' : 'open');

/**
 * Whether the branch may change its members' decisions and submit: inside the window, or —
 * whatever the date — after its superior returned it (the return is the superior's leave to
 * correct; otherwise a return after the window would strand the branch) *(decision)*.
 */
export function checkBranchMayEdit(state: SubmissionState | null, window: WindowState): Check {
  if (state === 'submitted') return fail('REG_ALREADY_SUBMITTED');
  if (state === 'approved') return fail('REG_ALREADY_APPROVED');
  if (state === 'returned') return OK;
  if (window !== 'open') return fail('REG_OUTSIDE_WINDOW');
  return OK;
}

export type SubmissionDecision = 'approve' | 'return';

/** The superior decides a submission only while it waits; a return carries a reason. */
export function checkSubmissionDecision(state: SubmissionState, decision: SubmissionDecision, reason: string | null | undefined): Check {
  if (state !== 'submitted') return fail('REG_NOT_PENDING');
  if (decision === 'return' && !(reason ?? '').trim()) return fail('REG_RETURN_REASON_REQUIRED');
  return OK;
}
