import Fastify, { type FastifyServerOptions, type RouteOptions } from 'fastify';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { DestinationStream } from 'pino';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './env';
import { createSharedState } from './lib/shared-state';
import authPlugin from './plugins/auth';
import contextPlugin, { type Clock } from './plugins/context';
import orgGuard from './plugins/org-guard';
import dbPlugin from './plugins/db';
import errorHandler, { clientErrorHandler, frameworkErrors } from './plugins/error-handler';
import staticPlugin from './plugins/static';
import swaggerPlugin from './plugins/swagger';
import { loggerOptions } from './plugins/logging';
import { helmetOptions } from './plugins/security-headers';
import adaptersPlugin, { type AdapterOverrides } from './adapters';
import { accountsRoutes } from './modules/accounts/routes';
import { testRoutes } from './modules/accounts/test-routes';
import { authRoutes } from './modules/auth/routes';
import { healthRoutes } from './modules/health/routes';
import { orgRoutes } from './modules/orgs/routes';
import { adminCodeRoutes } from './modules/admin-codes/routes';
import { rosterRoutes } from './modules/roster/routes';
import { qrRoutes } from './modules/qr/routes';
import { progressRoutes } from './modules/progress/routes';
import { auditRoutes } from './modules/audit/routes';
import jobsPlugin from './jobs/plugin';
import memberGuard from './modules/member/guard';
import { memberRoutes } from './modules/member/routes';
import { checkinRoutes } from './modules/checkins/routes';
import { uploadRoutes } from './modules/uploads/routes';
import { cadreRoutes } from './modules/cadre/routes';
import { statsRoutes } from './modules/stats/routes';
import { dashboardRoutes } from './modules/dashboard/routes';
import { membersRoutes } from './modules/members/routes';
import { transferRoutes } from './modules/transfers/routes';
import { archiveRoutes } from './modules/archives/routes';
import { noticeRoutes } from './modules/notices/routes';
import { taskRoutes } from './modules/tasks/routes';
import { registrationRoutes } from './modules/registration/routes';
import { ratingRoutes } from './modules/ratings/routes';
import { orgLifeRoutes } from './modules/org-life/routes';
import { graduationRoutes } from './modules/graduation/routes';
import { membershipRoutes } from './modules/membership/routes';
import { enteredRoutes } from './modules/entered/routes';
import { identityCorrectionRoutes } from './modules/identity-corrections/routes';
import chatHub from './modules/chat/hub';
import { chatRoutes } from './modules/chat/routes';

/** N proxy hops in front: trust the N nearest addresses (what proxy-addr does with a number). */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export interface BuildOptions extends AdapterOverrides {
  /** false: no logging (tests); default: the scrubbed logger of plugins/logging.ts. */
  logger?: FastifyServerOptions['logger'];
  /** Where the scrubbed logger writes (default stdout); tests read it to check what is logged. */
  logStream?: DestinationStream;
  clock?: Clock;
  /** Sees every route as it is added (the authorization matrix and bad-input sweep are generated from it). */
  onRoute?: (route: RouteOptions) => void;
}

/** Builds the whole app without listening: server.ts listens, tests call inject(). */
export async function buildApp(config: Config, opts: BuildOptions = {}) {
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config.logLevel, opts.logStream),
    // X-Forwarded-For / -Host count only from the configured proxies (issue 12 item 4):
    // trusting every client let anyone pick the IP that rate limits count by.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    clientErrorHandler,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();

  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // external plugins, then app plugins, then routes (fastify/demo order)
  await app.register(helmet, helmetOptions(config.staticDir));
  // Issue 19: state shared between instances — Redis when REDIS_URL is set, else in-process.
  const shared = createSharedState(config.redisUrl, config.redisKeyPrefix);
  app.decorate('shared', shared);
  app.addHook('onClose', () => shared.close());
  await app.register(rateLimit, { global: false, ...shared.rateLimitOptions() });
  // Excel imports are small; images are checked per route (§7.1: ≤ 2 MB each).
  // §6.6 chat sockets: frames are small (a message is ≤ 2,000 characters).
  await app.register(websocket, { options: { maxPayload: 32 * 1024 } });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024 + 1, files: 5 } });
  // The route schemas stay (validation); only the OpenAPI document and UI are opt-in.
  if (config.enableDocs) await app.register(swaggerPlugin);
  await app.register(errorHandler, { spaFallback: Boolean(config.staticDir) });
  await app.register(contextPlugin, { config, clock: opts.clock });
  await app.register(adaptersPlugin, {
    config,
    sms: opts.sms,
    wechat: opts.wechat,
    realName: opts.realName,
    storage: opts.storage,
    notifier: opts.notifier,
    externalSystem: opts.externalSystem,
  });
  await app.register(dbPlugin, { databaseUrl: config.databaseUrl, poolSize: config.dbPoolSize, nodes: config.databaseNodes });
  await app.register(authPlugin, { secret: config.jwtSecret, accessTokenTtlSeconds: config.accessTokenTtlSeconds });
  await app.register(orgGuard);
  await app.register(memberGuard);
  await app.register(jobsPlugin);
  await app.register(chatHub);

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes, { prefix: '/auth', config });
      await api.register(accountsRoutes, { prefix: '/auth', config });
      if (config.enableTestEndpoints) await api.register(testRoutes, { prefix: '/test' });
      await api.register(orgRoutes);
      await api.register(adminCodeRoutes);
      await api.register(rosterRoutes);
      await api.register(qrRoutes);
      await api.register(progressRoutes);
      await api.register(auditRoutes);
      await api.register(checkinRoutes);
      await api.register(memberRoutes);
      await api.register(uploadRoutes);
      await api.register(cadreRoutes);
      await api.register(statsRoutes);
      await api.register(dashboardRoutes);
      await api.register(membersRoutes);
      await api.register(transferRoutes);
      await api.register(taskRoutes);
      await api.register(registrationRoutes);
      await api.register(ratingRoutes);
      await api.register(orgLifeRoutes);
      await api.register(graduationRoutes);
      await api.register(membershipRoutes);
      await api.register(enteredRoutes);
      await api.register(archiveRoutes);
      await api.register(identityCorrectionRoutes);
      await api.register(noticeRoutes);
      await api.register(chatRoutes);
    },
    { prefix: '/api' },
  );

  if (config.staticDir) await app.register(staticPlugin, { root: config.staticDir });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
