import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { users } from '../db/schema';
import { AppError } from '../errors';

export interface AccessClaims {
  sub: string;
  /**
   * Password version: the user's password_changed_at (ms) when the token was signed, absent
   * if never changed. A token whose version is not the user's current one predates a password
   * reset and is refused — exact, unlike comparing with `iat`'s whole seconds.
   */
  pv?: number;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest guard: rejects requests without a valid access token (before the body is validated). */
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** Forgets this instance's verified tokens of a user at once (their password just changed). */
    forgetSessions(userId: number): void;
  }
}

/** A user id as the server writes it in `sub`: a positive safe integer in decimal digits. */
export const isUserId = (sub: unknown): sub is string => typeof sub === 'string' && /^[1-9]\d{0,15}$/.test(sub) && Number.isSafeInteger(Number(sub));

/**
 * How long a verified token is trusted without asking the database whether the user's
 * password changed since it was issued. Bounds how long another instance keeps accepting a
 * token after a reset; this instance forgets at once (forgetSessions).
 */
const RECHECK_MS = 5_000;

export default fp<{ secret: string; accessTokenTtlSeconds: number }>(async (app, opts) => {
  await app.register(jwt, {
    secret: opts.secret,
    sign: { expiresIn: opts.accessTokenTtlSeconds },
  });
  // Access tokens already verified, until they expire: a client sends the same token on every
  // request for its lifetime, and a repeat skips decoding and the HMAC (issue 8: ~4 % of a
  // review-queue request's CPU). Keyed by the whole token, so only that very token matches.
  // A token signed before its user's last password change is refused (issue 12 item 14):
  // checked with one primary-key read on first use and then every RECHECK_MS, not per request.
  const verified = new Map<string, { user: AccessClaims; userId: number; version: number; validUntil: number; checkedAt: number }>();
  const MAX_VERIFIED = 10_000;

  /** Whether a token of this password version predates the user's last password change. */
  const outdated = async (userId: number, version: number) => {
    const [row] = await app.db.select({ changedAt: users.passwordChangedAt }).from(users).where(eq(users.id, userId)).limit(1);
    return !row || (row.changedAt?.getTime() ?? 0) !== version;
  };

  app.decorate('forgetSessions', (userId: number) => {
    for (const [token, v] of verified) if (v.userId === userId) verified.delete(token);
  });

  app.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const seen = token ? verified.get(token) : undefined;
    const now = Date.now();
    // the same bound as the verifier's: valid up to and including the exp second
    if (seen && now <= seen.validUntil) {
      if (now - seen.checkedAt >= RECHECK_MS) {
        if (await outdated(seen.userId, seen.version)) {
          verified.delete(token!);
          throw new AppError('UNAUTHORIZED');
        }
        seen.checkedAt = now;
      }
      request.user = seen.user;
      return;
    }
    if (seen) verified.delete(token!);
    try {
      await request.jwtVerify();
    } catch (err) {
      const expired = (err as { code?: string }).code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED';
      throw new AppError(expired ? 'TOKEN_EXPIRED' : 'UNAUTHORIZED');
    }
    const { exp } = request.user as { exp?: unknown };
    // Every route reads `Number(sub)` as the user id: a token whose subject is not one (never
    // issued by us, but signed with our key) must not reach SQL as NaN or as user 0.
    if (!isUserId(request.user.sub)) throw new AppError('UNAUTHORIZED');
    const userId = Number(request.user.sub);
    const version = request.user.pv ?? 0;
    if (typeof version !== 'number') throw new AppError('UNAUTHORIZED');
    if (await outdated(userId, version)) throw new AppError('UNAUTHORIZED');
    if (token && typeof exp === 'number') {
      if (verified.size >= MAX_VERIFIED) verified.clear();
      verified.set(token, { user: Object.freeze(request.user), userId, version, validUntil: exp * 1000, checkedAt: now });
    }
  });
}, { name: 'auth' });
