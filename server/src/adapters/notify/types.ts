/** Who receives a notification: accounts (with their WeChat openid when bound), about an org. */
export interface NotifyRecipient {
  userId: number;
  openid: string | null;
}

export interface Notification {
  /** e.g. 'transfer.reminder', 'transfer.completed' */
  kind: string;
  /** The org the message is about (the holder of a step), if any. */
  orgId: number | null;
  /** Short Chinese text (a subscribe message's `thing` field takes ≤ 20 characters, the rest is cut). */
  message: string;
  /** Mini-program page the message opens. */
  page?: string;
}

/**
 * §7.4 reminders and results reach people through this, never directly. The real adapter
 * sends a WeChat subscribe message; the simulator records and logs.
 */
export interface Notifier {
  readonly kind: 'real' | 'simulator';
  notify(to: NotifyRecipient[], n: Notification): Promise<void>;
}
