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
  iat?: number;
  exp?: number;
  /** Access tokens say `access`; other tokens signed with the same secret (invitations) never pass here. */
  aud?: string;
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
    /** Signs an access token on the app's clock (`iat`, and so `exp`, come from it). */
    signAccessToken(claims: { sub: string; pv?: number }): string;
    /** Makes this instance re-read a user's password version at once (their password just changed). */
    forgetSessions(userId: number): void;
    /**
     * The checks of `authenticate` on a token that did not come in a header (the chat socket's
     * first frame): its claims, or AppError UNAUTHORIZED / TOKEN_EXPIRED.
     */
    verifyAccessToken(token: string): Promise<AccessClaims & { sub: string; exp: number }>;
  }
}

export const ACCESS_AUDIENCE = 'access';

/** A user id as the server writes it in `sub`: a positive safe integer in decimal digits. */
export const isUserId = (sub: unknown): sub is string => typeof sub === 'string' && /^[1-9]\d{0,15}$/.test(sub) && Number.isSafeInteger(Number(sub));

/**
 * How long a user's password version is trusted without asking the database again. Bounds how
 * long another instance keeps accepting a token after a reset; this instance forgets at once
 * (forgetSessions).
 */
const RECHECK_MS = 5_000;
const MAX_CACHED = 10_000;

export default fp<{ secret: string; accessTokenTtlSeconds: number }>(
  async (app, opts) => {
    await app.register(jwt, {
      secret: opts.secret,
      sign: { expiresIn: opts.accessTokenTtlSeconds, aud: ACCESS_AUDIENCE },
      // fast-jwt's own cache of verified tokens (issue 8: decoding and the HMAC were ~4 % of a
      // review-queue request's CPU; a client sends the same token for its whole lifetime). Its
      // verifier takes a fixed `clockTimestamp`, not a clock, so it cannot judge expiry on the
      // app's injected clock: it checks the signature only (ignoreExpiration) and `exp` is
      // compared with app.clock below, as `iat` was stamped from it (signAccessToken).
      // Tokens without `aud` (signed before audiences) still pass; any other audience does not.
      verify: { cache: MAX_CACHED, cacheTTL: opts.accessTokenTtlSeconds * 1000, ignoreExpiration: true, allowedAud: ACCESS_AUDIENCE },
      formatUser: (user) => Object.freeze(user),
    });

    app.decorate('signAccessToken', (claims: { sub: string; pv?: number }) => app.jwt.sign({ ...claims, iat: Math.floor(app.clock.now().getTime() / 1000) }));

    // A token signed before its user's last password change is refused (issue 12 item 14): the
    // user's version is read with one primary-key read and then trusted for RECHECK_MS.
    const versions = new Map<number, { version: number | null; checkedAt: number }>();

    /** The user's password version (null: no such user), from the database at most every RECHECK_MS. */
    const currentVersion = async (userId: number, now: number) => {
      const known = versions.get(userId);
      if (known && now - known.checkedAt < RECHECK_MS && now >= known.checkedAt) return known.version;
      const [row] = await app.db.select({ changedAt: users.passwordChangedAt }).from(users).where(eq(users.id, userId)).limit(1);
      const version = row ? (row.changedAt?.getTime() ?? 0) : null;
      if (versions.size >= MAX_CACHED) versions.clear();
      versions.set(userId, { version, checkedAt: now });
      return version;
    };

    // Issue 19: every instance forgets (app.shared reaches the others when REDIS_URL is set;
    // without it, this instance alone — the behaviour of a single instance).
    const FORGET = 'sessions:forget';
    await app.shared.subscribe(FORGET, (id) => versions.delete(Number(id)));
    app.decorate('forgetSessions', (userId: number) => {
      versions.delete(userId);
      app.shared.publish(FORGET, String(userId)).catch((err: unknown) => app.log.warn({ err }, 'could not tell the other instances to forget sessions'));
    });

    /** Expiry on the app clock, a subject that is a user id, the current password version. */
    const checkClaims = async (claims: AccessClaims) => {
      const { sub, pv = 0, exp } = claims;
      const now = app.clock.now().getTime();
      // the same bound as fast-jwt's: valid up to and including the exp second
      if (typeof exp !== 'number' || now > exp * 1000) throw new AppError('TOKEN_EXPIRED');
      // Every route reads `Number(sub)` as the user id: a token whose subject is not one (never
      // issued by us, but signed with our key) must not reach SQL as NaN or as user 0.
      if (!isUserId(sub) || typeof pv !== 'number') throw new AppError('UNAUTHORIZED');
      if ((await currentVersion(Number(sub), now)) !== pv) throw new AppError('UNAUTHORIZED');
      return { ...claims, sub, exp };
    };

    app.decorate('authenticate', async (request: FastifyRequest) => {
      try {
        await request.jwtVerify();
      } catch {
        throw new AppError('UNAUTHORIZED');
      }
      await checkClaims(request.user);
    });

    app.decorate('verifyAccessToken', async (token: string) => {
      let claims: AccessClaims;
      try {
        claims = app.jwt.verify<AccessClaims>(token);
      } catch {
        throw new AppError('UNAUTHORIZED');
      }
      return checkClaims(claims);
    });
  },
  { name: 'auth' },
);
