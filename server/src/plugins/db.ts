import fp from 'fastify-plugin';
import { sql } from 'drizzle-orm';
import type mysql from 'mysql2/promise';
import { createDb, createPool, poolNode, type Db } from '../db/client';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbPing(): Promise<boolean>;
    /** Issue 19: the node this instance uses (`host:port`) and Galera's wsrep_ready there (null: not a Galera node). */
    dbStatus(): Promise<{ up: boolean; node: string; wsrepReady: boolean | null }>;
  }
}

export default fp<{ databaseUrl: string; poolSize: number; nodes?: string[] }>(
  async (app, opts) => {
    const pool = createPool(opts.databaseUrl, opts.poolSize, opts.nodes);
    const db = createDb(pool);
    app.decorate('db', db);
    app.decorate('dbPing', async () => {
      try {
        await db.execute(sql`select 1`);
        return true;
      } catch (err) {
        app.log.warn({ err }, 'database ping failed');
        return false;
      }
    });
    app.decorate('dbStatus', async () => {
      try {
        const [rows] = await pool.query<mysql.RowDataPacket[]>(
          "select @@wsrep_on as wsrepOn, (select variable_value from information_schema.global_status where variable_name = 'WSREP_READY') as ready",
        );
        const row = rows[0];
        return { up: true, node: poolNode(pool, opts.databaseUrl), wsrepReady: Number(row?.wsrepOn) ? row?.ready === 'ON' : null };
      } catch (err) {
        app.log.warn({ err }, 'database status failed');
        return { up: false, node: poolNode(pool, opts.databaseUrl), wsrepReady: null };
      }
    });
    app.addHook('onClose', async () => {
      await pool.end();
    });
  },
  { name: 'db' },
);
