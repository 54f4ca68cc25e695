import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { SCRYPT_LOG_N } from './modules/auth/password';

/**
 * The one place that reads process.env. Everything else receives a Config object, so tests
 * and benchmarks build apps with their own settings and no behaviour hangs on NODE_ENV.
 */
const bool = z.enum(['true', 'false', '1', '0', '']).transform((v) => v === 'true' || v === '1');

// The dev-only defaults: fine on a laptop, refused in production (anyone can read them here).
const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production';
const DEV_PII_SECRET = 'dev-only-pii-secret-change-me';

/** proxy-addr's named ranges, accepted in TRUST_PROXY besides addresses and CIDRs. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const isProxyAddress = (s: string) => {
  if (PROXY_RANGE_NAMES.includes(s)) return true;
  const [ip, bits, ...rest] = s.split('/');
  if (rest.length || !ip || !isIP(ip)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(ip) === 4 ? 32 : 128));
};

/**
 * TRUST_PROXY: empty = trust no proxy (the socket address is the client, X-Forwarded-* ignored);
 * a number = that many proxy hops in front; else comma-separated proxy addresses / CIDRs.
 * "true" (trust everyone) is refused: any client could then pick its own IP and host.
 */
const TrustProxySchema = z
  .string()
  .default('')
  .transform((v, ctx): false | number | string[] => {
    const s = v.trim();
    if (!s || s === 'false') return false;
    if (/^\d+$/.test(s)) return Number(s) || false;
    const list = s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const bad = list.filter((x) => !isProxyAddress(x));
    if (bad.length) ctx.addIssue({ code: 'custom', message: `not an IP address, CIDR or hop count: ${bad.join(', ')}` });
    return list;
  });

const EnvSchema = z
  .object({
    /** 'production' turns on the start-up refusals below; nothing else reads it. */
    NODE_ENV: z.string().default('development'),
    DATABASE_URL: z.string().url().default('mysql://root@127.0.0.1:3306/tuanjian'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
    DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
    /**
     * Issue 19, a Galera cluster: the other nodes (`host:port,host:port`, same credentials and
     * database as DATABASE_URL, whose host is this instance's own node) to fail over to.
     */
    DATABASE_NODES: z
      .string()
      .default('')
      .refine((v) => v.split(',').every((x) => !x.trim() || /^[\w.-]+:\d{1,5}$/.test(x.trim())), 'host:port, comma-separated'),
    /** Prefix of this deployment's Redis keys and channels (several deployments or test runs may share one Redis). */
    REDIS_KEY_PREFIX: z.string().default('tuanjian:'),
    /** Built H5 mini-program to serve at `/` (empty: API only). */
    STATIC_DIR: z.string().default(''),
    /** Exposes simulator internals (e.g. sent SMS codes) for E2E tests. Never on in production. */
    ENABLE_TEST_ENDPOINTS: bool.default(false),
    /** Public origin of the H5 app, for QR codes (empty: the origin of the request). */
    PUBLIC_BASE_URL: z.union([z.literal(''), z.string().url()]).default(''),
    /** Derives the keys that encrypt and hash ID numbers (§9). Changing it orphans stored data. */
    PII_SECRET: z.string().min(16).default(DEV_PII_SECRET),
    /** Which proxies may set X-Forwarded-For / -Host / -Proto (see TrustProxySchema). */
    TRUST_PROXY: TrustProxySchema,
    /** The OpenAPI UI at /docs: on by default in development, off in production unless 'true'. */
    ENABLE_DOCS: z.enum(['true', 'false', '1', '0', '']).default(''),
    RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().positive().default(10),
    /** Per-IP budget of the other endpoints open without login (refresh, WeChat login, QR, search…). */
    RATE_LIMIT_PUBLIC_PER_MINUTE: z.coerce.number().int().positive().default(120),
    /** SMS delivery: 'simulator' logs messages instead of sending them. */
    SMS_ADAPTER: z.enum(['real', 'simulator']).default('simulator'),
    /** The provider gateway the real adapter POSTs `{ phone, text }` to, with the key as Bearer token. */
    SMS_PROVIDER_URL: z.union([z.literal(''), z.string().url()]).default(''),
    SMS_API_KEY: z.string().default(''),
    /** log2 of scrypt's N for new password hashes (15, OWASP); the test suites set 10 for speed (modules/auth/password.ts reads it). */
    PASSWORD_SCRYPT_LOG_N: z.coerce.number().int().min(SCRYPT_LOG_N.min).max(SCRYPT_LOG_N.max).default(SCRYPT_LOG_N.default),
    /** §4.1 one SMS code per phone per this many seconds (60); lower only for E2E runs. */
    SMS_RESEND_SECONDS: z.coerce.number().int().positive().max(3600).default(60),
    /** WeChat login / mini-program codes: 'simulator' derives openids from the login code. */
    WECHAT_ADAPTER: z.enum(['real', 'simulator']).default('simulator'),
    WECHAT_APPID: z.string().default(''),
    WECHAT_SECRET: z.string().default(''),
    /** Real-name verification (§4.2): 'simulator' answers from a hash of the ID number. */
    REALNAME_ADAPTER: z.enum(['real', 'simulator']).default('simulator'),
    /** The provider the real adapter POSTs `{ name, idNumber }` to, with the key as Bearer token. */
    REALNAME_PROVIDER_URL: z.union([z.literal(''), z.string().url()]).default(''),
    REALNAME_API_KEY: z.string().default(''),
    /** Simulator: share of first checks that fail (§4.2 "低于5%"). */
    REALNAME_SIM_FAIL_RATE: z.coerce.number().min(0).max(1).default(0.05),
    /** Simulator: share of automatic re-checks that pass. */
    REALNAME_SIM_RECHECK_PASS_RATE: z.coerce.number().min(0).max(1).default(0.9),
    /** Simulator: comma-separated ID numbers that fail every check (E2E of offline verification). */
    REALNAME_SIM_ALWAYS_FAIL: z.string().default(''),
    /** Delay of the automatic re-check after a failed check (§4.2: within 24 h). */
    REALNAME_RECHECK_DELAY_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 3600)
      .default(3600),
    /** Durable jobs (jobs/): whether this instance polls and runs them. */
    JOBS_ENABLED: bool.default(true),
    JOBS_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
    /** How long a claimed job stays locked to its worker before another may take it over. */
    JOBS_LEASE_SECONDS: z.coerce.number().int().positive().default(120),
    /** Where the local storage adapter keeps uploaded images (default: <repo>/.data/uploads). */
    UPLOAD_DIR: z.string().default(''),
    /** §7.4 reminders / results: 'real' sends WeChat subscribe messages, 'simulator' records and logs. */
    NOTIFY_ADAPTER: z.enum(['real', 'simulator']).default('simulator'),
    /** Subscribe-message template (fields thing1 = what, time2 = when) and the page it opens. */
    WECHAT_SUBSCRIBE_TEMPLATE_ID: z.string().default(''),
    WECHAT_SUBSCRIBE_PAGE: z.string().default('pages/index/index'),
    WECHAT_MINIPROGRAM_STATE: z.enum(['developer', 'trial', 'formal']).default('formal'),
    /** §7.4 cross-system transfers: 'real' talks to the exchange gateway, 'simulator' plays the other system. */
    EXTERNAL_SYSTEM_ADAPTER: z.enum(['real', 'simulator']).default('simulator'),
    EXTERNAL_SYSTEM_URL: z.union([z.literal(''), z.string().url()]).default(''),
    EXTERNAL_SYSTEM_API_KEY: z.string().default(''),
    /** Simulator: confirm (after the member's check-in there), reject, or silent (never answers → auto-return). */
    EXTERNAL_SIM_MODE: z.enum(['confirm', 'reject', 'silent']).default('confirm'),
    /** Simulator: seconds until the other system answers. */
    EXTERNAL_SIM_DELAY_SECONDS: z.coerce.number().int().min(0).default(3600),
    /** How often the other system is asked for its answer while a transfer waits for it. */
    EXTERNAL_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(3600),
    /**
     * [003 §四] transfers into Guangdong: the per-system secrets signing the other systems'
     * requests, as `central=…,beijing=…,fujian=…`. A system without a secret is refused.
     */
    EXTERNAL_INBOUND_SECRETS: z.string().default(''),
    /**
     * Redis (`redis://host:6379`): when set, instances share state through it — rate limits and
     * session revocations (issue 19), chat fan-out by pub/sub (issue 18); empty = everything in
     * process (one instance, nothing to run besides MariaDB).
     */
    REDIS_URL: z.union([z.literal(''), z.string().regex(/^rediss?:\/\/\S+$/, 'a redis:// or rediss:// URL')]).default(''),
    /** §6.6 chat: messages one cadre may send per minute (bursts of up to 20). */
    CHAT_SEND_PER_MINUTE: z.coerce.number().int().positive().default(60),
  })
  .superRefine((e, ctx) => {
    // A real adapter without its credentials would fail on the first user; fail at start instead.
    const need = (on: boolean, keys: (keyof typeof e)[]) => {
      for (const k of keys) if (on && !e[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'required by the real adapter' });
    };
    need(e.SMS_ADAPTER === 'real', ['SMS_PROVIDER_URL', 'SMS_API_KEY']);
    need(e.WECHAT_ADAPTER === 'real', ['WECHAT_APPID', 'WECHAT_SECRET']);
    need(e.REALNAME_ADAPTER === 'real', ['REALNAME_PROVIDER_URL', 'REALNAME_API_KEY']);
    need(e.NOTIFY_ADAPTER === 'real', ['WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_SUBSCRIBE_TEMPLATE_ID']);
    need(e.EXTERNAL_SYSTEM_ADAPTER === 'real', ['EXTERNAL_SYSTEM_URL', 'EXTERNAL_SYSTEM_API_KEY']);

    // Production refuses every development convenience at once, listing all that are left on.
    if (e.NODE_ENV !== 'production') return;
    const refuse = (k: keyof typeof e, message: string) => ctx.addIssue({ code: 'custom', path: [k], message: `production: ${message}` });
    if (e.JWT_SECRET === DEV_JWT_SECRET) refuse('JWT_SECRET', 'set a secret of your own (not the development default)');
    if (e.PII_SECRET === DEV_PII_SECRET) refuse('PII_SECRET', 'set a secret of your own (not the development default), and never change it');
    for (const k of ['SMS_ADAPTER', 'WECHAT_ADAPTER', 'REALNAME_ADAPTER', 'NOTIFY_ADAPTER', 'EXTERNAL_SYSTEM_ADAPTER'] as const) {
      if (e[k] !== 'real') refuse(k, "the simulator is for development only: set 'real' and its credentials");
    }
    if (e.ENABLE_TEST_ENDPOINTS) refuse('ENABLE_TEST_ENDPOINTS', 'test endpoints expose SMS codes: turn them off');
    if (e.PASSWORD_SCRYPT_LOG_N < SCRYPT_LOG_N.default) refuse('PASSWORD_SCRYPT_LOG_N', 'passwords are hashed with scrypt N = 2^15 or more: 15 or more (lower is for the test suites)');
    if (e.SMS_RESEND_SECONDS < 60) refuse('SMS_RESEND_SECONDS', '§4.1 allows one SMS code per phone per minute: 60 or more');
    if (!e.PUBLIC_BASE_URL) refuse('PUBLIC_BASE_URL', 'required: the public https origin used in QR codes and invitation links');
  });

/**
 * The server package's root: this file is server/src/env.ts under tsx and part of
 * server/dist/*.js when built, one level below it either way.
 */
export const SERVER_ROOT = path.resolve(__dirname, '..');
/** The repository root, where `.data/` lives. */
const REPO_ROOT = path.resolve(SERVER_ROOT, '..');

/**
 * The validated environment in the names the code uses. Its return type is `Config`, so a
 * setting is declared once (in EnvSchema) and mapped once (here).
 */
function toConfig(e: z.infer<typeof EnvSchema>) {
  const production = e.NODE_ENV === 'production';
  return {
    /** NODE_ENV=production: the start-up refusals passed; other behaviour reads the explicit values below. */
    production,
    /** Fastify's trustProxy: false, a hop count, or the trusted proxy addresses. */
    trustProxy: e.TRUST_PROXY,
    /** Serve the OpenAPI UI at /docs. */
    enableDocs: e.ENABLE_DOCS === '' ? !production : e.ENABLE_DOCS === 'true' || e.ENABLE_DOCS === '1',
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    jwtSecret: e.JWT_SECRET,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    dbPoolSize: e.DB_POOL_SIZE,
    databaseNodes: e.DATABASE_NODES.split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    staticDir: e.STATIC_DIR,
    enableTestEndpoints: e.ENABLE_TEST_ENDPOINTS,
    rateLimitLoginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
    rateLimitPublicPerMinute: e.RATE_LIMIT_PUBLIC_PER_MINUTE,
    piiSecret: e.PII_SECRET,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    smsAdapter: e.SMS_ADAPTER,
    smsProviderUrl: e.SMS_PROVIDER_URL,
    smsApiKey: e.SMS_API_KEY,
    smsResendSeconds: e.SMS_RESEND_SECONDS,
    wechatAdapter: e.WECHAT_ADAPTER,
    wechatAppid: e.WECHAT_APPID,
    wechatSecret: e.WECHAT_SECRET,
    realNameAdapter: e.REALNAME_ADAPTER,
    realNameProviderUrl: e.REALNAME_PROVIDER_URL,
    realNameApiKey: e.REALNAME_API_KEY,
    realNameSimFailRate: e.REALNAME_SIM_FAIL_RATE,
    realNameSimRecheckPassRate: e.REALNAME_SIM_RECHECK_PASS_RATE,
    realNameSimAlwaysFail: e.REALNAME_SIM_ALWAYS_FAIL.split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
    realNameRecheckDelaySeconds: e.REALNAME_RECHECK_DELAY_SECONDS,
    jobsEnabled: e.JOBS_ENABLED,
    jobsPollIntervalMs: e.JOBS_POLL_INTERVAL_MS,
    jobsLeaseSeconds: e.JOBS_LEASE_SECONDS,
    uploadDir: e.UPLOAD_DIR ? path.resolve(e.UPLOAD_DIR) : path.join(REPO_ROOT, '.data', 'uploads'),
    notifyAdapter: e.NOTIFY_ADAPTER,
    wechatSubscribeTemplateId: e.WECHAT_SUBSCRIBE_TEMPLATE_ID,
    wechatSubscribePage: e.WECHAT_SUBSCRIBE_PAGE,
    wechatMiniprogramState: e.WECHAT_MINIPROGRAM_STATE,
    externalSystemAdapter: e.EXTERNAL_SYSTEM_ADAPTER,
    externalSystemUrl: e.EXTERNAL_SYSTEM_URL,
    externalSystemApiKey: e.EXTERNAL_SYSTEM_API_KEY,
    externalSimMode: e.EXTERNAL_SIM_MODE,
    externalSimDelaySeconds: e.EXTERNAL_SIM_DELAY_SECONDS,
    externalPollIntervalSeconds: e.EXTERNAL_POLL_INTERVAL_SECONDS,
    chatSendPerMinute: e.CHAT_SEND_PER_MINUTE,
    externalInboundSecrets: Object.fromEntries(
      e.EXTERNAL_INBOUND_SECRETS.split(',')
        .map((p) => p.split('=').map((x) => x.trim()))
        .filter(([k, v]) => k && v),
    ) as Record<string, string>,
  };
}

export type Config = ReturnType<typeof toConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data);
}
