import type { LeagueSystem } from '@tj/shared';

/** A transfer handed to another League system (§7.4 cross-system: central / Beijing / Fujian). */
export interface ExternalTransferRequest {
  /** Our transfer id: the other side echoes it, and a resubmission with it is idempotent. */
  transferId: number;
  system: Exclude<LeagueSystem, 'guangdong'>;
  /** OutOfProvinceDestination key (province code or system committee). */
  destinationRegion: string;
  /** The org of the other system (全团转接组织) and its standard name. */
  destinationOrgRef: string;
  destinationOrgName: string | null;
  member: { name: string; idNumber: string };
  reason: string;
}

export type ExternalResult = { state: 'pending' } | { state: 'confirmed' } | { state: 'rejected'; reason: string };

/**
 * The other League systems, as one interface: the real one over HTTP, the simulator playing
 * them. The other system confirms once the member has checked in there, or rejects; the
 * server asks for the result by polling (durable jobs), so no callback must reach it.
 */
export interface ExternalLeagueSystem {
  readonly kind: 'real' | 'simulator';
  /** The destination org as the other system knows it (null: unknown there). */
  describeOrg(system: ExternalTransferRequest['system'], orgRef: string, nameHint: string | null): Promise<{ name: string; isBranch: boolean } | null>;
  submitTransfer(req: ExternalTransferRequest): Promise<{ externalId: string }>;
  fetchResult(externalId: string): Promise<ExternalResult>;
  /** [003 五2] the destination's 临时中转团组织 (for a member who does not know the branch yet). */
  transitOrg(system: ExternalTransferRequest['system'], region: string): Promise<{ ref: string; name: string }>;
  /**
   * [003 §四] "广东系统将在十天内将“报到成功”的结果反馈省外系统": tells the sender that the
   * member of its transfer `externalTransferId` checked in here (idempotent on that id).
   */
  reportCheckedIn(system: ExternalTransferRequest['system'], externalTransferId: string, checkedInAt: Date): Promise<void>;
}
