import type { RealNameResult, RealNameVerifier } from './types';

export interface RealRealNameOptions {
  providerUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

/**
 * REALNAME_ADAPTER=real: one JSON POST `{ name, idNumber }` to the provider
 * (`Authorization: Bearer <REALNAME_API_KEY>`), which answers `{ "result": "pass" | "fail" }`.
 * Anything else (non-2xx, another body) is "no answer" and the job retries.
 */
export class RealRealNameVerifier implements RealNameVerifier {
  readonly kind = 'real' as const;

  constructor(private readonly opts: RealRealNameOptions) {}

  async verify(name: string, idNumber: string): Promise<RealNameResult> {
    const res = await fetch(this.opts.providerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.opts.apiKey}` },
      body: JSON.stringify({ name, idNumber }),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
    });
    // Never log the body: it may echo the ID number (§9).
    if (!res.ok) throw new Error(`real-name provider answered HTTP ${res.status}`);
    const body = (await res.json().catch(() => null)) as { result?: unknown } | null;
    if (body?.result === 'pass' || body?.result === 'fail') return body.result;
    throw new Error('real-name provider gave no result');
  }
}
