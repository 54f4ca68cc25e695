/**
 * Benchmark dataset generator (issue 8): a Guangdong-shaped province with `--members` members
 * in its own database (never the demo or test ones), loaded with LOAD DATA LOCAL INFILE from
 * streams generated on the fly by worker threads (partition.ts, worker.ts).
 *
 *   node --import tsx bench/generate.ts --members 1000000 [--db-url mysql://root@127.0.0.1:3306/tuanjian_bench_1000000] [--force] [--workers N]
 *
 * Idempotent: a `bench_meta` row records the generator version, size and schema of a finished
 * load; running again with the same ones does nothing, anything else drops and rebuilds the
 * database. Deterministic: the tree and people come from seeded PRNGs, one per partition, and
 * the IVs are counters, so a rebuild is the same province whatever the number of workers
 * (only the timestamps relative to "now" differ).
 *
 * Stored like the app stores it: ID numbers AES-256-GCM-encrypted + HMAC lookup hash with the
 * server's key derivation and PII_SECRET (so the API decrypts them), the form as saveStep
 * saves it, and the per-branch statistics counters computed by the same countersOf() the
 * live transactions use (the unit rollup by the same SQL definition). One trade-off: every
 * generated account shares one scrypt password hash (of BENCH_PASSWORD) — hashing millions
 * of passwords would take hours and buys nothing.
 * Last line of output: a JSON summary (bench.mjs reads it).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Worker } from 'node:worker_threads';
import mysql from 'mysql2/promise';
import { todayInChina } from '@tj/shared';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../src/db/migrate';
import { loadConfig } from '../src/env';
import { createPii } from '../src/lib/pii';
import { hashPassword } from '../src/modules/auth/password';
import { UNIT_ROLLUP_SQL } from '../src/modules/stats/counters';
import { COLUMNS, PARTITIONS, TABLES, fastEncrypter, fastLookupHash, generatePartition, planPartitions, provinceOf, type PartitionJob, type PartitionResult, type Table } from './partition';

export const GENERATOR_VERSION = '6'; // 5: phones sealed at rest (issue 12.9); 6: orgs.cadre_count
export const BENCH_PASSWORD = 'bench1234';
const REDO_LOG_BYTES = 1024 ** 3;

function arg(name: string, fallback?: string) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** One table's LOAD DATA, fed from a stream the partitions' text is written into. */
class TableLoad {
  readonly stream = new PassThrough({ highWaterMark: 16 << 20 });
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
  write(data: Uint8Array | string, rows: number): Promise<void> | void {
    this.rows += rows;
    if (this.stream.write(data)) return;
    return new Promise((resolve) => this.stream.once('drain', () => resolve()));
  }

  async end() {
    this.stream.end();
    await this.done;
  }
}

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
    .update(
      readdirSync(MIGRATIONS_FOLDER)
        .filter((f) => f.endsWith('.sql'))
        .sort()
        .map((f) => readFileSync(path.join(MIGRATIONS_FOLDER, f), 'utf8'))
        .join('\n'),
    )
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

export async function generate(databaseUrl: string, members: number, opts: { force?: boolean; workers?: number; log?: (s: string) => void } = {}) {
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
    const summary = JSON.parse(meta.summary ?? '{}') as Record<string, unknown>;
    log(`dataset ${dbName}: up to date (${members} members, generated ${meta.generated_at}) — nothing to do`);
    return { ...summary, skipped: true };
  }
  log(`dataset ${dbName}: (re)building for ${members.toLocaleString('en')} members`);
  await admin.query(`DROP DATABASE \`${dbName}\``);
  // A load writes about as much redo as data; the packaged 96 MB redo log then forces a
  // checkpoint (page flushing that stalls the load) every ~100 MB. Runtime only (MariaDB
  // ≥ 10.9 resizes it online; a restart goes back to the configured size), like the bench's
  // buffer pool; the bench records it with the other InnoDB settings.
  const tuning: string[] = [];
  const [[redo]] = (await admin.query('select @@innodb_log_file_size as size')) as unknown as [{ size: string }[]];
  if (Number(redo.size) < REDO_LOG_BYTES) {
    try {
      await admin.query(`SET GLOBAL innodb_log_file_size = ${REDO_LOG_BYTES}`);
      tuning.push(`innodb_log_file_size ${redo.size} → ${REDO_LOG_BYTES} (SET GLOBAL, until restart)`);
      log(`database tuning: ${tuning.at(-1)}`);
    } catch (err) {
      log(`database tuning: innodb_log_file_size stays ${redo.size} (${(err as Error).message})`);
    }
  }
  await admin.end();
  const t0 = performance.now();
  await migrateDatabase(databaseUrl);

  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl });
  const pii = createPii(config.piiSecret);
  const sample = '440106200001011234';
  if (pii.decrypt(fastEncrypter(config.piiSecret, 1)(sample)) !== sample) throw new Error('fast encryption does not match lib/pii.ts');
  if (fastLookupHash(config.piiSecret)(`张三|${sample}x`) !== pii.lookupHash(`张三|${sample}x`)) throw new Error('fast lookup hash does not match lib/pii.ts');
  const today = todayInChina();
  const province = provinceOf(members, today);
  log(`tree: ${province.orgs.length.toLocaleString('en')} orgs, ${province.branches.toLocaleString('en')} branches (${(members / province.branches).toFixed(1)} members per branch)`);
  const job: PartitionJob = { members, today, now: new Date().toISOString(), piiSecret: config.piiSecret, passwordHash: await hashPassword(BENCH_PASSWORD), parts: PARTITIONS };

  // One connection per table; each session bulk-loads into an empty table (MariaDB builds
  // the indexes by sorting when unique/foreign key checks are off). One LOAD DATA per table,
  // not one per worker: MariaDB's bulk-insert path is for a statement into an empty table.
  const conns = await Promise.all(
    TABLES.map(() => mysql.createConnection({ uri: databaseUrl, charset: 'utf8mb4', timezone: 'Z', infileStreamFactory: () => new PassThrough() } as mysql.ConnectionOptions)),
  );
  // The JSON columns' CHECK (json_valid) is skipped (JSON.stringify wrote them), and the
  // secondary indexes are built once at the end by sorting, not row by row (3–4× faster).
  for (const c of conns) {
    await c.query('SET SESSION unique_checks = 0, foreign_key_checks = 0, check_constraint_checks = 0');
    // nothing to replicate: a benchmark dataset (ignored where there is no binary log or no privilege)
    await c.query('SET SESSION sql_log_bin = 0').catch(() => undefined);
  }
  const deferred = await dropSecondaryIndexes(conns[0], ['users', 'checkins', 'roster_entries', 'orgs']);
  const loads = Object.fromEntries(TABLES.map((t, i) => [t, new TableLoad(conns[i], t, COLUMNS[t])])) as Record<Table, TableLoad>;

  // Partitions go to worker threads as they free up (the dataset does not depend on which
  // worker or in which order); --workers 0 generates in this thread (profiling).
  const workers = Math.min(PARTITIONS, opts.workers ?? Math.max(1, availableParallelism()));
  const results: PartitionResult[] = [];
  let membersDone = 0;
  let lastReport = performance.now();
  const progress = (rows: number, table: Table) => {
    if (table === 'checkins') membersDone += rows;
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      log(`  ${membersDone.toLocaleString('en')} members (${Math.round(membersDone / ((lastReport - t0) / 1000)).toLocaleString('en')}/s)…`);
    }
  };
  if (workers === 0) {
    const bases = planPartitions(province.orgs, PARTITIONS);
    for (let part = 0; part < PARTITIONS; part++) {
      results.push(await generatePartition(job, province.orgs, bases[part], part, (table, text, rows) => (progress(rows, table), loads[table].write(text, rows))));
    }
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: workers }, () => {
        // the worker is TypeScript: tsx's CommonJS hook, then the module
        const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'worker.ts'))});`, {
          eval: true,
          workerData: job,
          resourceLimits: { maxYoungGenerationSizeMb: 64 },
        });
        return new Promise<void>((resolve, reject) => {
          const give = () => {
            if (next < PARTITIONS) worker.postMessage({ type: 'partition', part: next++ });
            else worker.terminate().then(() => resolve(), reject);
          };
          worker.on('error', reject);
          worker.on('message', (msg: { type: string; table: Table; rows: number; data: ArrayBuffer; result: PartitionResult; message: string }) => {
            if (msg.type === 'ready') give();
            else if (msg.type === 'rows') {
              progress(msg.rows, msg.table);
              // a failed load fails the run (an async listener's rejection would go unhandled)
              Promise.resolve(loads[msg.table].write(new Uint8Array(msg.data), msg.rows)).then(() => worker.postMessage({ type: 'ack' }), reject);
            } else if (msg.type === 'done') {
              results.push(msg.result);
              give();
            } else if (msg.type === 'error') reject(new Error(msg.message));
          });
        });
      }),
    );
  }
  for (const t of TABLES) await loads[t].end();
  const dataLoaded = performance.now();
  await Promise.all([
    ...Object.entries(deferred).map(([table, defs], i) => conns[i].query(`ALTER TABLE \`${table}\` ${defs.map((d) => `ADD ${d}`).join(', ')}`)),
    // the per-unit rollup of the branch counters, as counters.ts keeps it
    conns[4].query(UNIT_ROLLUP_SQL),
  ]);
  const loaded = performance.now();
  log(`  rows in ${((dataLoaded - t0) / 1000).toFixed(1)} s, indexes and unit rollup in ${((loaded - dataLoaded) / 1000).toFixed(1)} s (${workers} worker${workers === 1 ? '' : 's'})`);
  for (const c of conns) await c.end();
  const checked = results.reduce((s, r) => s + r.checked, 0);
  const invalid = results.reduce((s, r) => s + r.invalid, 0);
  const firstInvalid = results.flatMap((r) => r.firstInvalid).slice(0, 3);

  const rows = Object.fromEntries(TABLES.map((t) => [t, loads[t].rows]));
  const totalRows = TABLES.reduce((s, t) => s + loads[t].rows, 0);
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
    workers,
    tuning,
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
  await conn.query('ANALYZE TABLE orgs, users, checkins, roster_entries, branch_stats, unit_stats');
  await conn.end();
  log(
    `loaded ${totalRows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s: ${summary.rowsPerSecond.toLocaleString('en')} rows/s, ${summary.membersPerSecond.toLocaleString('en')} members/s`,
  );
  return summary;
}

if (require.main === module) {
  const members = Number(arg('members', '1000000'));
  const dbUrl = arg('db-url', process.env.BENCH_DATABASE_URL ?? `mysql://root@127.0.0.1:3306/tuanjian_bench_${members}`)!;
  const workers = arg('workers');
  generate(dbUrl, members, { force: process.argv.includes('--force'), workers: workers == null ? undefined : Number(workers) }).then(
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
