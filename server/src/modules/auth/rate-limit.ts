import { isIPv6 } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../env';
import { AppError } from '../../errors';

/**
 * A preHandler limiting a credential-guessing endpoint per IP and per phone (`body.phone`):
 * one guesses many accounts, the other one account from many places. (Only one
 * @fastify/rate-limit handler runs per request, so both checks are made here with
 * createRateLimit.) Each call makes its own counters, so each endpoint has its own budget.
 */
/** A rate-limit key from an unvalidated body field: limiting runs before the schema does. */
export const keyText = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/**
 * The client's address as @fastify/rate-limit's default key has it: an IPv6 address stands
 * for its /64 (one subscriber's network), an IPv4 address for itself.
 */
export function ipKey(ip: string): string {
  const bare = ip.replace(/%.*$/, '');
  if (!isIPv6(bare) || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(bare)) return bare;
  const [head = '', tail = ''] = bare.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = bare.includes('::') ? [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export function createLoginLimiter(app: FastifyInstance, config: Pick<Config, 'rateLimitLoginPerMinute'>, name: string) {
  // `name` keeps each endpoint's counters apart: in the shared (Redis) store every
  // createRateLimit limiter writes into one key space (issue 19).
  const perIp = app.createRateLimit({ max: config.rateLimitLoginPerMinute * 3, timeWindow: '1 minute', keyGenerator: (req) => `${name}:ip:${ipKey(req.ip)}` });
  const perPhone = app.createRateLimit({
    max: config.rateLimitLoginPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (req) => `${name}:phone:${keyText((req.body as { phone?: unknown } | undefined)?.phone)}`,
  });
  return async (req: FastifyRequest) => {
    const [ip, phone] = await Promise.all([perIp(req), perPhone(req)]);
    if ((!ip.isAllowed && ip.isExceeded) || (!phone.isAllowed && phone.isExceeded)) throw new AppError('RATE_LIMITED');
  };
}

/**
 * Route config (`config: publicRateLimit(app.config)`) for an endpoint open without login that
 * guesses nothing secret (refresh, WeChat login, invitation preview, QR scenes, org search,
 * health): per-IP, RATE_LIMIT_PUBLIC_PER_MINUTE × `factor`. Every unauthenticated route has a
 * limit (issue 12 item 5); the IP is the socket's unless TRUST_PROXY names the proxy.
 */
export const publicRateLimit = (config: Pick<Config, 'rateLimitPublicPerMinute'>, factor = 1) => ({
  rateLimit: { max: config.rateLimitPublicPerMinute * factor, timeWindow: '1 minute' },
});

/** Route config for an open endpoint that checks a guessable secret (an admin code): the login per-IP budget. */
export const secretGuessRateLimit = (config: Pick<Config, 'rateLimitLoginPerMinute'>) => ({
  rateLimit: { max: config.rateLimitLoginPerMinute * 3, timeWindow: '1 minute' },
});
