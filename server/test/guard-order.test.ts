import type { App } from '../src/app';
import { memberUser, onboardedCadre, orgTree } from './fixtures';
import { buildWithRoutes, suiteConfig, urlOf, type ApiRoute } from './route-table';

/**
 * Issue 14 item 2: authentication and authorization run before the body is parsed and
 * validated (the guards are onRequest hooks), so a stranger learns nothing from a malformed
 * body — not even which fields a route expects: 401 without a token, 403 outside the org (or
 * without an approved check-in), never 400. Every guarded route that takes a body is tried.
 */
let app: App;
let routes: ApiRoute[];
let tree: Awaited<ReturnType<typeof orgTree>>;
let outsider: Record<string, string>;
let stranger: Record<string, string>;

beforeAll(async () => {
  ({ app, routes } = await buildWithRoutes(suiteConfig()));
  tree = await orgTree(app);
  // an admin of the sibling city: signed in, a cadre, but outside the target's chain
  outsider = (await onboardedCadre(app, tree.otherCity.id, { isAdmin: true })).headers;
  // signed in, no position, no approved check-in
  stranger = (await memberUser(app)).headers;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

const MALFORMED: Array<[string, string, string]> = [
  ['broken JSON', 'application/json', '{"a":'],
  ['wrong shape', 'application/json', '{"zzz": [1, {"__proto__": null}]}'],
  ['array', 'application/json', '[]'],
  ['text', 'text/plain', 'hello'],
];

const withBody = () => routes.filter((r) => r.guard.kind !== 'public' && r.method !== 'GET' && r.method !== 'DELETE');

test('the table has guarded routes with bodies of every guard kind', () => {
  const kinds = new Set(withBody().map((r) => r.guard.kind));
  expect([...kinds].sort()).toEqual(['auth', 'member', 'org']);
});

test('a malformed body from someone without a token gets 401, not 400', async () => {
  const wrong: string[] = [];
  for (const route of withBody()) {
    for (const [what, type, payload] of MALFORMED) {
      const res = await app.inject({ method: route.method as 'POST', url: urlOf(route, tree.branch.id), headers: { 'content-type': type }, payload });
      if (res.statusCode !== 401) wrong.push(`${route.key} [${what}] → ${res.statusCode} ${res.body.slice(0, 80)}`);
    }
  }
  expect(wrong).toEqual([]);
});

test('a malformed body from a signed-in caller outside the org (or not an approved member) gets 403, not 400', async () => {
  const wrong: string[] = [];
  for (const route of withBody()) {
    if (route.guard.kind === 'auth') continue; // any signed-in caller passes; validation answers
    const headers = route.guard.kind === 'org' ? outsider : stranger;
    for (const [what, type, payload] of MALFORMED) {
      const res = await app.inject({ method: route.method as 'POST', url: urlOf(route, tree.branch.id), headers: { ...headers, 'content-type': type }, payload });
      if (res.statusCode !== 403) wrong.push(`${route.key} [${what}] → ${res.statusCode} ${res.body.slice(0, 80)}`);
    }
  }
  expect(wrong).toEqual([]);
});
