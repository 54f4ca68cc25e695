import type { FastifyBaseLogger } from 'fastify';
import type { Notification, Notifier, NotifyRecipient } from './types';

export interface SentNotification extends Notification {
  userIds: number[];
  at: Date;
}

/** How many notifications the simulator remembers; the oldest are forgotten first. */
const MAX_KEPT = 5_000;

/** NOTIFY_ADAPTER=simulator (default): logs each message and keeps it for the test endpoint. */
export class NotifySimulator implements Notifier {
  readonly kind = 'simulator' as const;
  readonly sent: SentNotification[] = [];

  constructor(
    private readonly log?: FastifyBaseLogger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async notify(to: NotifyRecipient[], n: Notification): Promise<void> {
    const entry = { ...n, userIds: to.map((r) => r.userId), at: this.now() };
    this.log?.info({ kind: n.kind, orgId: n.orgId, userIds: entry.userIds, message: n.message }, 'notify simulator: message recorded, not sent');
    this.sent.push(entry);
    if (this.sent.length > MAX_KEPT) this.sent.splice(0, this.sent.length - MAX_KEPT);
  }
}
