import { startServer } from '/work/main/scripts/bench/lib.mjs';
import { p2Queue } from '/work/main/scripts/bench/measures.mjs';
const jwtSecret = 'x'.repeat(32);
const env = { DATABASE_URL: 'mysql://root@127.0.0.1:3306/tuanjian_bench_100000', HOST: '127.0.0.1', PORT: '3911', LOG_LEVEL: 'warn', JWT_SECRET: jwtSecret, JOBS_ENABLED: 'false', DB_POOL_SIZE: '32', };
const s = await startServer(env, console.log, process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/sprof'] : []);
try {
  const r = await p2Queue({ base: s.base, databaseUrl: env.DATABASE_URL, jwtSecret, connections: 32, runs: 1, amount: 3000, warmup: 500, log: console.log });
  console.log(JSON.stringify({ api: r.api, raw: r.raw }));
} finally { await s.stop(); }
