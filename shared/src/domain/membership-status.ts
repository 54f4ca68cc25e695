import { MEMBERSHIP_AGE_LIMIT } from '../limits';
import { ageOn } from './age';
import { fail, OK, type Check } from './check';
import { isValidDate, type IsoDate } from './dates';

/**
 * 团籍状态 [004 FAQ; SPEC §10]. `normal` is the only state of a member who belongs to the League;
 * every other one is an exit, kept forever (nothing is deleted) and excluded from lists and
 * statistics. `transferredOut` is set by the transfers module for a completed out-of-province
 * transfer (the member is now kept by the other province's system).
 */
export const MembershipStatuses = {
  normal: '正常',
  agedOut: '满28周岁离团',
  resigned: '自愿退团',
  expelled: '开除团籍',
  lapsed: '自行脱团',
  transferredOut: '已转出',
} as const;
export type MembershipStatus = keyof typeof MembershipStatuses;

export const isActiveMembership = (s: MembershipStatus | null | undefined): boolean => s == null || s === 'normal';

/**
 * Issue 16 B2: a member who left keeps their 认证资料 to read, never to change — except 已转出, whose
 * check-in the transfer state machine already answers (CHECKIN_TRANSFERRED_OUT).
 */
export const membershipBlocksCheckinEdit = (s: MembershipStatus | null | undefined): boolean => !isActiveMembership(s) && s !== 'transferredOut';

/** The exits a branch asks for with a reason and its superior approves (团章: 退团、开除团籍、脱团). */
export const MembershipExitKinds = ['resigned', 'expelled', 'lapsed'] as const satisfies readonly MembershipStatus[];
export type MembershipExitKind = (typeof MembershipExitKinds)[number];

export const MembershipRequestStatuses = {
  pending: '待审批',
  approved: '已同意',
  rejected: '不同意',
} as const;
export type MembershipRequestStatus = keyof typeof MembershipRequestStatuses;

export const MEMBERSHIP_REASON_MAX = 200;

/**
 * 团章 [004 FAQ]: 年满二十八周岁，没有在团内担任职务，不再保留团籍. Applied directly by the daily job
 * *(decision: no 满28岁离团待审核 step — the rule leaves no judgement to the branch, the birth
 * date comes from the verified ID number and positions from the roster; a pending state would
 * only keep people over 28 counted until someone clicked)*.
 */
export const agesOut = (birthDate: IsoDate, today: IsoDate, holdsPosition: boolean): boolean => isValidDate(birthDate) && !holdsPosition && ageOn(birthDate, today) >= MEMBERSHIP_AGE_LIMIT;

/** The latest birth date that is 28 on `today` (ageOn's birthday rule as a string bound, for SQL). */
export const ageOutBirthCutoff = (today: IsoDate): IsoDate => `${String(Number(today.slice(0, 4)) - MEMBERSHIP_AGE_LIMIT).padStart(4, '0')}${today.slice(4)}`;

/** A branch's exit request: a kind of exit and a reason. */
export function checkExitRequest(kind: string, reason: string | null | undefined): Check {
  if (!(MembershipExitKinds as readonly string[]).includes(kind)) return fail('OPTION_INVALID');
  if (!reason || !reason.trim()) return fail('MEMBERSHIP_REASON_REQUIRED');
  return OK;
}
