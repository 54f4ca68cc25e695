import type { CheckinStatus } from '../enums';

/**
 * 已转出 [issue 15 item 8]: a member whose organisation relation left for another League
 * system. Not a withdrawal: the check-in stays, read-only, and shows where the member went;
 * it never goes back to `submitted` — returning is a transfer in (003 §四). The 团籍 states
 * (graduation, membership) reuse this type and label.
 */
export const TRANSFERRED_OUT = 'transferredOut' as const satisfies CheckinStatus;
export const TRANSFERRED_OUT_LABEL = '已转出';

/** Where a transferred-out member went: shown with the state. */
export interface TransferredOut {
  state: typeof TRANSFERRED_OUT;
  /** OutOfProvinceDestination key and its label (e.g. '35', '福建'). */
  destinationRegion: string | null;
  destinationRegionLabel: string | null;
  destinationOrgName: string | null;
  transferId: string;
  /** ISO instant the other system confirmed. */
  at: string;
}

export const isTransferredOut = (status: CheckinStatus | null): status is typeof TRANSFERRED_OUT => status === TRANSFERRED_OUT;

/** '已转出至福建·XX团支部' — the one wording of the state with its destination. */
export function transferredOutText(t: Pick<TransferredOut, 'destinationRegionLabel' | 'destinationOrgName'>): string {
  const where = [t.destinationRegionLabel, t.destinationOrgName].filter(Boolean).join('·');
  return where ? `${TRANSFERRED_OUT_LABEL}至${where}` : TRANSFERRED_OUT_LABEL;
}
