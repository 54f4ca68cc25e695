import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { MESSAGE_BODY_MAX_CHARS, MESSAGE_TITLE_MAX_CHARS, isMessageRoute, messageKindLabel, type InboxMessage, type InboxMessagePage, type MessageKind } from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { messages, rosterEntries } from '../../db/schema';
import { afterCursor, parseTimeIdCursor, timeIdCursor } from '../../lib/keyset';
import { AppError } from '../../errors';

/** What an event tells one or more accounts. */
export interface PostMessage {
  /** who reads it: one account or several (e.g. the admins of an org) */
  to: number | readonly number[];
  /** a kind of shared `MessageKinds` (a new module adds its own there) */
  kind: MessageKind;
  title: string;
  body?: string;
  /** the org the message is about, if any */
  orgId?: number | null;
  /** the mini-program page it opens (see miniapp/src/routes.ts) and its query */
  route?: string | null;
  params?: Record<string, string | number>;
}

const cut = (s: string, n: number) => {
  const chars = Array.from(s);
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : s;
};

/**
 * 站内信: writes the message rows with the handle of the event's own transaction, so the event
 * and its message commit or roll back together (the inbox is the source of truth; a WeChat
 * subscribe message, when sent, goes through the notifier adapter after the commit, as before).
 */
export async function postMessage(tx: DbOrTx, m: PostMessage): Promise<void> {
  const to = [...new Set(typeof m.to === 'number' ? [m.to] : m.to)];
  if (to.length === 0) return;
  if (m.route != null && !isMessageRoute(m.route)) throw new Error(`postMessage: not a mini-program route: ${m.route}`);
  const params = Object.fromEntries(Object.entries(m.params ?? {}).map(([k, v]) => [k, String(v)]));
  const row = { kind: m.kind, title: cut(m.title, MESSAGE_TITLE_MAX_CHARS), body: cut(m.body ?? '', MESSAGE_BODY_MAX_CHARS), orgId: m.orgId ?? null, route: m.route ?? null, params };
  await tx.insert(messages).values(to.map((userId) => ({ ...row, userId })));
}

/** The onboarded accounts holding the given flags in an org: who an org-addressed message reaches. */
export async function orgAccounts(tx: DbOrTx, orgIds: readonly number[], who: 'admins' | 'operators'): Promise<number[]> {
  if (orgIds.length === 0) return [];
  const rows = await tx
    .selectDistinct({ userId: rosterEntries.userId })
    .from(rosterEntries)
    .where(
      and(
        inArray(rosterEntries.orgId, [...orgIds]),
        isNotNull(rosterEntries.onboardedAt),
        isNotNull(rosterEntries.userId),
        who === 'admins' ? eq(rosterEntries.isAdmin, true) : or(eq(rosterEntries.isOperator, true), eq(rosterEntries.isAdmin, true)),
      ),
    );
  return rows.map((r) => r.userId).filter((id): id is number => id != null);
}

const toItem = (r: typeof messages.$inferSelect): InboxMessage => ({
  id: String(r.id),
  kind: r.kind,
  kindLabel: messageKindLabel(r.kind),
  title: r.title,
  body: r.body,
  route: r.route,
  params: r.params ?? {},
  createdAt: r.createdAt.toISOString(),
  read: r.readAt != null,
});

/** The account's messages, newest first by (time, id) — ids interleave across Galera nodes (`messages_user_idx`). */
export async function messagePage(db: DbOrTx, userId: number, q: { before?: string; limit: number }): Promise<InboxMessagePage> {
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.userId, userId), afterCursor(messages.createdAt, messages.id, parseTimeIdCursor(q.before), 'desc')))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { items: page.map(toItem), nextBefore: rows.length > q.limit && last ? timeIdCursor(last.createdAt, last.id) : null };
}

export async function unreadMessageCount(db: DbOrTx, userId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)` })
    .from(messages)
    .where(and(eq(messages.userId, userId), isNull(messages.readAt)));
  return Number(r?.n ?? 0);
}

/** Marks one of the account's own messages read; again is a no-op; someone else's is 404. */
export async function markMessageRead(db: DbOrTx, userId: number, messageId: number, now: Date): Promise<void> {
  const [row] = await db
    .select({ id: messages.id, readAt: messages.readAt })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.userId, userId)));
  if (!row) throw new AppError('NOT_FOUND');
  if (row.readAt == null)
    await db
      .update(messages)
      .set({ readAt: now })
      .where(and(eq(messages.id, messageId), isNull(messages.readAt)));
}

/** 全部已读. */
export async function markAllMessagesRead(db: DbOrTx, userId: number, now: Date): Promise<void> {
  await db
    .update(messages)
    .set({ readAt: now })
    .where(and(eq(messages.userId, userId), isNull(messages.readAt)));
}
