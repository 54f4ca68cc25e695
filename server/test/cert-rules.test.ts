import { ErrorMessages, monthOf, todayInChina } from '@tj/shared';
import type { App } from '../src/app';
import { buildTestApp } from './helper';
import { certForm, memberUser, orgTree } from './fixtures';

/** Issue 13 item 13: the server refuses what the form refuses, with the same typed error. */
describe('certification rules over HTTP', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  beforeAll(async () => {
    app = await buildTestApp();
    tree = await orgTree(app);
  });
  afterAll(() => app.close());

  it('refuses a 入团年月 after the current month (China time) and saves nothing', async () => {
    const u = await memberUser(app);
    const [y, m] = monthOf(todayInChina()).split('-').map(Number);
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    const form = certForm(tree.branch.id);
    const res = await app.inject({ method: 'PUT', url: '/api/me/checkin/steps/identity', headers: u.headers, payload: { ...form.identity, joinedAt: next } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'JOINED_AT_FUTURE', message: ErrorMessages.JOINED_AT_FUTURE, field: 'joinedAt' });
    const me = await app.inject({ method: 'GET', url: '/api/me/checkin', headers: u.headers });
    expect(me.json().draft?.joinedAt).toBeUndefined();
  });
});
