import { OutOfProvinceDestinations, transitOrgName, type OutOfProvinceDestination } from '@tj/shared';
import { signInbound } from './inbound-signature';
import type { ExternalLeagueSystem, ExternalResult, ExternalTransferRequest } from './types';

export type ExternalSimMode = 'confirm' | 'reject' | 'silent';

export interface ExternalSimOptions {
  /** confirm: the member checks in there and it confirms; reject: it refuses; silent: never answers. */
  mode: ExternalSimMode;
  /** Seconds after submission when the answer is ready. */
  delaySeconds: number;
  now: () => Date;
}

/**
 * EXTERNAL_SYSTEM_ADAPTER=simulator (default). Deterministic and stateless: the mode and the
 * submission time are written into the external id, so the answer survives a restart and two
 * instances agree. A destination org is a branch when its name ends in 团支部.
 */
export class ExternalSystemSimulator implements ExternalLeagueSystem {
  readonly kind = 'simulator' as const;

  constructor(private readonly opts: ExternalSimOptions) {}

  async describeOrg(_system: ExternalTransferRequest['system'], orgRef: string, nameHint: string | null) {
    const name = nameHint?.trim() || `外部团组织${orgRef}`;
    return { name, isBranch: name.endsWith('团支部') };
  }

  async submitTransfer(req: ExternalTransferRequest) {
    return { externalId: `SIM-${this.opts.mode}-${this.opts.now().getTime()}-${req.transferId}` };
  }

  async fetchResult(externalId: string): Promise<ExternalResult> {
    const m = /^SIM-(confirm|reject|silent)-(\d+)-\d+$/.exec(externalId);
    if (!m) throw new Error(`unknown external id ${externalId}`);
    const readyAt = Number(m[2]) + this.opts.delaySeconds * 1000;
    if (this.opts.now().getTime() < readyAt || m[1] === 'silent') return { state: 'pending' };
    return m[1] === 'confirm' ? { state: 'confirmed' } : { state: 'rejected', reason: '转入系统未查询到该团员的报到信息，请团员先在转入系统完成报到' };
  }

  async transitOrg(_system: ExternalTransferRequest['system'], region: string) {
    const known = region in OutOfProvinceDestinations;
    return { ref: `TRANSIT-${region}`, name: known ? transitOrgName(region as OutOfProvinceDestination) : '临时中转团组织' };
  }

  /** The 报到成功 reports received, in order (both directions of [003 §四] in tests). */
  readonly reports: { system: string; transferId: string; checkedInAt: Date }[] = [];

  async reportCheckedIn(system: ExternalTransferRequest['system'], transferId: string, checkedInAt: Date) {
    if (!this.reports.some((r) => r.system === system && r.transferId === transferId)) this.reports.push({ system, transferId, checkedInAt });
  }

  /**
   * The other direction: the other system starting a transfer into Guangdong, as the signed
   * request it would send to POST /api/inbound/transfers.
   */
  inboundRequest(system: ExternalTransferRequest['system'], secret: string, body: object) {
    const payload = JSON.stringify(body);
    return { payload, headers: { 'content-type': 'application/json', ...signInbound(secret, system, payload, this.opts.now()) } };
  }
}
