import type { ErrorCode } from '../errors';
import { HOME_PROVINCE_CODE, type LeagueSystem, type OrgType, type OutOfProvinceDestination, type TransferStatus } from '../enums';
import { BATCH_TRANSFER_MAX } from '../limits';
import { fail, OK, type Check } from './check';
import { canBatchTransfer } from './org-type';

/** §7.1 / [003]: 北京 and 福建 run their own systems; every other destination is central. */
export const destinationSystem = (dest: OutOfProvinceDestination | typeof HOME_PROVINCE_CODE): LeagueSystem =>
  dest === HOME_PROVINCE_CODE ? 'guangdong' : dest === '11' ? 'beijing' : dest === '35' ? 'fujian' : 'central';

/** §7.1 [004 FAQ 三 2(3)]: for Beijing / Fujian (and Guangdong) a specific branch must be chosen. */
export const requiresBranchDestination = (dest: OutOfProvinceDestination | typeof HOME_PROVINCE_CODE): boolean => destinationSystem(dest) !== 'central';

/**
 * §7.2–7.4 what moves a transfer. `approveOut`: the out-org (or its direct superior)
 * approves; `approveIn`: the in-org approves (assigning a branch if it is a committee);
 * `reject`: either side refuses with a reason; `expire`: the 10-day deadline passed;
 * `withdraw`: the applicant takes it back before the out-org acted [§10];
 * `withdrawByInitiator`: the org that started it takes it back while one of our orgs
 * holds it [004 §二(三)3 (2.2)(i): 发起方可随时撤销];
 * `confirmExternal` / `rejectExternal`: the other system's answer for a cross-system
 * transfer; `appeal`: the applicant appeals a transfer an org returned (申诉, §10);
 * `approveAppeal` / `rejectAppeal`: the returning org's direct superior decides it.
 */
export const TransferActions = [
  'approveOut',
  'approveIn',
  'reject',
  'expire',
  'withdraw',
  'withdrawByInitiator',
  'confirmExternal',
  'rejectExternal',
  'appeal',
  'approveAppeal',
  'rejectAppeal',
] as const;
export type TransferAction = (typeof TransferActions)[number];

export type TransferTransition = { ok: true; status: TransferStatus } | { ok: false; code: ErrorCode };

export interface TransferContext {
  /** The destination is another League system (central / Beijing / Fujian). */
  crossSystem?: boolean;
  /** `appeal`: the transfer was returned by one of our orgs (not by the deadline or the other system). */
  returnedByOrg?: boolean;
  /** `approveAppeal`: the step that returned it, where the transfer resumes. */
  resumeAt?: 'pendingOut' | 'pendingIn';
}

/** §7.2 approval chain: out-org → in-org (or the other system) → completed. */
export function nextTransferStatus(current: TransferStatus, action: TransferAction, context: TransferContext = {}): TransferTransition {
  const pending = current === 'pendingOut' || current === 'pendingIn';
  switch (action) {
    case 'approveOut':
      if (current !== 'pendingOut') return fail('TRANSFER_NOT_PENDING');
      return { ok: true, status: context.crossSystem ? 'awaitingExternal' : 'pendingIn' };
    case 'approveIn':
      return current === 'pendingIn' ? { ok: true, status: 'completed' } : fail('TRANSFER_NOT_PENDING');
    case 'reject':
      return pending ? { ok: true, status: 'rejected' } : fail('TRANSFER_NOT_PENDING');
    case 'expire':
      // §7.4 a step, or the other system's answer, not given within 10 days returns the
      // transfer; an appeal left undecided lapses and the transfer stays returned.
      if (pending || current === 'awaitingExternal') return { ok: true, status: 'expired' };
      return current === 'appealing' ? { ok: true, status: 'rejected' } : fail('TRANSFER_TRANSITION_INVALID');
    case 'withdraw':
      return current === 'pendingOut' || current === 'appealing' ? { ok: true, status: 'withdrawn' } : fail('TRANSFER_NOT_WITHDRAWABLE');
    case 'withdrawByInitiator':
      // Once handed to the other system it is theirs to answer; closed ones are history.
      return pending || current === 'appealing' ? { ok: true, status: 'withdrawn' } : fail('TRANSFER_ORG_NOT_WITHDRAWABLE');
    case 'confirmExternal':
      return current === 'awaitingExternal' ? { ok: true, status: 'completed' } : fail('TRANSFER_NOT_AWAITING_EXTERNAL');
    case 'rejectExternal':
      return current === 'awaitingExternal' ? { ok: true, status: 'rejected' } : fail('TRANSFER_NOT_AWAITING_EXTERNAL');
    case 'appeal':
      return current === 'rejected' && context.returnedByOrg ? { ok: true, status: 'appealing' } : fail('TRANSFER_NOT_APPEALABLE');
    case 'approveAppeal':
      return current === 'appealing' ? { ok: true, status: context.resumeAt ?? 'pendingOut' } : fail('TRANSFER_APPEAL_NOT_PENDING');
    case 'rejectAppeal':
      return current === 'appealing' ? { ok: true, status: 'rejected' } : fail('TRANSFER_APPEAL_NOT_PENDING');
  }
  return fail('TRANSFER_TRANSITION_INVALID');
}

/** §7.2 only one open transfer per member. */
export const isTransferOpen = (s: TransferStatus): boolean => s === 'pendingOut' || s === 'pendingIn' || s === 'awaitingExternal' || s === 'appealing';

/** Who holds an open transfer: the out-org, the in-org, the other system, or the appeal's decider. */
export type TransferHolder = 'out' | 'in' | 'external' | 'appeal';
export function transferHolder(s: TransferStatus): TransferHolder | null {
  switch (s) {
    case 'pendingOut':
      return 'out';
    case 'pendingIn':
      return 'in';
    case 'awaitingExternal':
      return 'external';
    case 'appealing':
      return 'appeal';
    default:
      return null;
  }
}

const DAY_MS = 24 * 3600 * 1000;

/** Whole days a step has waited at `now` (for escalation lists). */
export const daysWaiting = (since: Date, now: Date): number => Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));

/**
 * §7.3 [004 §二(三)1]: 办理转入 / 办理转出 are for 基层团委, 团工委, 团总支 and 团支部 —
 * not for the leading organs (发起方为转入组织管理员，除团的领导机关管理员).
 */
export const canOrgTransfer = (type: OrgType): boolean => type !== 'leadingOrgan';

/**
 * §7.1 / §7.2 an in-province destination: a branch, or a committee / general branch that
 * assigns a branch on approval; never a leading organ, never the member's own branch.
 */
export function checkTransferDestination(input: { destinationType: OrgType; destinationId: string; fromBranchId: string }): Check {
  if (input.destinationType === 'leadingOrgan') return fail('TRANSFER_DESTINATION_INVALID');
  if (input.destinationId === input.fromBranchId) return fail('TRANSFER_SAME_BRANCH');
  return OK;
}

/** §7.2 an in-org that is not a branch assigns one when it approves. */
export const needsBranchAssignment = (destinationType: OrgType): boolean => destinationType !== 'branch';

/**
 * §7.2 the branch assigned on approval: a branch in the destination's subtree (by path),
 * not the branch the member leaves.
 */
export function checkAssignedBranch(input: { branchType: OrgType; branchPath: string; destinationPath: string; branchId: string; fromBranchId: string }): Check {
  if (input.branchType !== 'branch' || !input.branchPath.startsWith(input.destinationPath)) return fail('TRANSFER_BRANCH_NOT_IN_SUBTREE');
  if (input.branchId === input.fromBranchId) return fail('TRANSFER_SAME_BRANCH');
  return OK;
}

/**
 * §7.3 batch transfer: only a 基层团委 / 团工委 / 团总支, two different branches, at most
 * 30 members at once. That both branches lie in the initiator's subtree is the server's
 * check.
 */
export function checkBatchTransfer(input: { initiatorType: OrgType; fromBranchId: string; toBranchId: string; memberCount: number }): Check {
  if (!canBatchTransfer(input.initiatorType)) return fail('BATCH_TRANSFER_NOT_ALLOWED');
  if (input.fromBranchId === input.toBranchId) return fail('TRANSFER_SAME_BRANCH');
  if (input.memberCount < 1) return fail('REQUIRED');
  if (input.memberCount > BATCH_TRANSFER_MAX) return fail('BATCH_TRANSFER_TOO_MANY');
  return OK;
}
