import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { buildApp, type App } from '../src/app';
import type { SmsSimulator } from '../src/adapters/sms/simulator';
import { rosterEntries } from '../src/db/schema';
import { onboardedCadre, orgTree, VALID_IDS } from './fixtures';
import { manualClock, testConfig, uniquePhone } from './helper';

/**
 * Issue 12 item 10: what the server logs — request lines, the SMS simulator, errors — holds no
 * phone, ID number, SMS code, invitation token, password or session token.
 */
describe('logs carry no personal data or credentials', () => {
  let app: App;
  let log = '';
  const clock = manualClock();
  const stream = new Writable({
    write(chunk, _enc, done) {
      log += chunk.toString();
      done();
    },
  });
  beforeAll(async () => {
    app = await buildApp(testConfig({ logLevel: 'debug', publicBaseUrl: 'https://h5.example.org', rateLimitLoginPerMinute: 1000 }), { logStream: stream, clock });
    await app.ready();
  });
  afterAll(() => app.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload, headers });

  it('register, login, SMS login, reset, invite, preview and search flows log none of their secrets', async () => {
    const secrets: string[] = [];
    const phone = uniquePhone();
    const password = 'Zebra horse 42!';
    secrets.push(phone, password);

    await post('/api/auth/sms', { phone, purpose: 'register' });
    const regCode = (app.sms as SmsSimulator).lastCode(phone)!;
    secrets.push(regCode);
    await post('/api/auth/register', { phone, smsCode: '000000', password, confirmPassword: password, regionCode: '440106', agreed: true }); // wrong code first
    const registered = await post('/api/auth/register', { phone, smsCode: regCode, password, confirmPassword: password, regionCode: '440106', agreed: true });
    expect(registered.statusCode).toBe(200);
    secrets.push(registered.json().accessToken, registered.json().refreshToken);

    const loggedIn = await post('/api/auth/login', { phone, password });
    expect(loggedIn.statusCode).toBe(200);
    secrets.push(loggedIn.json().accessToken, loggedIn.json().refreshToken);
    await post('/api/auth/login', { phone, password: 'wrong password' });
    await post('/api/auth/refresh', { refreshToken: loggedIn.json().refreshToken });

    clock.advance(61_000); // one text per minute per phone
    await post('/api/auth/sms', { phone, purpose: 'login' });
    const loginCode = (app.sms as SmsSimulator).lastCode(phone)!;
    secrets.push(loginCode);
    expect((await post('/api/auth/login/sms', { phone, smsCode: loginCode })).statusCode).toBe(200);

    // an invitation: the SMS text with its signed link, then the preview with the token in the URL
    const tree = await orgTree(app);
    const admin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
    const cadrePhone = uniquePhone();
    secrets.push(cadrePhone, VALID_IDS[1]);
    const [entry] = await app.db.insert(rosterEntries).values({
      orgId: tree.branch.id,
      name: '钱团干',
      idEnc: app.pii.encrypt(VALID_IDS[1]),
      idHash: app.pii.lookupHash(VALID_IDS[1]),
      phone: cadrePhone,
      position: 'secretary',
      isAdmin: false,
      isOperator: true,
    });
    expect((await post(`/api/orgs/${tree.branch.id}/roster/${entry.insertId}/invite`, {}, admin.headers)).statusCode).toBe(200);
    const token = decodeURIComponent((app.sms as SmsSimulator).lastMessage(cadrePhone)!.match(/token=([^（\s]+)/)![1]);
    secrets.push(token, encodeURIComponent(token));
    expect((await app.inject({ method: 'GET', url: `/api/cadre/invitations/preview?token=${encodeURIComponent(token)}` })).statusCode).toBe(200);

    // a search by phone and by ID number (query strings), and a phone in a path
    await app.inject({ method: 'GET', url: `/api/orgs/search?q=${cadrePhone}` });
    await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/members?q=${VALID_IDS[1]}`, headers: admin.headers });
    await app.inject({ method: 'GET', url: `/api/nothing/${VALID_IDS[1]}/${cadrePhone}` });

    expect(log).toContain('incoming request');
    expect(log).toContain('/api/cadre/invitations/preview?token=***');
    expect(log).toContain('sms simulator');
    for (const secret of secrets) expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
  });

  it('a failed query is logged without its SQL parameters', async () => {
    const phone = uniquePhone();
    const cause = Object.assign(new Error(`Duplicate entry '${phone}' for key 'users_phone_uq'`), { sql: `insert into users (phone) values ('${phone}')` });
    const err = new DrizzleQueryError('insert into `users` (`phone`) values (?)', [phone, VALID_IDS[2]], cause);
    app.log.error({ err }, 'unhandled error');
    app.log.warn({ err: `job failed for ${VALID_IDS[2]}` }, 'job failed');
    expect(log).toContain('insert into `users`');
    expect(log).not.toContain(phone);
    expect(log).not.toContain(VALID_IDS[2]);
  });
});
