import Fastify, { type FastifyServerOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './env';
import authPlugin from './plugins/auth';
import contextPlugin, { type Clock } from './plugins/context';
import orgGuard from './plugins/org-guard';
import dbPlugin from './plugins/db';
import errorHandler from './plugins/error-handler';
import staticPlugin from './plugins/static';
import swaggerPlugin from './plugins/swagger';
import { authRoutes } from './modules/auth/routes';
import { healthRoutes } from './modules/health/routes';

/** Builds the whole app without listening: server.ts listens, tests call inject(). */
export async function buildApp(config: Config, opts: { logger?: FastifyServerOptions['logger']; clock?: Clock } = {}) {
  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.body.password', '*.password', '*.refreshToken'],
    },
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // external plugins, then app plugins, then routes (fastify/demo order)
  await app.register(rateLimit, { global: false });
  await app.register(swaggerPlugin);
  await app.register(errorHandler);
  await app.register(contextPlugin, { config, clock: opts.clock });
  await app.register(dbPlugin, { databaseUrl: config.databaseUrl, poolSize: config.dbPoolSize });
  await app.register(authPlugin, { secret: config.jwtSecret, accessTokenTtlSeconds: config.accessTokenTtlSeconds });
  await app.register(orgGuard);

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes, { prefix: '/auth', config });
    },
    { prefix: '/api' },
  );

  if (config.staticDir) await app.register(staticPlugin, { root: config.staticDir });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
