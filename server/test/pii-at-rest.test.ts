import mysql from 'mysql2/promise';
import { eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { orgs, rosterEntries, users } from '../src/db/schema';
import { sealLegacyPhones } from '../src/db/seal-legacy';
import { isDuplicate } from '../src/lib/mysql-errors';
import { buildTestApp, createUser, privateDatabase, testConfig } from './helper';

/** Issue 12.9 / §9: phone numbers are sealed at rest and still found by equality. */
describe('phones at rest', () => {
  let app: App;
  let raw: mysql.Connection;
  beforeAll(async () => {
    app = await buildTestApp();
    raw = await mysql.createConnection({ uri: process.env.TEST_DATABASE_URL! });
  });
  afterAll(async () => {
    await raw.end();
    await app.close();
  });

  it('stores no phone in plain text, yet logs in, finds and refuses a duplicate by phone', async () => {
    const u = await createUser(app);
    const [[row]] = await raw.query<mysql.RowDataPacket[]>('select phone from users where phone = ? or phone like ?', [u.phone, `%${u.phone}%`]);
    expect(row).toBeUndefined();
    const [[sealed]] = await raw.query<mysql.RowDataPacket[]>("select count(*) n from users where phone like 'p1.%'");
    expect(Number(sealed.n)).toBeGreaterThan(0);
    // the same number seals to the same text: drizzle's eq() and the unique index still work
    const [found] = await app.db.select().from(users).where(eq(users.phone, u.phone));
    expect(found.phone).toBe(u.phone);
    const dup = await app.db
      .insert(users)
      .values({ phone: u.phone, passwordHash: 'x' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isDuplicate(dup)).toBe(true);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone: u.phone, password: u.password } });
    expect(login.statusCode).toBe(200);
  });

  it('seals the phone inside a check-in form and roster and org rows', async () => {
    const [org] = await app.db.select().from(orgs).limit(1);
    const u = await createUser(app);
    if (org) {
      await app.db.insert(rosterEntries).values({ orgId: org.id, name: '封存', idEnc: 'x', idHash: `seal-${u.phone}`, phone: u.phone, position: 'secretary' });
      const [[plain]] = await raw.query<mysql.RowDataPacket[]>('select count(*) n from roster_entries where phone = ?', [u.phone]);
      expect(Number(plain.n)).toBe(0);
      const [line] = await app.db.select().from(rosterEntries).where(eq(rosterEntries.phone, u.phone));
      expect(line.phone).toBe(u.phone);
    }
    const [[anyPlain]] = await raw.query<mysql.RowDataPacket[]>(
      "select (select count(*) from users where phone not like 'p1.%') + (select count(*) from roster_entries where phone not like 'p1.%') + (select count(*) from orgs where secretary_phone not like 'p1.%' or contact_phone not like 'p1.%') + (select count(*) from checkins where json_value(draft, '$.phone') not like 'p1.%') n",
    );
    expect(Number(anyPlain.n)).toBe(0);
  });

  it('seals what an older database stored in plain text, once', async () => {
    const { databaseUrl, drop } = await privateDatabase('tj_test_seal');
    const conn = await mysql.createConnection({ uri: databaseUrl });
    try {
      await conn.query('set foreign_key_checks = 0'); // a legacy row without its org: only the phone matters here
      await conn.query("insert into users (phone, password_hash, created_at, updated_at) values ('13912345678', 'x', now(), now())");
      await conn.query(
        'insert into checkins (user_id, branch_id, draft, approved_data, id_enc, id_hash, created_at, updated_at) values (1, 1, \'{"name":"甲","phone":"13912345678"}\', null, \'x\', \'h\', now(), now())',
      );
      const secret = testConfig().piiSecret;
      expect(await sealLegacyPhones(conn, secret)).toBe(2);
      expect(await sealLegacyPhones(conn, secret)).toBe(0);
      const [[u]] = await conn.query<mysql.RowDataPacket[]>('select phone from users');
      expect(u.phone).toMatch(/^p1\./);
      const [[c]] = await conn.query<mysql.RowDataPacket[]>("select json_value(draft, '$.phone') p, json_value(draft, '$.name') n from checkins");
      expect(c.p).toMatch(/^p1\./);
      expect(c.n).toBe('甲');
    } finally {
      await conn.end();
      await drop();
    }
  });
});
