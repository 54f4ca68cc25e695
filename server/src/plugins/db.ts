import fp from 'fastify-plugin';
import { sql } from 'drizzle-orm';
import { createDb, createPool, type Db } from '../db/client';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbPing(): Promise<boolean>;
  }
}

export default fp<{ databaseUrl: string; poolSize: number }>(
  async (app, opts) => {
    const pool = createPool(opts.databaseUrl, opts.poolSize);
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
    app.addHook('onClose', async () => {
      await pool.end();
    });
  },
  { name: 'db' },
);
