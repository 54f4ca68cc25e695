import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { createRedis } from './redis';

/**
 * Issue 19 item 3: the state app instances must share, behind one interface. With REDIS_URL
 * unset, everything stays in this process (one instance: the behaviour before the cluster);
 * with it, rate-limit counters live in Redis (a second instance no longer doubles every limit)
 * and messages reach every instance (e.g. "forget user 7's sessions" after a password change).
 * SMS quotas need nothing here: they are counted in the database (sms_codes), shared already.
 */
export interface SharedState {
  readonly kind: 'memory' | 'redis';
  /** Options to spread into @fastify/rate-limit's registration: its Redis store, or its in-process one. */
  rateLimitOptions(): { redis?: Redis; nameSpace?: string; skipOnError?: boolean };
  /** Delivers `message` to every instance's subscribers on `channel`, this instance's included. */
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once subscribed (with Redis away: after a bounded wait; ioredis subscribes on reconnect). */
  subscribe(channel: string, handler: (message: string) => void): Promise<void>;
  /**
   * Counts a hit of `key` in the fixed window of `windowMs` that `now` falls in (the app clock)
   * and answers the window's count so far — every instance's hits when shared. Null: it could
   * not be counted (Redis away); callers let the action through rather than refuse everyone.
   */
  count(key: string, windowMs: number, now: number): Promise<number | null>;
  close(): Promise<void>;
}

/**
 * Waits for a Redis command at most `ms`: with Redis away, ioredis keeps a command queued (and
 * resubscribes on reconnect) while the caller goes on — nothing on a request's path hangs on it.
 */
const within = (p: Promise<unknown>, ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    p.then(
      () => (clearTimeout(timer), resolve()),
      () => (clearTimeout(timer), resolve()),
    );
  });

/** In-process window counts (one instance), swept when they pile up. */
function memoryCounter() {
  const counts = new Map<string, { slot: number; n: number }>();
  return async (key: string, windowMs: number, now: number) => {
    const slot = Math.floor(now / windowMs);
    const c = counts.get(key);
    if (c && c.slot === slot) return ++c.n;
    if (counts.size > 100_000) counts.clear();
    counts.set(key, { slot, n: 1 });
    return 1;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Issue 19: state shared between app instances (lib/shared-state.ts). */
    shared: SharedState;
  }
}

export function memoryState(): SharedState {
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  return {
    kind: 'memory',
    rateLimitOptions: () => ({}),
    publish: async (channel, message) => void bus.emit(channel, message),
    subscribe: async (channel, handler) => void bus.on(channel, handler),
    count: memoryCounter(),
    close: async () => void bus.removeAllListeners(),
  };
}

/** `prefix`: this deployment's keys and channels in a Redis that others may share (REDIS_KEY_PREFIX). */
export function redisState(url: string, prefix = 'tuanjian:'): SharedState {
  // Rate limiting must not hang requests while Redis is away: commands fail fast and the
  // limiter lets requests through (skipOnError) rather than refusing everyone.
  const commands = createRedis(url, 'shared-state', { maxRetriesPerRequest: 1, commandTimeout: 1000, connectTimeout: 2000 });
  const subscriber = createRedis(url, 'shared-state-sub');
  const handlers = new Map<string, ((message: string) => void)[]>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const h of handlers.get(channel.slice(prefix.length)) ?? []) h(message);
  });
  return {
    kind: 'redis',
    rateLimitOptions: () => ({ redis: commands, nameSpace: `${prefix}rl:`, skipOnError: true }),
    publish: async (channel, message) => {
      await commands.publish(prefix + channel, message);
    },
    subscribe: async (channel, handler) => {
      const list = handlers.get(channel) ?? [];
      handlers.set(channel, [...list, handler]);
      // (a subscription pending when the app closes fails; nothing waits for it past 2 s)
      if (!list.length) await within(subscriber.subscribe(prefix + channel), 2000);
    },
    count: async (key, windowMs, now) => {
      const k = `${prefix}n:${key}:${Math.floor(now / windowMs)}`;
      try {
        const res = await commands
          .multi()
          .incr(k)
          .pexpire(k, windowMs * 2)
          .exec();
        const n = res?.[0]?.[1];
        return typeof n === 'number' ? n : null;
      } catch {
        return null;
      }
    },
    close: async () => {
      subscriber.disconnect();
      commands.disconnect();
    },
  };
}

export const createSharedState = (redisUrl: string, prefix?: string): SharedState => (redisUrl ? redisState(redisUrl, prefix) : memoryState());
