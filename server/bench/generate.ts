/**
 * Benchmark dataset generator (issue 8): a Guangdong-shaped province with `--members` members
 * in its own database (never the demo or test ones), loaded with LOAD DATA LOCAL INFILE from
 * streams generated on the fly.
 *
 *   node server/node_modules/tsx/dist/cli.mjs server/bench/generate.ts --members 1000000 --db-url mysql://root@127.0.0.1:3306/tuanjian_bench_1000000
 *
 * Idempotent: a `bench_meta` row records the generator version and size of a finished load;
 * running again with the same ones does nothing, anything else drops and rebuilds the
 * database (the tree and people come from a seeded PRNG, so a rebuild is the same province;
 * only the random IVs of the ciphertexts differ).
 *
 * Stored like the app stores it: ID numbers AES-256-GCM-encrypted + HMAC lookup hash with the
 * server's own lib/pii.ts and PII_SECRET (so the API decrypts them), the form as saveStep
 * saves it, and the per-branch statistics counters computed by the same countersOf() the
 * live transactions use. One trade-off: every generated account shares one scrypt password
 * hash (of BENCH_PASSWORD) — hashing millions of passwords would take hours and buys nothing.
 * Last line of output: a JSON summary (bench.mjs reads it).
 */
import { createCipheriv, createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import mysql from 'mysql2/promise';
import { makeCertificationSchema, todayInChina, validateIdNumber, type OrgType } from '@tj/shared';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../src/db/migrate';
import { loadConfig } from '../src/env';
import { createPii } from '../src/lib/pii';
import { hashPassword } from '../src/modules/auth/password';
import { fieldsComplete } from '../src/modules/orgs/service';
import { STATS_COLUMNS } from '../src/modules/stats/columns';
import { countersOf } from '../src/modules/stats/counters';
import { realNameKey } from '../src/modules/checkins/real-name';
import { People, phoneOf } from './people';
import { buildProvince, rngOf, type OrgNode } from './province';
import { proposeFullName } from '@tj/shared';

export const GENERATOR_VERSION = '3';
export const BENCH_PASSWORD = 'bench1234';
const SEED = 20240501;

function arg(name: string, fallback?: string) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

// LOAD DATA text format: tab-separated, \N for NULL, backslash escapes.
const esc = (v: unknown): string => {
  if (v == null) return '\\N';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString().replace('T', ' ').slice(0, 23);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[\\\t\n]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n') : s;
};
const line = (values: unknown[]) => `${values.map(esc).join('\t')}\n`;

/** One table's LOAD DATA, fed from a stream the generator writes into (with backpressure). */
class TableLoad {
  readonly stream = new PassThrough({ highWaterMark: 16 << 20 });
  private buf: string[] = [];
  private bytes = 0;
  rows = 0;
  readonly done: Promise<unknown>;

  constructor(conn: mysql.Connection, table: string, columns: string[]) {
    const stream = this.stream;
    this.done = conn.query({
      sql: `LOAD DATA LOCAL INFILE 'stream:${table}' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${columns.map((c) => `\`${c}\``).join(', ')})`,
      infileStreamFactory: () => stream,
    } as mysql.QueryOptions);
  }

  /** Resolves at once unless the stream is full (then when it drains). */
  add(values: unknown[]): Promise<void> | null {
    const s = line(values);
    this.buf.push(s);
    this.bytes += s.length;
    this.rows++;
    if (this.bytes < 1 << 20) return null;
    return this.flush();
  }

  flush(): Promise<void> | null {
    if (this.buf.length === 0) return null;
    const ok = this.stream.write(this.buf.join(''));
    this.buf = [];
    this.bytes = 0;
    return ok ? null : new Promise((resolve) => this.stream.once('drain', () => resolve()));
  }

  async end() {
    await this.flush();
    this.stream.end();
    await this.done;
  }
}

const ORG_COLS = ['id', 'parent_id', 'path', 'depth', 'type', 'short_name', 'full_name', 'industry', 'branch_category', 'secretary_name', 'secretary_id_enc', 'secretary_id_hash', 'secretary_phone', 'contact_phone', 'email', 'admin_staff_quota', 'admin_staff_actual', 'institution_staff_quota', 'institution_staff_actual', 'sort_order', 'fields_complete', 'region_code', 'created_at', 'updated_at'];
const USER_COLS = ['id', 'phone', 'password_hash', 'name', 'region_code', 'last_login_at', 'created_at', 'updated_at'];
const CHECKIN_COLS = ['id', 'user_id', 'branch_id', 'status', 'saved_steps', 'draft', 'approved_data', 'id_enc', 'id_hash', 'approved_id_hash', 'development_number', 'approved_dev_number', 'real_name_status', 'real_name_generation', 'real_name_rechecked', 'real_name_key', 'return_reason', 'submitted_at', 'reviewed_at', 'reviewed_by', 'created_at', 'updated_at'];
const ROSTER_COLS = ['id', 'org_id', 'name', 'id_enc', 'id_hash', 'phone', 'position', 'cadre_nature', 'is_operator', 'is_admin', 'user_id', 'onboarded_at', 'created_at', 'updated_at'];
const STATS_COLS = ['path', 'branch_id', ...STATS_COLUMNS];

/** Drops the tables' secondary indexes; returns their definitions to add back after the load. */
async function dropSecondaryIndexes(conn: mysql.Connection, tables: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const [[row]] = (await conn.query(`SHOW CREATE TABLE \`${table}\``)) as unknown as [Record<string, string>[]];
    const defs = row['Create Table']
      .split('\n')
      .map((l) => l.trim().replace(/,$/, ''))
      .filter((l) => /^(UNIQUE )?KEY /.test(l));
    if (defs.length === 0) continue;
    const names = defs.map((d) => d.match(/KEY `([^`]+)`/)![1]);
    await conn.query(`ALTER TABLE \`${table}\` ${names.map((n) => `DROP INDEX \`${n}\``).join(', ')}`);
    out[table] = defs;
  }
  return out;
}

/** A hash of the committed migrations: a dataset built on another schema is rebuilt. */
const schemaHash = () =>
  createHash('sha256')
    .update(readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort().map((f) => readFileSync(path.join(MIGRATIONS_FOLDER, f), 'utf8')).join('\n'))
    .digest('hex')
    .slice(0, 16);

async function readMeta(conn: mysql.Connection): Promise<Record<string, string>> {
  try {
    const [rows] = await conn.query('select k, v from bench_meta');
    return Object.fromEntries((rows as { k: string; v: string }[]).map((r) => [r.k, r.v]));
  } catch {
    return {};
  }
}

/**
 * lib/pii.ts's encrypt with a counter for IV instead of 12 random bytes: same key, same
 * `v1.` + base64url(iv ‖ tag ‖ data) format (pii.decrypt reads it, checked on a sample), and
 * GCM only needs IVs never to repeat under a key. randomBytes per value was a third of the
 * generator's CPU. Dataset-only: the app keeps random IVs.
 */
function fastEncrypter(secret: string, stream: number) {
  const key = createHash('sha256').update(`enc:${secret}`).digest();
  const iv = Buffer.alloc(12);
  iv.write('bnch', 0, 'latin1');
  iv.writeUInt8(stream, 4);
  let counter = 0;
  return (plain: string) => {
    iv.writeUIntBE(++counter, 6, 6);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url')}`;
  };
}

export async function generate(databaseUrl: string, members: number, opts: { force?: boolean; log?: (s: string) => void } = {}) {
  const log = opts.log ?? ((s: string) => console.log(s));
  const url = new URL(databaseUrl);
  const dbName = url.pathname.slice(1);
  // Never the demo or test databases: the generator drops what it rebuilds.
  if (!/^tuanjian_bench[A-Za-z0-9_]*$/.test(dbName)) throw new Error(`refusing to generate into ${dbName}: the name must start with tuanjian_bench`);
  const serverUrl = new URL(databaseUrl);
  serverUrl.pathname = '/';

  const admin = await mysql.createConnection({ uri: serverUrl.toString() });
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.changeUser({ database: dbName });
  const meta = await readMeta(admin);
  if (!opts.force && meta.complete === '1' && meta.version === GENERATOR_VERSION && meta.members === String(members) && meta.schema === schemaHash()) {
    await admin.end();
    const summary = JSON.parse(meta.summary ?? '{}');
    log(`dataset ${dbName}: up to date (${members} members, generated ${meta.generated_at}) — nothing to do`);
    return { ...summary, skipped: true };
  }
  log(`dataset ${dbName}: (re)building for ${members.toLocaleString('en')} members`);
  await admin.query(`DROP DATABASE \`${dbName}\``);
  await admin.end();
  const t0 = performance.now();
  await migrateDatabase(databaseUrl);

  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl });
  const pii = createPii(config.piiSecret);
  const encrypt = fastEncrypter(config.piiSecret, 1);
  const sample = '440106200001011234';
  if (pii.decrypt(encrypt(sample)) !== sample) throw new Error('fast encryption does not match lib/pii.ts');
  const today = todayInChina();
  const now = new Date();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const province = buildProvince(members, SEED, today);
  log(`tree: ${province.orgs.length.toLocaleString('en')} orgs, ${province.branches.toLocaleString('en')} branches (${(members / province.branches).toFixed(1)} members per branch)`);

  // One connection per table; each session bulk-loads into an empty table (MariaDB builds
  // the indexes by sorting when unique/foreign key checks are off).
  const conns = await Promise.all(
    [0, 1, 2, 3, 4].map(() => mysql.createConnection({ uri: databaseUrl, charset: 'utf8mb4', timezone: 'Z', infileStreamFactory: () => new PassThrough() } as mysql.ConnectionOptions)),
  );
  // The JSON columns' CHECK (json_valid) is skipped (JSON.stringify wrote them), and the
  // secondary indexes are built once at the end by sorting, not row by row (3–4× faster).
  for (const c of conns) await c.query('SET SESSION unique_checks = 0, foreign_key_checks = 0, check_constraint_checks = 0');
  const deferred = await dropSecondaryIndexes(conns[0], ['users', 'checkins', 'roster_entries', 'orgs']);
  const orgsLoad = new TableLoad(conns[0], 'orgs', ORG_COLS);
  const usersLoad = new TableLoad(conns[1], 'users', USER_COLS);
  const checkinsLoad = new TableLoad(conns[2], 'checkins', CHECKIN_COLS);
  const rosterLoad = new TableLoad(conns[3], 'roster_entries', ROSTER_COLS);
  const statsLoad = new TableLoad(conns[4], 'branch_stats', STATS_COLS);
  const loads = [orgsLoad, usersLoad, checkinsLoad, rosterLoad, statsLoad];

  const rng = rngOf(SEED + 1);
  const people = new People(rng, today);
  const schema = makeCertificationSchema({ today, holdsRosterPosition: false });
  const secretarySchema = makeCertificationSchema({ today, holdsRosterPosition: true });
  let userId = 0;
  let memberIndex = 0;
  let cadreIndex = 0;
  let rosterId = 0;
  let checkinId = 0;
  let checked = 0;
  let invalid = 0;
  const firstInvalid: string[] = [];
  const day = 86_400_000;
  let lastReport = performance.now();
  const waits: Promise<void>[] = [];
  const add = (load: TableLoad, values: unknown[]) => {
    const w = load.add(values);
    if (w) waits.push(w);
  };

  const orgRow = (o: OrgNode, sec: { name: string; idNumber: string; phone: string; idEnc?: string; idHash?: string }) => {
    const staffing = o.type === 'leadingOrgan' || o.type === 'grassrootsCommittee';
    const fullName = proposeFullName(o.shortName, o.type as OrgType);
    const fields = {
      shortName: o.shortName,
      fullName,
      industry: o.industry,
      secretaryName: sec.name,
      secretaryIdNumber: sec.idNumber,
      secretaryPhone: sec.phone,
      contactPhone: staffing ? `020-${8000_0000 + o.id}`.slice(0, 12) : null,
      email: staffing ? `tw${o.id}@example.com` : null,
      adminStaffQuota: staffing ? 5 : null,
      adminStaffActual: staffing ? 4 : null,
      institutionStaffQuota: staffing ? 2 : null,
      institutionStaffActual: staffing ? 2 : null,
    };
    add(orgsLoad, [
      o.id, o.parentId, o.path, o.depth, o.type, o.shortName, fullName, o.industry, o.type === 'branch' ? 'ordinary' : null,
      sec.name, sec.idEnc ?? encrypt(sec.idNumber), sec.idHash ?? pii.lookupHash(sec.idNumber), sec.phone,
      fields.contactPhone, fields.email, fields.adminStaffQuota, fields.adminStaffActual, fields.institutionStaffQuota, fields.institutionStaffActual,
      o.sortOrder, fieldsComplete(o.type, fields), o.regionCode, now, now,
    ]);
  };

  for (const o of province.orgs) {
    if (o.type !== 'branch') {
      // one onboarded admin per committee (roster + account; committee cadres check in elsewhere)
      const cadre = people.cadre(o.regionCode);
      const phone = phoneOf(1_000_000_000 + cadreIndex++);
      const uid = ++userId;
      const loggedIn = rng() < 0.8;
      add(usersLoad, [uid, phone, passwordHash, cadre.name, o.regionCode, loggedIn ? new Date(now.getTime() - rng() * 60 * day) : null, now, now]);
      const idEnc = encrypt(cadre.idNumber);
      const idHash = pii.lookupHash(cadre.idNumber);
      add(rosterLoad, [++rosterId, o.id, cadre.name, idEnc, idHash, phone, 'secretary', 'fullTime', 1, 1, uid, now, now, now]);
      orgRow(o, { name: cadre.name, idNumber: cadre.idNumber, phone, idEnc, idHash });
      continue;
    }
    const n = o.members ?? 0;
    const counts = new Map<string, number>();
    let secretary: { name: string; idNumber: string; phone: string; idEnc: string; idHash: string } | null = null;
    let secretaryUser: number | null = null;
    for (let k = 0; k < n; k++) {
      const p = people.person(o, memberIndex++, k === 0);
      const uid = ++userId;
      const idEnc = encrypt(p.idNumber);
      const idHash = pii.lookupHash(p.idNumber);
      const member = p.approvedData != null;
      const createdAt = p.submittedAt ? new Date(p.submittedAt.getTime() - rng() * 5 * day) : new Date(now.getTime() - rng() * 60 * day);
      add(usersLoad, [uid, p.phone, passwordHash, p.name, o.regionCode, new Date(now.getTime() - rng() * 90 * day), createdAt, createdAt]);
      add(checkinsLoad, [
        ++checkinId, uid, o.id, p.status, p.savedSteps, p.draft, p.approvedData, idEnc, idHash, member ? idHash : null,
        p.developmentNumber, member ? p.developmentNumber : null, p.realNameStatus, p.status ? 1 : 0, p.realNameStatus === 'rechecking' || (p.realNameStatus === 'failed' && rng() < 0.5),
        p.status ? realNameKey(pii, p.name, p.idNumber) : null, p.returnReason, p.submittedAt, p.reviewedAt, p.reviewedAt ? (secretaryUser ?? uid) : null,
        createdAt, p.reviewedAt ?? p.submittedAt ?? createdAt,
      ]);
      for (const c of countersOf({ branchId: o.id, status: p.status, approvedData: p.approvedData })) counts.set(c, (counts.get(c) ?? 0) + 1);
      if (k === 0) {
        secretary = { name: p.name, idNumber: p.idNumber, phone: p.phone, idEnc, idHash };
        secretaryUser = uid;
        // §6.1 a branch's roster holds its secretary; most are onboarded, most branches have them as operator
        const onboarded = rng() < 0.85;
        add(rosterLoad, [++rosterId, o.id, p.name, idEnc, idHash, p.phone, 'secretary', 'partTime', rng() < 0.75, 0, onboarded ? uid : null, onboarded ? now : null, now, now]);
      }
      // every 211th complete form is checked against the same schema submit uses
      if (p.savedSteps >= 3 && memberIndex % 211 === 0) {
        checked++;
        const res = (k === 0 ? secretarySchema : schema).safeParse({ ...(p.approvedData ?? p.draft), idNumber: p.idNumber });
        const id = validateIdNumber(p.idNumber, today);
        if (!res.success || !id.ok) {
          invalid++;
          if (firstInvalid.length < 3) firstInvalid.push(JSON.stringify(res.success ? id : res.error.issues.slice(0, 2)));
        }
      }
    }
    orgRow(o, secretary ?? { name: '待定', idNumber: people.cadre(o.regionCode).idNumber, phone: phoneOf(1_000_000_000 + cadreIndex++) });
    add(statsLoad, [o.path, o.id, ...STATS_COLUMNS.map((c) => counts.get(c) ?? 0)]);

    if (waits.length) await Promise.all(waits.splice(0));
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      const s = (lastReport - t0) / 1000;
      log(`  ${memberIndex.toLocaleString('en')} members (${Math.round(memberIndex / s).toLocaleString('en')}/s)…`);
    }
  }
  for (const l of loads) await l.end();
  const dataLoaded = performance.now();
  await Promise.all(Object.entries(deferred).map(([table, defs], i) => conns[i].query(`ALTER TABLE \`${table}\` ${defs.map((d) => `ADD ${d}`).join(', ')}`)));
  const loaded = performance.now();
  log(`  rows in ${((dataLoaded - t0) / 1000).toFixed(1)} s, indexes in ${((loaded - dataLoaded) / 1000).toFixed(1)} s`);
  for (const c of conns) await c.end();

  const rows = Object.fromEntries(loads.map((l, i) => [['orgs', 'users', 'checkins', 'roster_entries', 'branch_stats'][i], l.rows]));
  const totalRows = loads.reduce((s, l) => s + l.rows, 0);
  const seconds = (loaded - t0) / 1000;
  const summary = {
    database: dbName,
    members,
    orgs: province.orgs.length,
    branches: province.branches,
    membersPerBranch: Number((members / province.branches).toFixed(2)),
    rows,
    totalRows,
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round(totalRows / seconds),
    membersPerSecond: Math.round(members / seconds),
    sampleChecked: checked,
    sampleInvalid: invalid,
  };
  if (invalid) log(`WARNING: ${invalid}/${checked} sampled forms fail the certification schema, e.g. ${firstInvalid.join(' | ')}`);
  const conn = await mysql.createConnection({ uri: databaseUrl });
  await conn.query('CREATE TABLE bench_meta (k varchar(64) PRIMARY KEY, v text)');
  await conn.query('INSERT INTO bench_meta (k, v) VALUES ?', [
    [
      ['version', GENERATOR_VERSION],
      ['members', String(members)],
      ['schema', schemaHash()],
      ['generated_at', new Date().toISOString()],
      ['summary', JSON.stringify(summary)],
      ['complete', '1'],
    ],
  ]);
  await conn.query('ANALYZE TABLE orgs, users, checkins, roster_entries, branch_stats');
  await conn.end();
  log(`loaded ${totalRows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s: ${summary.rowsPerSecond.toLocaleString('en')} rows/s, ${summary.membersPerSecond.toLocaleString('en')} members/s`);
  return summary;
}

if (require.main === module) {
  const members = Number(arg('members', '1000000'));
  const dbUrl = arg('db-url', process.env.BENCH_DATABASE_URL ?? `mysql://root@127.0.0.1:3306/tuanjian_bench_${members}`)!;
  generate(dbUrl, members, { force: process.argv.includes('--force') }).then(
    (summary) => {
      console.log(JSON.stringify(summary));
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
