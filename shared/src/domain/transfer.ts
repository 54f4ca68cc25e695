import type { ErrorCode } from '../errors';
import {
  HOME_PROVINCE_CODE,
  type LeagueSystem,
  type OrgType,
  type OutOfProvinceDestination,
  type TransferStatus,
} from '../enums';
import { BATCH_TRANSFER_MAX } from '../limits';
import { fail, OK, type Check } from './check';
import { canBatchTransfer } from './org-type';

/** §7.1 / [003]: 北京 and 福建 run their own systems; every other destination is central. */
export const destinationSystem = (dest: OutOfProvinceDestination | typeof HOME_PROVINCE_CODE): LeagueSystem =>
  dest === HOME_PROVINCE_CODE ? 'guangdong' : dest === '11' ? 'beijing' : dest === '35' ? 'fujian' : 'central';

/** §7.1 [004 FAQ 三 2(3)]: for Beijing / Fujian (and Guangdong) a specific branch must be chosen. */
export const requiresBranchDestination = (dest: OutOfProvinceDestination | typeof HOME_PROVINCE_CODE): boolean =>
  destinationSystem(dest) !== 'central';

/**
 * §7.2–7.4 what moves a transfer. `approveOut`: the out-org (or its direct superior)
 * approves; `approveIn`: the in-org approves (assigning a branch if it is a committee);
 * `reject`: either side refuses with a reason; `expire`: the 10-day deadline passed;
 * `withdraw`: the applicant takes it back before the out-org acted [§10];
 * `confirmExternal` / `rejectExternal`: the other system's answer for a cross-system
 * transfer.
 */
export const TransferActions = [
  'approveOut',
  'approveIn',
  'reject',
  'expire',
  'withdraw',
  'confirmExternal',
  'rejectExternal',
] as const;
export type TransferAction = (typeof TransferActions)[number];

export type TransferTransition = { ok: true; status: TransferStatus } | { ok: false; code: ErrorCode };

export interface TransferContext {
  /** The destination is another League system (central / Beijing / Fujian). */
  crossSystem?: boolean;
}

/** §7.2 approval chain: out-org → in-org (or the other system) → completed. */
export function nextTransferStatus(
  current: TransferStatus,
  action: TransferAction,
  context: TransferContext = {},
): TransferTransition {
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
      return pending ? { ok: true, status: 'expired' } : fail('TRANSFER_TRANSITION_INVALID');
    case 'withdraw':
      return current === 'pendingOut' ? { ok: true, status: 'withdrawn' } : fail('TRANSFER_NOT_WITHDRAWABLE');
    case 'confirmExternal':
      return current === 'awaitingExternal' ? { ok: true, status: 'completed' } : fail('TRANSFER_NOT_AWAITING_EXTERNAL');
    case 'rejectExternal':
      return current === 'awaitingExternal' ? { ok: true, status: 'rejected' } : fail('TRANSFER_NOT_AWAITING_EXTERNAL');
  }
  return fail('TRANSFER_TRANSITION_INVALID');
}

/** §7.2 only one open transfer per member. */
export const isTransferOpen = (s: TransferStatus): boolean =>
  s === 'pendingOut' || s === 'pendingIn' || s === 'awaitingExternal';

/**
 * §7.3 batch transfer: only a 基层团委 / 团工委 / 团总支, two different branches, at most
 * 30 members at once. That both branches lie in the initiator's subtree is the server's
 * check.
 */
export function checkBatchTransfer(input: {
  initiatorType: OrgType;
  fromBranchId: string;
  toBranchId: string;
  memberCount: number;
}): Check {
  if (!canBatchTransfer(input.initiatorType)) return fail('BATCH_TRANSFER_NOT_ALLOWED');
  if (input.fromBranchId === input.toBranchId) return fail('TRANSFER_SAME_BRANCH');
  if (input.memberCount < 1) return fail('REQUIRED');
  if (input.memberCount > BATCH_TRANSFER_MAX) return fail('BATCH_TRANSFER_TOO_MANY');
  return OK;
}
