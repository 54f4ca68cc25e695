import type { ErrorCode } from '../errors';
import type { CheckinStatus, RealNameStatus } from '../enums';
import { fail, OK, type Check } from './check';

/**
 * §4.2 what moves a check-in. `submit`: the member sends the form (first time, after a
 * return, after withdrawing); `withdraw`: the member pulls a waiting check-in back to
 * edit it or change branch; `approve` / `return`: the operator's review (an offline
 * verification that finds the data right is an `approve`); `submitEdit`: an approved
 * member sends changed data that needs review.
 */
export const CheckinActions = ['submit', 'withdraw', 'approve', 'return', 'submitEdit'] as const;
export type CheckinAction = (typeof CheckinActions)[number];

export type CheckinTransition = { ok: true; status: CheckinStatus } | { ok: false; code: ErrorCode };

/** `null` = no check-in yet (a draft at most). */
type From = CheckinStatus | null;

const MOVES: Record<CheckinAction, Partial<Record<CheckinStatus | 'none', CheckinStatus>>> = {
  submit: { none: 'submitted', returned: 'submitted', withdrawn: 'submitted' },
  withdraw: { submitted: 'withdrawn' },
  approve: { submitted: 'approved', editSubmitted: 'approved' },
  return: { submitted: 'returned', editSubmitted: 'editReturned' },
  submitEdit: { approved: 'editSubmitted', editReturned: 'editSubmitted' },
};

const isPending = (s: From) => s === 'submitted' || s === 'editSubmitted';

/** The message that explains why `action` cannot happen in `current`. */
function refusal(current: From, action: CheckinAction): ErrorCode {
  switch (action) {
    case 'submit':
      if (current === 'transferredOut') return 'CHECKIN_TRANSFERRED_OUT';
      return isPending(current) ? 'CHECKIN_PENDING_REVIEW' : 'CHECKIN_ALREADY_APPROVED';
    case 'withdraw':
      return 'CHECKIN_NOT_WITHDRAWABLE';
    case 'approve':
    case 'return':
      return 'CHECKIN_NOT_PENDING';
    case 'submitEdit':
      if (current === 'transferredOut') return 'CHECKIN_TRANSFERRED_OUT';
      return isPending(current) ? 'CHECKIN_PENDING_REVIEW' : 'CHECKIN_NOT_APPROVED';
  }
  // An action from untrusted input that the type system did not see.
  return 'VALIDATION_FAILED';
}

/** §4.2 check-in state machine; an illegal move is an error code, never an exception. */
export function nextCheckinStatus(current: CheckinStatus | null, action: CheckinAction): CheckinTransition {
  const to = MOVES[action]?.[current ?? 'none'];
  if (to) return { ok: true, status: to };
  return fail(refusal(current, action));
}

/**
 * §4.1 step 4: until approved the member can do nothing else. An edit waiting for review
 * or returned keeps the previously approved data in force, so those count as approved.
 */
export const isCheckinApproved = (status: CheckinStatus | null): status is 'approved' | 'editSubmitted' | 'editReturned' =>
  status === 'approved' || status === 'editSubmitted' || status === 'editReturned';

/** §4.2 a check-in the operator can review now. */
export const isCheckinPendingReview = (status: CheckinStatus | null): boolean => isPending(status);

/** §4.3 the member may edit the form (identity included) only before the first approval. */
export const isCheckinEditable = (status: CheckinStatus | null): boolean => status === null || status === 'returned' || status === 'withdrawn';

/**
 * §4.2 approval needs real-name `passed` or `offlinePassed`; while it runs the review
 * buttons explain that. A failed check goes through offline verification instead.
 */
export function checkRealNameAllowsApproval(realName: RealNameStatus | null): Check {
  if (realName === 'passed' || realName === 'offlinePassed') return OK;
  if (realName === 'failed') return fail('REAL_NAME_FAILED');
  return fail('REAL_NAME_IN_PROGRESS');
}
