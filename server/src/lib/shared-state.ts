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
  subscribe(channel: string, handler: (message: string) => void): void;
  close(): Promise<void>;
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
    subscribe: (channel, handler) => void bus.on(channel, handler),
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
    subscribe: (channel, handler) => {
      const list = handlers.get(channel) ?? [];
      // (a subscription pending when the app closes fails; nothing waits for it)
      if (!list.length) subscriber.subscribe(prefix + channel).catch(() => undefined);
      handlers.set(channel, [...list, handler]);
    },
    close: async () => {
      subscriber.disconnect();
      commands.disconnect();
    },
  };
}

export const createSharedState = (redisUrl: string, prefix?: string): SharedState => (redisUrl ? redisState(redisUrl, prefix) : memoryState());
