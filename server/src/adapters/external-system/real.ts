import type { ExternalLeagueSystem, ExternalResult, ExternalTransferRequest } from './types';

export interface RealExternalOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

/**
 * EXTERNAL_SYSTEM_ADAPTER=real: the exchange gateway to the other League systems, JSON over
 * HTTPS with the key as Bearer token:
 *   GET  {base}/orgs/{system}/{ref}      → { name, isBranch }   (404: unknown)
 *   POST {base}/transfers                → { externalId }        (idempotent on transferId)
 *   GET  {base}/transfers/{externalId}   → { state: pending|confirmed|rejected, reason? }
 *   GET  {base}/transit-orgs/{system}/{region} → { ref, name }
 *   POST {base}/inbound-reports           { system, transferId, checkedInAt } (idempotent)
 * The member's ID number goes only in the POST body, never in a URL or a log.
 */
export class RealExternalSystem implements ExternalLeagueSystem {
  readonly kind = 'real' as const;

  constructor(private readonly opts: RealExternalOptions) {}

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.opts.baseUrl.replace(/\/$/, '')}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.opts.apiKey}`, ...(init.headers ?? {}) },
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 8000),
    });
  }

  async describeOrg(system: ExternalTransferRequest['system'], orgRef: string) {
    const res = await this.call(`/orgs/${encodeURIComponent(system)}/${encodeURIComponent(orgRef)}`);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`external orgs answered HTTP ${res.status}`);
    const body = (await res.json()) as { name?: string; isBranch?: boolean };
    return { name: String(body.name ?? ''), isBranch: Boolean(body.isBranch) };
  }

  async submitTransfer(req: ExternalTransferRequest) {
    const res = await this.call('/transfers', { method: 'POST', body: JSON.stringify(req) });
    if (!res.ok) throw new Error(`external transfers answered HTTP ${res.status}`);
    const body = (await res.json()) as { externalId?: string };
    if (!body.externalId) throw new Error('external transfers answered without externalId');
    return { externalId: body.externalId };
  }

  async fetchResult(externalId: string): Promise<ExternalResult> {
    const res = await this.call(`/transfers/${encodeURIComponent(externalId)}`);
    if (!res.ok) throw new Error(`external transfer status answered HTTP ${res.status}`);
    const body = (await res.json()) as { state?: string; reason?: string };
    if (body.state === 'confirmed') return { state: 'confirmed' };
    if (body.state === 'rejected') return { state: 'rejected', reason: body.reason || '转入系统退回' };
    return { state: 'pending' };
  }

  async transitOrg(system: ExternalTransferRequest['system'], region: string) {
    const res = await this.call(`/transit-orgs/${encodeURIComponent(system)}/${encodeURIComponent(region)}`);
    if (!res.ok) throw new Error(`external transit-orgs answered HTTP ${res.status}`);
    const body = (await res.json()) as { ref?: string; name?: string };
    return { ref: String(body.ref ?? ''), name: String(body.name ?? '') };
  }

  async reportCheckedIn(system: ExternalTransferRequest['system'], transferId: string, checkedInAt: Date) {
    const res = await this.call('/inbound-reports', { method: 'POST', body: JSON.stringify({ system, transferId, checkedInAt: checkedInAt.toISOString(), result: '报到成功' }) });
    if (!res.ok) throw new Error(`external inbound-reports answered HTTP ${res.status}`);
  }
}
