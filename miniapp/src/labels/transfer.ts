import type { TransferStepOutcome } from '@tj/shared';
import type { Tone } from '../components/status-tag';

/** What a transfer's steps and states are called and the colour of their tag. */

export const STEP_OUTCOME_LABELS: Record<TransferStepOutcome, string> = {
  pending: '办理中',
  approved: '同意',
  rejected: '退回',
  expired: '超时自动退回',
  withdrawn: '已撤回',
  skipped: '无需审核',
};

export const stepTone = (o: TransferStepOutcome): Tone => (o === 'approved' ? 'green' : o === 'pending' ? 'blue' : o === 'skipped' ? 'gray' : o === 'withdrawn' ? 'gray' : 'red');

export const statusTone = (status: string): Tone =>
  status === 'completed'
    ? 'green'
    : status === 'pendingOut' || status === 'pendingIn' || status === 'awaitingExternal' || status === 'appealing'
      ? 'blue'
      : status === 'withdrawn'
        ? 'gray'
        : 'red';
