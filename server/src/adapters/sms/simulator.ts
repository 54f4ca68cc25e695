import type { FastifyBaseLogger } from 'fastify';
import type { SmsSender } from './types';

/** How many phones the simulator remembers; the oldest is forgotten first. */
const MAX_PHONES = 10_000;

/**
 * The default sender (SMS_ADAPTER=simulator): writes each message to the log so a developer
 * can read the code, and remembers the last message per phone for the E2E test endpoint.
 */
export class SmsSimulator implements SmsSender {
  readonly kind = 'simulator' as const;
  private readonly last = new Map<string, string>();

  constructor(private readonly log?: FastifyBaseLogger) {}

  async send(phone: string, text: string): Promise<void> {
    this.log?.info({ phone, text }, 'sms simulator: message not sent, logged instead');
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
