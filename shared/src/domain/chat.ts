/**
 * §6.6 cadre chat (issue 18): the rules both the server and the mini-program apply.
 */

/** Text messages: at most this many characters (code points). */
export const CHAT_TEXT_MAX = 2000;
/** One's own message may be recalled within this long after it was sent (on the app clock). */
export const CHAT_RECALL_WINDOW_MS = 2 * 60 * 1000;
/** The socket must authenticate with its first frame within this long, or it is closed. */
export const CHAT_AUTH_TIMEOUT_MS = 5_000;
/** The client pings this often; the server closes a socket silent for three times as long. */
export const CHAT_HEARTBEAT_MS = 25_000;

/**
 * Close codes of the chat socket (4000–4999 are the application's). The client answers
 * TOKEN_EXPIRED by refreshing its access token and reconnecting; the others are final until
 * the user logs in again (or becomes a cadre).
 */
export const ChatCloseCodes = {
  /** No valid `{type:'auth'}` frame in time. */
  AUTH_TIMEOUT: 4000,
  UNAUTHORIZED: 4001,
  /** The access token expired (at connect or while connected): refresh and reconnect. */
  TOKEN_EXPIRED: 4002,
  /** Not an onboarded cadre: there is no chat for this account. */
  NOT_CADRE: 4003,
} as const;

/** A client-generated message id (a UUID or similar): the idempotency key of a send. */
export const CLIENT_MSG_ID_RE = /^[A-Za-z0-9_-]{8,64}$/;

/** Whether `userId` may recall `message` at `now`: their own, not yet recalled, within the window. */
export function recallVerdict(message: { senderId: string; createdAt: string; recalled: boolean }, userId: string, now: Date): 'ok' | 'notOwn' | 'expired' {
  if (message.senderId !== userId) return 'notOwn';
  if (message.recalled) return 'ok';
  return now.getTime() - new Date(message.createdAt).getTime() <= CHAT_RECALL_WINDOW_MS ? 'ok' : 'expired';
}

/** The delay before reconnect attempt `attempt` (0-based): 1 s doubling up to 30 s, with ±20 % jitter. */
export function reconnectDelayMs(attempt: number, random: number = Math.random()): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, Math.min(attempt, 10)));
  return Math.round(base * (0.8 + 0.4 * random));
}

interface Sequenced {
  seq: number;
  clientMsgId: string;
  senderId: string;
}

/**
 * Merges messages into a conversation's list: one entry per (sender, client message id) — the
 * later copy wins (a recall, or the server's copy of a message sent from this phone) — ordered
 * by sequence, unsent local messages (seq 0) last. Reconnecting never shows a message twice.
 */
export function mergeMessages<T extends Sequenced>(current: readonly T[], incoming: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const m of current) byKey.set(`${m.senderId}:${m.clientMsgId}`, m);
  for (const m of incoming) {
    const key = `${m.senderId}:${m.clientMsgId}`;
    const had = byKey.get(key);
    // a pending local copy (seq 0) never replaces the server's
    if (had && had.seq > 0 && m.seq === 0) continue;
    byKey.set(key, m);
  }
  return [...byKey.values()].sort((a, b) => (a.seq || Number.MAX_SAFE_INTEGER) - (b.seq || Number.MAX_SAFE_INTEGER));
}

/** The highest contiguous sequence number held from `after` on: the cursor to fetch from next. */
export function contiguousCursor(after: number, seqs: Iterable<number>): number {
  const held = new Set(seqs);
  let c = after;
  while (held.has(c + 1)) c++;
  return c;
}

/** The one-to-one conversation key of two users: the smaller id first. */
export const directPair = (a: number, b: number): [number, number] => (a < b ? [a, b] : [b, a]);
