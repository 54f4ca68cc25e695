// The five measurements of `npm run bench` (issue 8). Each returns plain figures for the table
// and bench/results.json; the orchestration is in scripts/bench.mjs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import mysql from 'mysql2/promise';
import { ROOT } from '../lib/run.mjs';
import { httpRun, medianOf, rawRun, round, signJwt, timed } from './lib.mjs';

const WAITING = ['submitted', 'editSubmitted'];
// counters.ts unitPathSql('b.path'): the unit (depth-2 ancestor, or the parent of a shallower branch) a branch rolls up into
const UNIT_PATH = "concat(substring_index(b.path, '/', least(4, length(b.path) - length(replace(b.path, '/', '')) - 1)), '/')";

// ── P1: check-in submit ─────────────────────────────────────────────────────────────────
// The members used are check-ins that may be submitted (drafts with the contact step saved,
// withdrawn, returned), snapshotted in bench_p1 and put back afterwards (also after a crash,
// at the next start), so the dataset stays as generated.

export async function restoreSubmitPool(conn) {
  const [[t]] = await conn.query("select count(*) n from information_schema.tables where table_schema = database() and table_name = 'bench_p1'");
  if (!Number(t.n)) return;
  await conn.query(`
    update branch_stats b join (
      select s.branch_id, sum(s.status is null) d, sum(s.status <=> 'withdrawn') w, sum(s.status <=> 'returned') r
      from bench_p1 s join checkins c on c.id = s.id where c.status = 'submitted' group by s.branch_id) x on x.branch_id = b.branch_id
    set b.st_submitted = b.st_submitted - (x.d + x.w + x.r), b.st_draft = b.st_draft + x.d, b.st_withdrawn = b.st_withdrawn + x.w, b.st_returned = b.st_returned + x.r`);
  await conn.query(`
    update unit_stats u join (
      select ${UNIT_PATH} unit, sum(s.status is null) d, sum(s.status <=> 'withdrawn') w, sum(s.status <=> 'returned') r
      from bench_p1 s join checkins c on c.id = s.id join branch_stats b on b.branch_id = s.branch_id where c.status = 'submitted' group by 1) x on x.unit = u.path
    set u.st_submitted = u.st_submitted - (x.d + x.w + x.r), u.st_draft = u.st_draft + x.d, u.st_withdrawn = u.st_withdrawn + x.w, u.st_returned = u.st_returned + x.r`);
  await conn.query(`
    update checkins c join bench_p1 s on s.id = c.id
    set c.status = s.status, c.submitted_at = s.submitted_at, c.return_reason = s.return_reason, c.real_name_status = s.real_name_status,
        c.real_name_generation = s.real_name_generation, c.real_name_rechecked = s.real_name_rechecked, c.real_name_key = s.real_name_key, c.updated_at = s.updated_at
    where c.status = 'submitted'`);
  // the generated dataset has no jobs and no audit rows: everything there came from the bench
  await conn.query('truncate table jobs');
  await conn.query('truncate table audit_logs');
  await conn.query('drop table bench_p1');
}

async function submitPool(conn) {
  await restoreSubmitPool(conn);
  await conn.query(`
    create table bench_p1 (primary key (id)) as
    select id, user_id, branch_id, status, submitted_at, return_reason, real_name_status, real_name_generation, real_name_rechecked, real_name_key, updated_at
    from checkins where (status is null and saved_steps >= 3) or status in ('withdrawn', 'returned')`);
  // spread over the province (as real submits are), not branch by branch
  const [rows] = await conn.query('select id, user_id from bench_p1 order by crc32(id)');
  return rows;
}

/**
 * The statements submitCheckin issues, in order, on one connection — built by the service's own
 * builders (server/bench/submit-statements.ts, loaded through tsx), so this baseline cannot
 * drift from what the API runs.
 */
async function rawSubmitter() {
  const { tsImport } = await import(pathToFileURL(path.join(ROOT, 'server', 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href);
  const S = await tsImport(pathToFileURL(path.join(ROOT, 'server', 'bench', 'submit-statements.ts')).href, import.meta.url);
  return async (conn, item) => {
    await conn.query('begin');
    const [[found]] = await conn.query(...S.checkinId(item.userId));
    const [[row]] = await conn.query(...S.lock(found.id));
    await conn.query(...S.facts(row));
    for (const statement of S.writes(row, new Date())) await conn.query(...statement);
    await conn.query('commit');
  };
}

export async function p1Submit({ base, databaseUrl, jwtSecret, connections, runs, amount, warmup, log }) {
  const conn = await mysql.createConnection({ uri: databaseUrl });
  const pool = await submitPool(conn);
  const perSide = warmup + runs * amount;
  const scale = Math.min(1, pool.length / (2 * perSide));
  const [w, a] = [Math.floor(warmup * scale), Math.floor(amount * scale)];
  log(`P1: ${pool.length.toLocaleString('en')} submittable check-ins; per side ${w} warm-up + ${runs} × ${a} submits, ${connections} connections`);
  const items = pool.map((r) => ({ userId: r.user_id, path: '/api/me/checkin/submit', token: signJwt(jwtSecret, r.user_id) }));
  const rawSubmit = await rawSubmitter();
  let offset = 0;
  const take = (n) => {
    const start = offset;
    offset += n;
    return start;
  };
  try {
    await httpRun({ base, method: 'POST', items, amount: w, connections, startAt: take(w) });
    const api = [];
    for (let r = 0; r < runs; r++) api.push(await httpRun({ base, method: 'POST', items, amount: a, connections, startAt: take(a) }));
    await rawRun({ databaseUrl, connections, amount: w, items, op: rawSubmit, startAt: take(w) });
    const raw = [];
    for (let r = 0; r < runs; r++) raw.push(await rawRun({ databaseUrl, connections, amount: a, items, op: rawSubmit, startAt: take(a) }));
    return { connections, perRun: a, api: medianOf(api), raw: medianOf(raw) };
  } finally {
    await restoreSubmitPool(conn);
    await conn.end();
  }
}

// ── P2: review queue ────────────────────────────────────────────────────────────────────

export async function p2Queue({ base, databaseUrl, jwtSecret, connections, runs, amount, warmup, log }) {
  const conn = await mysql.createConnection({ uri: databaseUrl });
  // branch operators (onboarded) whose branch has check-ins waiting — the everyday reviewer
  const [ops] = await conn.query(`
    select r.user_id, r.org_id from roster_entries r join orgs o on o.id = r.org_id
    where o.type = 'branch' and r.is_operator = 1 and r.onboarded_at is not null
      and exists (select 1 from checkins c where c.branch_id = r.org_id and c.status in ('submitted', 'editSubmitted'))
    order by crc32(r.org_id) limit 2000`);
  await conn.end();
  log(`P2: ${ops.length} branch operators with waiting check-ins; page of 20, ${connections} connections`);
  // A token of its own for every request: 2,000 tokens cycled over thousands of requests would
  // be answered from the server's verified-token cache and flatter the figure (issue 14 item 8).
  const items = ops.map((o) => ({ orgId: o.org_id, path: `/api/orgs/${o.org_id}/checkins?limit=20`, freshToken: () => signJwt(jwtSecret, o.user_id, { fresh: true }) }));
  const rawPage = (c, it) => c.query('select * from checkins where branch_id in (?) and status in (?) order by submitted_at asc, id asc limit 21', [[it.orgId], WAITING]);
  await httpRun({ base, method: 'GET', items, amount: warmup, connections });
  const api = [];
  for (let r = 0; r < runs; r++) api.push(await httpRun({ base, method: 'GET', items, amount, connections, startAt: r * 97 }));
  await rawRun({ databaseUrl, connections, amount: warmup, items, op: rawPage });
  const raw = [];
  for (let r = 0; r < runs; r++) raw.push(await rawRun({ databaseUrl, connections, amount, items, op: rawPage, startAt: r * 97 }));
  return { connections, operators: ops.length, api: medianOf(api), raw: medianOf(raw) };
}

// ── P3: subtree statistics ──────────────────────────────────────────────────────────────

/** The province root, 团广州市委 and its first district (a county-level committee). */
export async function statsScopes(conn) {
  const [[root]] = await conn.query('select id, path from orgs where parent_id is null order by id limit 1');
  const [[city]] = await conn.query("select id, path from orgs where parent_id = ? and short_name = '团广州市委'", [root.id]);
  const [[county]] = await conn.query("select id, path from orgs where parent_id = ? and type = 'leadingOrgan' order by id limit 1", [city.id]);
  const [[admin]] = await conn.query('select user_id from roster_entries where org_id = ? and is_admin = 1 and onboarded_at is not null limit 1', [root.id]);
  const [[counts]] = await conn.query(
    "select (select count(*) from orgs where path like concat(?, '%')) root_orgs, (select count(*) from orgs where path like concat(?, '%')) city_orgs, (select count(*) from orgs where path like concat(?, '%')) county_orgs",
    [root.path, city.path, county.path],
  );
  return { scopes: { root: root.id, city: city.id, county: county.id }, adminUserId: admin.user_id, orgs: counts };
}

/**
 * The baseline: the same figures straight from the check-ins and orgs of the subtree found
 * with a recursive CTE over parent_id (what one writes without a path or counters).
 */
async function cteStats(conn, orgId) {
  const sub = 'with recursive sub as (select id from orgs where id = ? union all select o.id from orgs o join sub s on o.parent_id = s.id)';
  await conn.query(
    `${sub} select c.status, json_value(c.approved_data, '$.gender') g, left(json_value(c.approved_data, '$.birthDate'), 4) y,
       json_value(c.approved_data, '$.ethnicity') e, json_value(c.approved_data, '$.highestEducation') ed, count(*) n
     from checkins c join sub on c.branch_id = sub.id group by 1, 2, 3, 4, 5`,
    [orgId],
  );
  await conn.query(
    `${sub} select count(*) orgs, sum(d.type = 'branch') branches, count(distinct d.parent_id) parents, sum(d.fields_complete = 1 and exists (select 1 from users u where u.phone = d.secretary_phone)) info,
       (select count(distinct r.org_id) from roster_entries r join sub s2 on s2.id = r.org_id join users u on u.id = r.user_id where r.is_admin = 1 and u.last_login_at is not null) admins,
       sum(d.type = 'branch' and not exists (select 1 from checkins k where k.branch_id = d.id and k.approved_id_hash is not null)) empty
     from orgs d join sub on d.id = sub.id where d.id <> ?`,
    [orgId, orgId],
  );
}

/** The statistics page's endpoints P3 also times per scope (GETs; the admin is the root's). */
export const STATS_PAGE_ENDPOINTS = {
  overview: '/stats/overview',
  statsXlsx: '/stats.xlsx',
  entry: '/progress/entry',
  progressXlsx: '/progress.xlsx',
  summary: '/progress/summary',
};

export async function p3Stats({ base, databaseUrl, jwtSecret, cteRuns = 3, log }) {
  const conn = await mysql.createConnection({ uri: databaseUrl });
  const { scopes, adminUserId, orgs } = await statsScopes(conn);
  const headers = { authorization: `Bearer ${signJwt(jwtSecret, adminUserId)}` };
  const out = { orgs };
  for (const [name, id] of Object.entries(scopes)) {
    const api = await timed(async () => {
      const res = await fetch(`${base}/api/orgs/${id}/stats`, { headers });
      if (!res.ok) throw new Error(`stats ${id}: HTTP ${res.status} ${await res.text()}`);
      await res.json();
    });
    const cte = await timed(() => cteStats(conn, id), { warm: 1, n: cteRuns });
    out[name] = { orgId: id, api, cte, ratio: api.median / cte.median };
    log(`P3 ${name}: api ${round(api.median)} ms, recursive CTE ${round(cte.median)} ms`);
    // issue 17 part 4: the statistics page and 录入进度 read the same counters (same targets)
    for (const [key, url] of Object.entries(STATS_PAGE_ENDPOINTS)) {
      const t = await timed(async () => {
        const res = await fetch(`${base}/api/orgs/${id}${url}`, { headers });
        if (!res.ok) throw new Error(`${url} ${id}: HTTP ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      });
      out[name][key] = t;
      log(`P3 ${name} ${url}: ${round(t.median)} ms`);
    }
  }
  await conn.end();
  return out;
}

// ── P4: client ──────────────────────────────────────────────────────────────────────────

/** Main package and total of the weapp build, as miniapp/scripts/size-check.mjs counts them. */
export function weappSizes() {
  const root = path.join(ROOT, 'miniapp', 'dist', 'weapp');
  const appJson = path.join(root, 'app.json');
  if (!existsSync(appJson)) return null;
  const NOT_PACKAGED = new Set(['project.config.json', 'project.private.config.json']);
  const files = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? files(full) : [{ rel: path.relative(root, full).split(path.sep).join('/'), bytes: statSync(full).size }];
    });
  const { subPackages = [], subpackages = [] } = JSON.parse(readFileSync(appJson, 'utf8'));
  const subRoots = [...subPackages, ...subpackages].map((p) => p.root.replace(/\/+$/, ''));
  const all = files(root).filter((f) => !NOT_PACKAGED.has(f.rel));
  const main = all.filter((f) => !subRoots.some((r) => f.rel === r || f.rel.startsWith(`${r}/`))).reduce((s, f) => s + f.bytes, 0);
  return { mainBytes: main, totalBytes: all.reduce((s, f) => s + f.bytes, 0), builtAt: statSync(appJson).mtime.toISOString() };
}

/** First contentful paint of the H5 login page in headless Chromium, fresh profile each time. */
export async function h5Fcp({ base, runs = 5 }) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const xs = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/pages/login/index`, { waitUntil: 'load', timeout: 30_000 });
      const fcp = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const find = () => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
            const got = find();
            if (got) return resolve(got.startTime);
            new PerformanceObserver((list) => {
              const e = list.getEntries().find((x) => x.name === 'first-contentful-paint');
              if (e) resolve(e.startTime);
            }).observe({ type: 'paint', buffered: true });
            setTimeout(() => resolve(null), 10_000);
          }),
      );
      await context.close();
      if (i > 0 && fcp != null) xs.push(fcp); // the first load warms the server's file cache
    }
  } finally {
    await browser.close();
  }
  xs.sort((a, b) => a - b);
  return { medianMs: xs.length ? xs[Math.floor(xs.length / 2)] : null, runs: xs.map((x) => round(x, 0)) };
}
