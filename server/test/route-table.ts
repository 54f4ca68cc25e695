import type { RouteOptions } from 'fastify';
import type { ZodType } from 'zod';
import { ErrorMessages } from '@tj/shared';
import type { App } from '../src/app';
import type { OrgLevel } from '../src/plugins/org-guard';
import { buildApp } from '../src/app';
import type { Config } from '../src/env';
import { testConfig } from './helper';
import { VALID_IDS } from './fixtures';

/**
 * The route table the authorization matrix and the bad-input sweep are generated from: every
 * /api route as Fastify registers it, with the guard read off its hooks (requireOrg tags its
 * onRequest hook with the level) and its zod schemas. A new route is covered without editing a
 * list; only its sample request (below) may need adding, and the tests say so.
 */
export type Guard = { kind: 'public' } | { kind: 'auth' } | { kind: 'member' } | { kind: 'org'; level: OrgLevel };

export interface ApiRoute {
  method: string;
  /** without the /api prefix, e.g. /orgs/:orgId/roster */
  path: string;
  key: string;
  guard: Guard;
  params: string[];
  schema: { body?: ZodType; querystring?: ZodType; params?: ZodType };
}

/**
 * Routes anyone may call without a token (login, registration, the public lookups). A route
 * with no guard that is not listed here fails the matrix: new endpoints are private until
 * someone decides otherwise.
 */
export const PUBLIC_ROUTES = new Set([
  'GET /health',
  'POST /auth/login',
  'POST /auth/refresh',
  'POST /auth/logout',
  'POST /auth/sms',
  'POST /auth/register',
  'POST /auth/login/sms',
  'POST /auth/password/reset',
  'POST /auth/reset-by-code',
  'POST /auth/wechat',
  'POST /admin-codes/lookup',
  'POST /auth/admin-register',
  'GET /qr/:scene',
  'GET /orgs/search',
  'GET /orgs/search/:orgId/children',
  'GET /cadre/invitations/preview',
  // [003 §四] the other League systems: no user session, a per-system HMAC signature instead.
  'POST /inbound/transfers',
  // §6.6 the chat socket: a plain GET answers 404; the upgraded socket authenticates by its first frame.
  'GET /chat/socket',
]);

/** A config for the suites: rate limits out of the way (a 429 would hide what is behind it). */
export function suiteConfig(overrides: Partial<Config> = {}): Config {
  const base = testConfig(overrides);
  // Every numeric rate-limit setting, whatever its name (other work adds more of them).
  const lifted = Object.fromEntries(
    Object.entries(base)
      .filter(([k, v]) => /rateLimit/i.test(k) && typeof v === 'number')
      .map(([k]) => [k, 100_000]),
  );
  return { ...base, ...lifted, ...overrides };
}

/** Builds the app through buildApp and collects its /api routes. */
export async function buildWithRoutes(config: Config): Promise<{ app: App; routes: ApiRoute[] }> {
  const raw: RouteOptions[] = [];
  const app = await buildApp(config, { logger: process.env.SUITE_LOG ? { level: 'error' } : false, onRoute: (r) => void raw.push(r) });
  await app.ready();
  const routes: ApiRoute[] = [];
  for (const r of raw) {
    const methods = ([] as string[]).concat(r.method);
    if (!r.url.startsWith('/api/')) continue;
    const hooks = ([] as unknown[]).concat(r.onRequest ?? [], r.preValidation ?? [], r.preHandler ?? []) as Array<((...a: unknown[]) => unknown) & { orgLevel?: OrgLevel }>;
    const org = hooks.find((h) => h.orgLevel);
    const guard: Guard = org
      ? { kind: 'org', level: org.orgLevel! }
      : hooks.includes(app.requireApprovedMember as never) || hooks.includes(app.requireMemberRecord as never)
        ? { kind: 'member' }
        : hooks.includes(app.authenticate as never)
          ? { kind: 'auth' }
          : { kind: 'public' };
    const path = r.url.slice(4);
    const schema = (r.schema ?? {}) as ApiRoute['schema'];
    for (const method of methods) {
      // HEAD is Fastify's automatic twin of a GET: same hooks, same handler.
      if (method === 'HEAD') continue;
      routes.push({ method, path, key: `${method} ${path}`, guard, params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]), schema });
    }
  }
  return { app, routes };
}

/** An id of nothing: syntactically valid, so the guard (not validation) decides. */
export const NO_ID = '999999999';

/** Values of path parameters other than :orgId. */
export const PARAM_SAMPLES: Record<string, string> = {
  childId: NO_ID,
  entryId: NO_ID,
  requestId: NO_ID,
  checkinId: NO_ID,
  transferId: NO_ID,
  appealId: NO_ID,
  campaignId: NO_ID,
  memberId: NO_ID,
  submissionId: NO_ID,
  recordId: NO_ID,
  branchId: NO_ID,
  id: NO_ID,
  noticeId: NO_ID,
  fileId: NO_ID,
  messageId: NO_ID,
  kind: 'cadre',
  step: 'optional',
  scene: 'abcdef',
  phone: '13800000000',
  conversationId: NO_ID,
};

const photo = { fileId: NO_ID, mime: 'image/png', size: 100 };

/**
 * A valid body (and query) per route, so that a refusal comes from the guard and not from
 * validation (the guards run on onRequest, before validation; the services' own checks after it). They point at nothing (NO_ID) so
 * that an allowed call changes little. The matrix checks each against the route's schema.
 */
export function sampleBodies(freshPhone: () => string): Record<string, unknown> {
  return {
    'PATCH /orgs/:orgId': { sortOrder: 5 },
    'POST /orgs/:orgId/children': {
      type: 'branch',
      shortName: '矩阵测试团支部',
      fullName: '中国共产主义青年团矩阵测试支部委员会',
      industry: 'other',
      secretaryName: '张三',
      secretaryIdNumber: VALID_IDS[0],
      secretaryPhone: freshPhone(),
    },
    'POST /orgs/:orgId/roster': { name: '张三', idNumber: VALID_IDS[1], phone: freshPhone(), position: 'secretary', isOperator: false },
    'PATCH /orgs/:orgId/roster/:entryId': { position: 'secretary' },
    'POST /orgs/:orgId/roster/:entryId/admin': { isAdmin: false },
    'POST /orgs/:orgId/admin-requests/:requestId/decision': { approve: false },
    'POST /orgs/:orgId/reset-codes': { phone: freshPhone() },
    'PUT /me/checkin/steps/:step': {},
    'POST /me/checkin/withdraw': { reason: '测试' },
    'POST /orgs/:orgId/checkins/batch-approve': { ids: [NO_ID] },
    'POST /orgs/:orgId/checkins/:checkinId/review': { action: 'return', reason: '资料有误' },
    'POST /orgs/:orgId/checkins/:checkinId/offline-verify': { note: '线下核验无误', photo },
    'PUT /orgs/:orgId/members/:checkinId/development-number': { developmentNumber: '201800001234' },
    'POST /cadre/entry': {},
    'POST /cadre/orgs/:orgId/position': { position: 'secretary' },
    'PUT /orgs/:orgId/alias': { alias: '矩阵测试团支部' },
    'PATCH /orgs/:orgId/alias': { alias: '矩阵测试团支部' },
    'POST /me/transfers': {
      direction: 'inProvince',
      destinationOrgId: NO_ID,
      contact: '13800138000',
      reason: 'furtherStudy',
      remarks: '升学',
      attachments: [photo],
      smsCode: '123456',
    },
    'POST /me/transfers/:id/withdraw': { reason: '不转了' },
    'POST /me/transfers/:id/appeal': { reason: '理由充分', attachments: [photo] },
    'POST /orgs/:orgId/two-systems/campaigns': { kind: 'registration', year: 2000, startsOn: '2000-01-01', endsOn: '2000-01-31' },
    'PUT /orgs/:orgId/two-systems/campaigns/:campaignId/members/:memberId': { outcome: 'refused', reason: '矩阵测试' },
    'POST /orgs/:orgId/two-systems/campaigns/:campaignId/members/all': { outcome: 'registered' },
    'POST /orgs/:orgId/two-systems/submissions/:submissionId/decide': { decision: 'return', reason: '矩阵测试' },
    'POST /orgs/:orgId/ratings/self': { level: 'star3' },
    'POST /orgs/:orgId/ratings/reviews': { orgIds: [NO_ID], level: 'star3' },
    'POST /orgs/:orgId/org-life/records': {
      requestId: 'matrix-test-0001',
      ...{ kind: 'leagueDay', heldOn: '2000-01-01', topic: '矩阵测试', place: '矩阵测试', attendeeIds: [NO_ID], note: null, photos: [] },
    },
    'PUT /orgs/:orgId/org-life/records/:recordId': { kind: 'leagueDay', heldOn: '2000-01-01', topic: '矩阵测试', place: '矩阵测试', attendeeIds: [NO_ID], note: null, photos: [] },
    'POST /orgs/:orgId/transfers/:transferId/review': { action: 'reject', reason: '资料不全' },
    'POST /orgs/:orgId/transfers/lookup': { name: '张三', idNumber: VALID_IDS[2] },
    'POST /orgs/:orgId/transfers/in': { name: '张三', idNumber: VALID_IDS[2], reason: 'furtherStudy', toBranchId: null },
    'POST /orgs/:orgId/transfers/out': { memberIds: [NO_ID], destinationOrgId: NO_ID, reason: 'furtherStudy' },
    'POST /orgs/:orgId/transfers/batch': { fromBranchId: '999999998', toBranchId: NO_ID, memberIds: [NO_ID], reason: 'furtherStudy' },
    'POST /orgs/:orgId/transfer-appeals/:appealId/decide': { action: 'reject', reason: '理由不足' },
    'POST /orgs/:orgId/transfers/:transferId/withdraw': { reason: '发起方撤销' },
    'POST /orgs/:orgId/archives/:checkinId/decision': { action: 'reject', reason: '缺页' },
    'POST /auth/wechat/bind': { code: 'sim-code' },
    'POST /orgs/:orgId/graduation/marks': { branchIds: [NO_ID], month: '2027-06' },
    'PUT /orgs/:orgId/graduation/branches/:branchId': { month: '2027-06' },
    'PUT /orgs/:orgId/graduation/delayed/:memberId': { month: '2028-01', reason: '课程重修' },
    'POST /orgs/:orgId/membership/members/:memberId/exit': { kind: 'resigned', reason: '本人申请' },
    'POST /orgs/:orgId/membership/requests/:requestId/decision': { approve: false, reason: '理由不足' },
    'POST /me/identity-correction': { name: '张三', gender: 'female', idNumber: VALID_IDS[2], photo },
    'POST /orgs/:orgId/identity-corrections/members/:memberId': { name: '张三', gender: 'female', idNumber: VALID_IDS[2], photo },
    'POST /orgs/:orgId/identity-corrections/:requestId/decision': { approve: false, reason: '证明材料不清晰' },
    'POST /orgs/:orgId/notices': { title: '矩阵测试通知', body: '矩阵测试', audience: 'cadres', scope: 'chosen', targetOrgIds: [NO_ID], attachments: [] },
    'POST /orgs/:orgId/entered-members': {},
    'PUT /orgs/:orgId/entered-members/:memberId': {},
    'POST /me/member-claim/verify': { name: '张三', idNumber: VALID_IDS[3] },
    // public
    'POST /auth/login': { phone: freshPhone(), password: 'abc12345xyz' },
    'POST /auth/refresh': { refreshToken: 'not-a-token' },
    'POST /auth/logout': { refreshToken: 'not-a-token' },
    'POST /auth/sms': { phone: freshPhone(), purpose: 'register' },
    'POST /auth/register': { phone: freshPhone(), password: 'abc12345xyz', confirmPassword: 'abc12345xyz', smsCode: '123456', regionCode: '440106', agreed: true },
    'POST /auth/login/sms': { phone: freshPhone(), smsCode: '123456' },
    'POST /auth/password/reset': { phone: freshPhone(), smsCode: '123456', password: 'abc12345xyz', confirmPassword: 'abc12345xyz' },
    'POST /auth/reset-by-code': { phone: freshPhone(), code: '123456', password: 'abc12345xyz', confirmPassword: 'abc12345xyz' },
    'POST /auth/password/change': { oldPassword: 'abc12345xyz', password: 'xyz98765abc', confirmPassword: 'xyz98765abc' },
    'POST /auth/wechat': { code: 'sim-code' },
    'POST /inbound/transfers': { transferId: 'MATRIX-1', member: { name: '张三', idNumber: VALID_IDS[4] }, toBranchId: NO_ID, reason: 'employed' },
    'POST /admin-codes/lookup': { code: 'ABCD2345' },
    'POST /chat/conversations/direct': { userId: NO_ID },
    'POST /chat/conversations/:conversationId/messages': { clientMsgId: 'matrix-0001', kind: 'text', text: '矩阵测试' },
    'POST /chat/conversations/:conversationId/read': { seq: 1 },
    'POST /auth/admin-register': {
      orgId: NO_ID,
      position: 'secretary',
      code: 'ABCD2345',
      name: '张三',
      idNumber: VALID_IDS[3],
      phone: freshPhone(),
      smsCode: '123456',
      password: 'abc12345xyz',
      confirmPassword: 'abc12345xyz',
      joinedAt: '2010-05',
    },
  };
}

/** Query strings that a route requires. */
export const SAMPLE_QUERIES: Record<string, Record<string, string>> = {
  'GET /orgs/search': { q: '测试' },
  'GET /cadre/invitations/preview': { token: 'not-a-token' },
  'GET /orgs/:orgId/transfers/members': { branchId: NO_ID },
  'GET /orgs/:orgId/org-life/overview': { from: '2000-01', to: '2000-01' },
  'GET /orgs/:orgId/org-life/participation': { from: '2000-01', to: '2000-01' },
};

/** The URL of `route` with :orgId = `orgId` and the other parameters from PARAM_SAMPLES. */
export function urlOf(route: ApiRoute, orgId: number | string | undefined, params: Record<string, string> = {}): string {
  return `/api${route.path.replace(/:(\w+)/g, (_, name: string) => encodeSegment(params[name] ?? (name === 'orgId' ? String(orgId) : PARAM_SAMPLES[name])))}`;
}

/** encodeURIComponent, except that a lone surrogate goes out as the bytes of its code unit (invalid UTF-8) */
function encodeSegment(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return [...v]
      .map((ch) =>
        /[\ud800-\udfff]/.test(ch)
          ? [0xe0 | (ch.charCodeAt(0) >> 12), 0x80 | ((ch.charCodeAt(0) >> 6) & 63), 0x80 | (ch.charCodeAt(0) & 63)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')
          : encodeURIComponent(ch),
      )
      .join('');
  }
}

const CJK = /[\u4e00-\u9fff]/;

/** Why a 4xx body is not a typed Chinese error, or null when it is. */
export function untypedError(status: number, body: string): string | null {
  if (status < 400 || status >= 500) return null;
  let parsed: { code?: unknown; message?: unknown };
  try {
    parsed = JSON.parse(body);
  } catch {
    return `not JSON: ${body.slice(0, 80)}`;
  }
  if (typeof parsed.code !== 'string' || !(parsed.code in ErrorMessages)) return `untyped code ${String(parsed.code)}`;
  if (typeof parsed.message !== 'string' || !CJK.test(parsed.message)) return `message not Chinese: ${String(parsed.message)}`;
  return null;
}
