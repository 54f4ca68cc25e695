import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema, LoginSchema, RefreshRequestSchema, SessionUserSchema, TokenResponseSchema } from '@tj/shared';
import type { Config } from '../../env';
import { createLoginLimiter, publicRateLimit } from './rate-limit';
import { createTokenSigner } from './signer';
import { getSessionUser, loginWithPassword, logout, refreshSession } from './service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 429: ErrorBodySchema };

export const authRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const signer = createTokenSigner(app, config);
  const limitLogin = createLoginLimiter(app, config, 'login');

  app.post(
    '/login',
    {
      preHandler: limitLogin,
      schema: { tags: ['auth'], summary: '手机号 + 密码登录', body: LoginSchema, response: { 200: TokenResponseSchema, ...errors } },
    },
    async (req) => loginWithPassword(app.db, signer, req.body.phone, req.body.password),
  );

  app.post(
    '/refresh',
    { config: publicRateLimit(config), schema: { tags: ['auth'], summary: '刷新令牌（轮换）', body: RefreshRequestSchema, response: { 200: TokenResponseSchema, ...errors } } },
    async (req) => refreshSession(app.db, signer, req.body.refreshToken),
  );

  app.post(
    '/logout',
    { config: publicRateLimit(config), schema: { tags: ['auth'], summary: '退出登录（吊销刷新令牌）', body: RefreshRequestSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await logout(app.db, req.body.refreshToken);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      onRequest: [app.authenticate],
      schema: { tags: ['auth'], summary: '当前用户', security: [{ bearer: [] }], response: { 200: SessionUserSchema, 401: ErrorBodySchema } },
    },
    async (req) => getSessionUser(app.db, req.user.sub),
  );
};
