import type { App } from '../src/app';
import { insertApprovedMember, insertOrg, onboardedCadre } from './fixtures';
import { uniquePhone } from './helper';
import { PUBLIC_ROUTES, SAMPLE_QUERIES, buildWithRoutes, sampleBodies, suiteConfig, urlOf, type ApiRoute } from './route-table';

/**
 * Issue 12, "keep it from coming back": the authorization matrix. Every /api route (read from
 * the route table, not listed by hand) × every kind of caller × target orgs inside, outside
 * and above the caller's reach. The expectation of each cell comes from the route's guard
 * and the caller's positions, per the spec's permission rules (§2), independently of the
 * guard's code: a 2xx anywhere else, or a 5xx anywhere, fails.
 */

// QR images are drawn in pure JS (~1 s each on a loaded machine); who may get one is the question here.
jest.mock('qrcode', () => ({ __esModule: true, default: { toBuffer: async () => Buffer.from('png') } }));

type Position = { org: string; isAdmin?: boolean; isOperator?: boolean };
interface Caller {
  name: string;
  headers: Record<string, string>;
  positions: Position[];
  member?: boolean;
  /** label → org key: the orgs this caller is tried on */
  targets: Record<string, string>;
}

let app: App;
let routes: ApiRoute[];
const orgIds: Record<string, number> = {};
/** parent of each org key (null for a root) */
const parentOf: Record<string, string | null> = {};
const callers: Caller[] = [];

beforeAll(async () => {
  ({ app, routes } = await buildWithRoutes(suiteConfig()));
  // P ─┬─ C ─┬─ S ── G ─┬─ B     P2 (another province)
  //    │     └─ S2      └─ B2
  //    └─ C2
  const tree: Array<[string, string | null, Parameters<typeof insertOrg>[2]]> = [
    ['P', null, 'leadingOrgan'],
    ['P2', null, 'leadingOrgan'],
    ['C', 'P', 'leadingOrgan'],
    ['C2', 'P', 'leadingOrgan'],
    ['S', 'C', 'grassrootsCommittee'],
    ['S2', 'C', 'grassrootsCommittee'],
    ['G', 'S', 'generalBranch'],
    ['B', 'G', 'branch'],
    ['B2', 'G', 'branch'],
  ];
  const rows: Record<string, Awaited<ReturnType<typeof insertOrg>>> = {};
  for (const [key, parent, type] of tree) {
    rows[key] = await insertOrg(app, parent ? rows[parent] : null, type);
    orgIds[key] = rows[key].id;
    parentOf[key] = parent;
  }
  const cadre = async (name: string, pos: Position, targets: Record<string, string>) => {
    const c = await onboardedCadre(app, orgIds[pos.org], { isAdmin: pos.isAdmin, isOperator: pos.isOperator });
    callers.push({ name, headers: c.headers, positions: [pos], targets });
  };
  const member = await insertApprovedMember(app, orgIds.B);
  callers.push({ name: 'anonymous', headers: {}, positions: [], targets: { any: 'B' } });
  callers.push({ name: 'member', headers: member.headers, positions: [], member: true, targets: { own: 'B', outside: 'B2', above: 'G' } });
  await cadre('plain cadre of S', { org: 'S' }, { own: 'S', inside: 'G', outside: 'S2', above: 'C' });
  await cadre('operator of B', { org: 'B', isOperator: true }, { own: 'B', outside: 'B2', above: 'G' });
  await cadre('province admin', { org: 'P', isAdmin: true }, { own: 'P', inside: 'B', outside: 'P2' });
  await cadre('city admin', { org: 'C', isAdmin: true }, { own: 'C', inside: 'S', outside: 'C2', above: 'P' });
  await cadre('university admin', { org: 'S', isAdmin: true }, { own: 'S', inside: 'B', outside: 'S2', above: 'C' });
  await cadre('branch admin', { org: 'B', isAdmin: true }, { own: 'B', outside: 'B2', above: 'G' });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

/** org key and its ancestors, itself first */
function chain(org: string): string[] {
  const out: string[] = [];
  for (let o: string | null = org; o; o = parentOf[o]) out.push(o);
  return out;
}

/** §2: may this caller reach `org` at `level`? (the spec's rule, written out independently) */
function orgAllowed(c: Caller, level: 'cadre' | 'operator' | 'admin', org: string): boolean {
  const up = chain(org);
  const above = up.slice(1);
  return c.positions.some((p) => {
    if (level === 'cadre') return up.includes(p.org);
    if (level === 'admin') return !!p.isAdmin && up.includes(p.org);
    return (p.org === org && !!(p.isOperator || p.isAdmin)) || (!!p.isAdmin && above.includes(p.org));
  });
}

function expectedAllowed(route: ApiRoute, c: Caller, target: string): boolean {
  const anonymous = Object.keys(c.headers).length === 0;
  switch (route.guard.kind) {
    case 'public':
      return true;
    case 'member':
      return !!c.member;
    case 'org':
      return orgAllowed(c, route.guard.level, target);
    case 'auth':
      if (anonymous) return false;
      // a signed-in route about an org (the cadre's own first-entry step) reaches only orgs where the caller holds a position
      return route.params.includes('orgId') ? c.positions.some((p) => p.org === target) : true;
  }
}

test('the route table is read, every unguarded route is a listed public one, every sample body is valid', () => {
  expect(routes.length).toBeGreaterThan(60);
  const unlisted = routes.filter((r) => r.guard.kind === 'public' && !PUBLIC_ROUTES.has(r.key)).map((r) => r.key);
  expect(unlisted).toEqual([]);
  // every org route is guarded on its :orgId (and only org routes carry one, but the cadre's own step)
  const orgWithoutParam = routes.filter((r) => r.guard.kind === 'org' && !r.params.includes('orgId')).map((r) => r.key);
  expect(orgWithoutParam).toEqual([]);
  const samples = sampleBodies(uniquePhone);
  const problems: string[] = [];
  for (const r of routes) {
    if (r.guard.kind === 'public') continue;
    if (r.schema.body) {
      if (!(r.key in samples)) problems.push(`${r.key}: no sample body`);
      else {
        const res = r.schema.body.safeParse(samples[r.key]);
        if (!res.success) problems.push(`${r.key}: sample body invalid ${JSON.stringify(res.error.issues)}`);
      }
    }
    if (r.schema.querystring) {
      const res = r.schema.querystring.safeParse(SAMPLE_QUERIES[r.key] ?? {});
      if (!res.success) problems.push(`${r.key}: sample query invalid`);
    }
  }
  expect(problems).toEqual([]);
});

test('no 2xx outside the allowed cells, no 5xx anywhere, every guarded route refuses anonymous with 401', async () => {
  const samples = sampleBodies(uniquePhone);
  const unexpected: string[] = [];
  const tally: Record<string, number> = {};
  let cells = 0;
  // One request at a time: the matrix is about who gets in, not races (those have their own tests).
  for (const route of routes) {
    for (const c of callers) {
      // a route without :orgId is the same for every target
      const targets = route.params.includes('orgId') ? Object.entries(c.targets) : [['-', Object.values(c.targets)[0]] as const];
      for (const [label, target] of targets) {
        cells++;
        const body = samples[route.key];
        const res = await app.inject({
          method: route.method as 'GET',
          url: urlOf(route, orgIds[target]),
          headers: c.headers,
          query: SAMPLE_QUERIES[route.key],
          ...(body !== undefined ? { payload: body as object } : {}),
        });
        const allowed = expectedAllowed(route, c, target);
        const cell = `${route.key} as ${c.name} on ${label} (${target}) → ${res.statusCode} ${res.body.slice(0, 100)}`;
        const k = `${allowed ? 'allowed' : 'denied'} ${res.statusCode}`;
        tally[k] = (tally[k] ?? 0) + 1;
        if (res.statusCode >= 500) unexpected.push(`5xx: ${cell}`);
        else if (!allowed && res.statusCode < 300) unexpected.push(`unexpected 2xx: ${cell}`);
        else if (c.name === 'anonymous' && route.guard.kind !== 'public' && res.statusCode !== 401) unexpected.push(`anonymous not 401: ${cell}`);
      }
    }
  }
  console.log(`authorization matrix: ${routes.length} routes, ${callers.length} callers, ${cells} cells`, tally);
  expect(unexpected).toEqual([]);
}, 120_000);
