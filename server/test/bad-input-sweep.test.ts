import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import type { App } from '../src/app';
import { VALID_IDS, insertApprovedMember, insertOrg, onboardedCadre } from './fixtures';
import { privateDatabase, uniquePhone } from './helper';
import { SAMPLE_QUERIES, buildWithRoutes, sampleBodies, suiteConfig, untypedError, urlOf, type ApiRoute } from './route-table';

/**
 * Issue 12, "keep it from coming back": the bad-input sweep. For every route (from the route
 * table), as a caller allowed to use it, its sample request spoiled in every way we could
 * think of — wrong types, missing and extra fields, huge strings, odd unicode, NaN / negative
 * / huge numbers, nulls, broken JSON, bad path parameters and query strings, bad tokens.
 * Nothing may answer 5xx; every 4xx is `{ code, message }` with a known code and a Chinese
 * message; and a refused request changes no table (checksums of every table).
 */

// QR images are drawn in pure JS (~1 s each on a loaded machine): not what this sweep is about.
jest.mock('qrcode', () => ({ __esModule: true, default: { toBuffer: async () => Buffer.from('png') } }));

const BIG = 'a'.repeat(100_000);
/** Values that have no business in any field. */
const BAD_VALUES: unknown[] = [
  null,
  true,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 64,
  '',
  '   ',
  'abc',
  'NaN',
  '-1',
  '99999999999999999999999999',
  BIG,
  '团'.repeat(50_000),
  '\ud800',
  'x\udfffy',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\u200b\u200d\ufeff',
  '👨‍👩‍👧‍👦🇨🇳',
  'a\u0000b',
  "' OR 1=1 -- ",
  {},
  [],
  ['x'],
  { $gt: '' },
];
const BAD_STRINGS = ['', 'abc', '-1', '0', '1.5', 'NaN', 'Infinity', '1e308', '99999999999999999999999999', BIG.slice(0, 20_000), '\ud800', '\u202e', '\u200b', '👨‍👩‍👧', '%00', "' OR 1=1"];

let app: App;
let routes: ApiRoute[];
let db: Awaited<ReturnType<typeof privateDatabase>>;
let conn: mysql.Connection;
let tables: string[];
const orgIds: Record<string, number> = {};
let adminHeaders: Record<string, string>;
let memberHeaders: Record<string, string>;
/** real rows for path parameters, so that spoiled bodies get past "not found" */
const realParams: Record<string, string> = {};

beforeAll(async () => {
  // A database of its own: other files running in parallel would move the checksums.
  db = await privateDatabase('tj_test_sweep');
  ({ app, routes } = await buildWithRoutes(suiteConfig({ databaseUrl: db.databaseUrl })));
  const P = await insertOrg(app, null, 'leadingOrgan');
  const C = await insertOrg(app, P, 'leadingOrgan');
  const S = await insertOrg(app, C, 'grassrootsCommittee');
  const G = await insertOrg(app, S, 'generalBranch');
  const B = await insertOrg(app, G, 'branch');
  Object.assign(orgIds, { P: P.id, C: C.id, S: S.id, G: G.id, B: B.id });
  adminHeaders = (await onboardedCadre(app, P.id, { isAdmin: true })).headers;
  const member = await insertApprovedMember(app, B.id);
  memberHeaders = member.headers;
  realParams.checkinId = String(member.checkinId);
  const entry = await app.inject({
    method: 'POST',
    url: `/api/orgs/${S.id}/roster`,
    headers: adminHeaders,
    payload: { name: '李四', idNumber: VALID_IDS[4], phone: uniquePhone(), position: 'secretary' },
  });
  expect(entry.statusCode).toBe(201);
  realParams.entryId = entry.json().id;
  conn = await mysql.createConnection({ uri: db.databaseUrl });
  const [rows] = await conn.query('SHOW TABLES');
  tables = (rows as Record<string, string>[]).map((r) => Object.values(r)[0]).filter((t) => !t.startsWith('__drizzle'));
}, 60_000);

afterAll(async () => {
  await conn?.end();
  await app?.close();
  await db?.drop();
});

async function checksums(): Promise<string> {
  const [rows] = await conn.query(`CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`);
  return (rows as { Table: string; Checksum: number }[]).map((r) => `${r.Table}=${r.Checksum}`).join(' ');
}

function changedTables(before: string, after: string): string[] {
  const a = before.split(' ');
  return after.split(' ').filter((x, i) => x !== a[i]);
}

interface Attempt {
  what: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  query?: Record<string, string | string[]>;
  payload?: string;
}

/** The caller allowed to use a route and the org it is aimed at. */
function callerFor(route: ApiRoute): { headers: Record<string, string>; orgId: number } {
  if (route.guard.kind === 'org') return { headers: adminHeaders, orgId: /alias|qr/.test(route.path) ? orgIds.B : orgIds.S };
  if (route.guard.kind === 'public') return { headers: {}, orgId: orgIds.S };
  if (route.path.includes(':orgId')) return { headers: adminHeaders, orgId: orgIds.S };
  return { headers: memberHeaders, orgId: orgIds.B };
}

/** Every spoiled version of a route's sample request. */
function attemptsFor(route: ApiRoute, samples: Record<string, unknown>): Attempt[] {
  const { headers, orgId } = callerFor(route);
  // a DELETE would remove the real row the other routes need
  const url = urlOf(route, orgId, route.method === 'DELETE' ? {} : realParams);
  const query = SAMPLE_QUERIES[route.key];
  const json = { ...headers, 'content-type': 'application/json' };
  const out: Attempt[] = [];
  const sample = samples[route.key];
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  if (hasBody || route.schema.body) {
    const whole: Array<[string, string]> = [
      ['null body', 'null'],
      ['array body', '[]'],
      ['string body', '"x"'],
      ['number body', '42'],
      ['empty object', '{}'],
      ['broken JSON', '{"a":'],
      ['NaN literal', '{"a": NaN}'],
      ['proto pollution', '{"__proto__": {"isAdmin": true}}'],
      ['constructor pollution', '{"constructor": {"prototype": {"isAdmin": true}}}'],
      ['lone surrogate escape', '{"x": "\\ud800"}'],
    ];
    for (const [what, payload] of whole) out.push({ what, method: route.method, url, headers: json, query, payload });
    out.push({ what: 'empty body with JSON type', method: route.method, url, headers: json, query, payload: '' });
    out.push({ what: 'form-encoded body', method: route.method, url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, query, payload: 'a=1' });
    out.push({ what: 'text body', method: route.method, url, headers: { ...headers, 'content-type': 'text/plain' }, query, payload: 'hello' });
  }
  if (sample && typeof sample === 'object') {
    const base = sample as Record<string, unknown>;
    const body = (what: string, value: unknown) => out.push({ what, method: route.method, url, headers: json, query, payload: JSON.stringify(value) });
    body('extra field', { ...base, extra: 'x', isAdmin: true, userId: '1' });
    for (const key of Object.keys(base)) {
      const { [key]: _drop, ...rest } = base;
      body(`missing ${key}`, rest);
      for (const bad of BAD_VALUES) body(`${key} = ${describe(bad)}`, { ...base, [key]: bad });
      // one level down: the fields of a nested object, or of an array's first element
      const inner = Array.isArray(base[key]) ? (base[key] as unknown[])[0] : base[key];
      if (inner && typeof inner === 'object') {
        for (const sub of Object.keys(inner)) {
          for (const bad of [null, -1, 1e308, 'abc', BIG, '\ud800', {}]) {
            const spoiled = { ...inner, [sub]: bad };
            body(`${key}.${sub} = ${describe(bad)}`, { ...base, [key]: Array.isArray(base[key]) ? [spoiled] : spoiled });
          }
        }
      }
      if (Array.isArray(base[key])) body(`${key} × 10000`, { ...base, [key]: Array.from({ length: 10_000 }, () => (base[key] as unknown[])[0]) });
    }
  }
  // query strings: every known key (the schema's and the sample's) and a stranger
  if (route.schema.querystring || query) {
    const shape = (route.schema.querystring as unknown as { shape?: Record<string, unknown> })?.shape ?? {};
    const keys = [...new Set([...Object.keys(shape), ...Object.keys(query ?? {})])];
    for (const key of keys) {
      for (const bad of BAD_STRINGS) out.push({ what: `query ${key}=${describe(bad)}`, method: route.method, url, headers, query: { ...query, [key]: bad } });
      out.push({ what: `query ${key} repeated`, method: route.method, url, headers, query: { ...query, [key]: ['1', '2'] } });
    }
    out.push({ what: 'query stranger', method: route.method, url, headers, query: { ...query, zzz: '1' } });
  }
  // path parameters (the :orgId of an org route too: a bad one must not reach the guard's SQL)
  for (const name of route.params) {
    for (const bad of [...BAD_STRINGS.filter((s) => s !== ''), ' 1', '1 ', '0x10', '1'.repeat(90), '1'.repeat(200)]) {
      const payload = sample === undefined ? undefined : JSON.stringify(sample);
      out.push({
        what: `param ${name}=${describe(bad)}`,
        method: route.method,
        url: urlOf(route, orgId, { ...(route.method === 'DELETE' ? {} : realParams), [name]: bad }),
        headers: payload === undefined ? headers : json,
        query,
        payload,
      });
    }
  }
  return out;
}

function describe(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  return s.length > 24 ? `${s.slice(0, 12)}…(${s.length})` : s;
}

test('every route, every spoiled input: no 5xx, refusals typed and in Chinese, no table changed by a refusal', async () => {
  const samples = sampleBodies(uniquePhone);
  const problems: string[] = [];
  const tally: Record<number, number> = {};
  let sent = 0;
  for (const route of routes) {
    const attempts = attemptsFor(route, samples);
    if (attempts.length === 0) continue;
    // Checksums around the route's whole batch; when something in it was accepted (a
    // spoiled input the schema rightly tolerates, e.g. an extra field), each refusal of the
    // batch is checked on its own.
    let before = await checksums();
    const accepted: Attempt[] = [];
    for (const a of attempts) {
      const res = await app.inject({ method: a.method as 'POST', url: a.url, headers: a.headers, query: a.query, payload: a.payload });
      sent++;
      tally[res.statusCode] = (tally[res.statusCode] ?? 0) + 1;
      const where = `${route.key} [${a.what}] → ${res.statusCode} ${res.body.slice(0, 160)}`;
      if (res.statusCode >= 500) problems.push(`5xx: ${where}`);
      const untyped = untypedError(res.statusCode, res.body);
      if (untyped) problems.push(`${untyped}: ${where}`);
      if (res.statusCode < 300) accepted.push(a);
    }
    const after = await checksums();
    if (accepted.length === 0) {
      if (after !== before) problems.push(`${route.key}: refused requests changed ${changedTables(before, after).join(', ')}`);
      continue;
    }
    before = after;
    for (const a of attempts) {
      if (accepted.includes(a)) continue;
      const res = await app.inject({ method: a.method as 'POST', url: a.url, headers: a.headers, query: a.query, payload: a.payload });
      const now = await checksums();
      if (res.statusCode >= 300 && now !== before) problems.push(`${route.key} [${a.what}] → ${res.statusCode} changed ${changedTables(before, now).join(', ')}`);
      before = now;
    }
  }
  console.log(`bad-input sweep: ${routes.length} routes, ${sent} requests`, tally);
  expect(problems.slice(0, 60)).toEqual([]);
}, 180_000);

test('bad tokens: forged subjects, garbage and wrong schemes are a typed 401, never a 5xx', async () => {
  const subjects: unknown[] = ['abc', '', '-1', '0', '1.5', '1e308', 'NaN', '99999999999999999999999', ' 1', 12, null, {}, ['1']];
  const tokens = [...subjects.map((sub) => app.jwt.sign({ sub } as never)), app.jwt.sign({} as never), 'garbage', 'a.b.c', '', BIG.slice(0, 8000)];
  const urls = ['/api/auth/me', '/api/me/checkin', '/api/me/home', `/api/orgs/${orgIds.S}`, '/api/me/orgs'];
  const problems: string[] = [];
  for (const token of tokens) {
    for (const scheme of ['Bearer ', 'bearer ', 'Basic ']) {
      for (const url of urls) {
        const res = await app.inject({ method: 'GET', url, headers: { authorization: `${scheme}${token}` } });
        const where = `${url} with ${scheme}${token.slice(0, 40)} → ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (res.statusCode !== 401) problems.push(`not 401: ${where}`);
        const untyped = untypedError(res.statusCode, res.body);
        if (untyped) problems.push(`${untyped}: ${where}`);
      }
    }
  }
  expect(problems).toEqual([]);
});

/** A raw HTTP request (inject skips Node's HTTP parser, whose limits are what is tested). */
function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('an over-long URL or header is a typed Chinese refusal (431), not Node’s English one', async () => {
  const server = await buildWithRoutes(suiteConfig({ databaseUrl: db.databaseUrl }));
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const port = (server.app.server.address() as AddressInfo).port;
    const longUrl = await rawGet(port, `/api/orgs/search?q=${'a'.repeat(20_000)}`);
    expect(longUrl.status).toBe(431);
    expect(untypedError(longUrl.status, longUrl.body)).toBeNull();
    expect(JSON.parse(longUrl.body).code).toBe('REQUEST_TOO_LARGE');
    const longHeader = await rawGet(port, '/api/health', { 'x-filler': 'b'.repeat(20_000) });
    expect(longHeader.status).toBe(431);
    expect(untypedError(longHeader.status, longHeader.body)).toBeNull();
    // a long path segment is no route at all: a typed 404
    const longParam = await rawGet(port, `/api/orgs/${'1'.repeat(500)}`);
    expect(longParam.status).toBe(404);
    const badEncoding = await rawGet(port, '/api/orgs/%ED%A0%80');
    expect(badEncoding.status).toBe(400);
    expect(untypedError(badEncoding.status, badEncoding.body)).toBeNull();
    expect(untypedError(longParam.status, longParam.body)).toBeNull();
    // and the server still answers afterwards
    expect((await rawGet(port, '/api/health')).status).toBe(200);
  } finally {
    await server.app.close();
  }
});
