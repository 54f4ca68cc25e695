import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { createRedis } from '../redis';

/**
 * Fan-out between server instances (issue 18): what one instance publishes on a channel,
 * every instance subscribed to it receives — itself included. In-process by default (one
 * instance); through Redis pub/sub when REDIS_URL is set. Payloads are strings; delivery is
 * at most once (the database stays the record: clients catch up by sequence cursor).
 */
export interface Bus {
  publish(channel: string, payload: string): Promise<void>;
  subscribe(channel: string, handler: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'memory' | 'redis';
}

/** One process, one instance: publish calls the handlers (on the next tick, as Redis would). */
export function memoryBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kind: 'memory',
    async publish(channel, payload) {
      setImmediate(() => emitter.emit(channel, payload));
    },
    async subscribe(channel, handler) {
      emitter.on(channel, handler);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** Redis pub/sub: one connection publishes, a second one (subscriber mode) listens. */
export function redisBus(url: string): Bus {
  const pub: Redis = createRedis(url, 'bus-pub');
  const sub: Redis = createRedis(url, 'bus-sub');
  const handlers = new Map<string, ((payload: string) => void)[]>();
  sub.on('message', (channel: string, payload: string) => {
    for (const h of handlers.get(channel) ?? []) h(payload);
  });
  return {
    kind: 'redis',
    async publish(channel, payload) {
      await pub.publish(channel, payload);
    },
    async subscribe(channel, handler) {
      const list = handlers.get(channel);
      if (list) list.push(handler);
      else {
        handlers.set(channel, [handler]);
        await sub.subscribe(channel);
      }
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}

export const createBus = (redisUrl: string): Bus => (redisUrl ? redisBus(redisUrl) : memoryBus());
