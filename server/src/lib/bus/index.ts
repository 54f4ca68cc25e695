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

/**
 * Waits for a Redis command at most `ms`: with Redis away, ioredis keeps the command queued (and
 * resubscribes on reconnect) while the caller goes on — a start or a chat send never hangs on the
 * fast path; what was missed is fetched by sequence cursor.
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
      await within(pub.publish(channel, payload), 1000);
    },
    async subscribe(channel, handler) {
      const list = handlers.get(channel);
      if (list) list.push(handler);
      else {
        handlers.set(channel, [handler]);
        await within(sub.subscribe(channel), 2000);
      }
    },
    async close() {
      handlers.clear();
      // quit waits for pending replies; with Redis away it would wait forever
      await Promise.all([within(pub.quit(), 1000), within(sub.quit(), 1000)]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}

export const createBus = (redisUrl: string): Bus => (redisUrl ? redisBus(redisUrl) : memoryBus());
