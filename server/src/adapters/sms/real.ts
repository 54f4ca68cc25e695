import type { SmsSender } from './types';

export interface RealSmsOptions {
  providerUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

/**
 * SMS_ADAPTER=real: one JSON POST per message to the provider gateway
 * (`{ phone, text }`, `Authorization: Bearer <SMS_API_KEY>`). A non-2xx answer is a failure;
 * the caller forgets the code it just stored, so a failed send does not count against limits.
 */
export class RealSmsSender implements SmsSender {
  readonly kind = 'real' as const;

  constructor(private readonly opts: RealSmsOptions) {}

  async send(phone: string, text: string): Promise<void> {
    const res = await fetch(this.opts.providerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.opts.apiKey}` },
      body: JSON.stringify({ phone, text }),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
    });
    if (!res.ok) {
      // The body may echo the message (and so the code): keep only the status.
      throw new Error(`SMS provider answered HTTP ${res.status}`);
    }
  }
}
