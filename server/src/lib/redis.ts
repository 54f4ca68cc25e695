import { Redis } from 'ioredis';

/**
 * One Redis connection for whoever needs one (chat fan-out, shared rate limits…). A subscriber
 * needs a connection of its own (a subscribed connection can do nothing else): call this twice.
 * Commands wait for the connection instead of failing while it reconnects.
 */
export function createRedis(url: string, name: string): Redis {
  const redis = new Redis(url, { connectionName: `tuanjian:${name}`, maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
  // ioredis reconnects by itself; an error event without a listener would crash the process.
  redis.on('error', () => undefined);
  return redis;
}
