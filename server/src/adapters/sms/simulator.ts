import type { FastifyBaseLogger } from 'fastify';
import { maskMobile } from '@tj/shared';
import type { SmsSender } from './types';

/** How many phones the simulator remembers; the oldest is forgotten first. */
const MAX_PHONES = 10_000;

export interface SmsSimulatorOptions {
  /**
   * Log message texts as they are, codes and links included (ENABLE_TEST_ENDPOINTS, where the
   * codes are readable over HTTP anyway). Otherwise codes and link tokens are masked, so a log
   * shipped elsewhere holds no live credentials (issue 12 item 10).
   */
  revealCodes?: boolean;
}

/** Masks 4–8 digit codes and link tokens in an SMS text. */
export const maskSmsText = (text: string) => text.replace(/(?<!\d)\d{4,8}(?!\d)/g, (d) => '*'.repeat(d.length)).replace(/([?&](?:token|t|code)=)[^&\s]+/g, '$1***');

/**
 * The default sender (SMS_ADAPTER=simulator): writes each message to the log instead of
 * sending it, and remembers the last message per phone for the E2E test endpoint.
 */
export class SmsSimulator implements SmsSender {
  readonly kind = 'simulator' as const;
  private readonly last = new Map<string, string>();

  constructor(
    private readonly log?: FastifyBaseLogger,
    private readonly opts: SmsSimulatorOptions = {},
  ) {}

  async send(phone: string, text: string): Promise<void> {
    const shown = this.opts.revealCodes ? text : maskSmsText(text);
    this.log?.info({ to: maskMobile(phone), text: shown }, 'sms simulator: message not sent, logged instead');
    this.last.delete(phone);
    this.last.set(phone, text);
    if (this.last.size > MAX_PHONES) this.last.delete(this.last.keys().next().value as string);
  }

  lastMessage(phone: string): string | undefined {
    return this.last.get(phone);
  }

  /** The 6-digit code of the last message sent to `phone`, if any. */
  lastCode(phone: string): string | undefined {
    return this.last.get(phone)?.match(/(?<!\d)\d{6}(?!\d)/)?.[0];
  }
}
