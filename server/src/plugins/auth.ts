import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors';

export interface AccessClaims {
  sub: string;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: rejects requests without a valid access token. */
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

/** A user id as the server writes it in `sub`: a positive safe integer in decimal digits. */
export const isUserId = (sub: unknown): sub is string => typeof sub === 'string' && /^[1-9]\d{0,15}$/.test(sub) && Number.isSafeInteger(Number(sub));

export default fp<{ secret: string; accessTokenTtlSeconds: number }>(async (app, opts) => {
  await app.register(jwt, {
    secret: opts.secret,
    sign: { expiresIn: opts.accessTokenTtlSeconds },
  });
  // Access tokens already verified, until they expire: a client sends the same token on every
  // request for its lifetime, and a repeat skips decoding and the HMAC (issue 8: ~4 % of a
  // review-queue request's CPU). Keyed by the whole token, so only that very token matches;
  // access tokens are never revoked before expiry (refresh tokens are, and are not cached).
  const verified = new Map<string, { user: AccessClaims; validUntil: number }>();
  const MAX_VERIFIED = 10_000;
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const seen = token ? verified.get(token) : undefined;
    // the same bound as the verifier's: valid up to and including the exp second
    if (seen && Date.now() <= seen.validUntil) {
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
    // Every route reads `Number(sub)` as the user id: a token whose subject is not one (never
    // issued by us, but signed with our key) must not reach SQL as NaN or as user 0.
    if (!isUserId(request.user.sub)) throw new AppError('UNAUTHORIZED');
    const exp = (request.user as { exp?: unknown }).exp;
    if (token && typeof exp === 'number') {
      if (verified.size >= MAX_VERIFIED) verified.clear();
      verified.set(token, { user: Object.freeze(request.user), validUntil: exp * 1000 });
    }
  });
}, { name: 'auth' });
