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

export default fp<{ secret: string; accessTokenTtlSeconds: number }>(async (app, opts) => {
  await app.register(jwt, {
    secret: opts.secret,
    sign: { expiresIn: opts.accessTokenTtlSeconds },
  });
  app.decorate('authenticate', async (request: FastifyRequest) => {
    try {
      await request.jwtVerify();
    } catch (err) {
      const expired = (err as { code?: string }).code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED';
      throw new AppError(expired ? 'TOKEN_EXPIRED' : 'UNAUTHORIZED');
    }
  });
}, { name: 'auth' });
