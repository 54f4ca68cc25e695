import type { ErrorCode } from '../errors';
import type { RealNameStatus } from '../enums';
import { fail } from './check';

/**
 * §4.2 what moves a real-name verification. `start`: the check-in was submitted with
 * (new) identity data; `pass` / `fail`: the verification service's answer; `recheck`:
 * the automatic re-check within 24 h of a failure; `offlinePass`: the operator verified
 * the person offline (note + photo) [001 annex 1 §3].
 */
export const RealNameEvents = ['start', 'pass', 'fail', 'recheck', 'offlinePass'] as const;
export type RealNameEvent = (typeof RealNameEvents)[number];

export type RealNameTransition = { ok: true; status: RealNameStatus } | { ok: false; code: ErrorCode };

export interface RealNameContext {
  /** The automatic re-check already ran for this submission: a second one is refused. */
  rechecked?: boolean;
}

/**
 * §4.2 real-name state machine. pending → passed | failed; failed → rechecking (once) →
 * passed | failed (final); failed → offlinePassed. Offline verification is open to any
 * failed check [001: 若实名认证状态为"未通过"，则组织需要线下核验], so an operator need not
 * wait for the re-check; a re-check after that is refused. `start` restarts from any
 * settled state (a resubmission with corrected identity), never while one is running.
 */
export function nextRealNameStatus(current: RealNameStatus | null, event: RealNameEvent, context: RealNameContext = {}): RealNameTransition {
  const running = current === 'pending' || current === 'rechecking';
  switch (event) {
    case 'start':
      return running ? fail('REAL_NAME_IN_PROGRESS') : { ok: true, status: 'pending' };
    case 'pass':
      return running ? { ok: true, status: 'passed' } : fail('REAL_NAME_TRANSITION_INVALID');
    case 'fail':
      return running ? { ok: true, status: 'failed' } : fail('REAL_NAME_TRANSITION_INVALID');
    case 'recheck':
      if (current !== 'failed') return fail('REAL_NAME_TRANSITION_INVALID');
      return context.rechecked ? fail('REAL_NAME_RECHECK_DONE') : { ok: true, status: 'rechecking' };
    case 'offlinePass':
      if (current === 'failed') return { ok: true, status: 'offlinePassed' };
      return fail(running ? 'REAL_NAME_IN_PROGRESS' : 'REAL_NAME_NOT_FAILED');
  }
  return fail('REAL_NAME_TRANSITION_INVALID');
}

/** §4.2 statuses during which review explains that verification is still running. */
export const isRealNameRunning = (s: RealNameStatus | null): boolean => s === 'pending' || s === 'rechecking';
