import { Redis, type RedisOptions } from 'ioredis';

/**
 * One Redis connection for whoever needs one (shared rate limits, cross-instance messages,
 * chat fan-out…). A subscriber needs a connection of its own (a subscribed connection can do
 * nothing else): call this twice. By default commands wait for the connection while it
 * reconnects; `options` overrides that (e.g. rate limiting wants a quick failure instead).
 */
export function createRedis(url: string, name: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { connectionName: `tuanjian:${name}`, maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...options });
  // ioredis reconnects by itself; an error event without a listener would crash the process.
  redis.on('error', () => undefined);
  return redis;
}
