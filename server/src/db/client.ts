import { drizzle } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import * as schema from './schema';

export function createPool(databaseUrl: string, connectionLimit: number) {
  return mysql.createPool({
    uri: databaseUrl,
    connectionLimit,
    charset: 'utf8mb4',
    timezone: 'Z',
    // BIGINT ids fit in a JS number for this product's scale.
    supportBigNumbers: true,
    dateStrings: false,
    // mysql2 captures a stack trace on every query for its errors (issue 8: ~2 % of the
    // server's CPU under load); a failing statement's error still names the statement.
    trace: false,
  });
}

// 'planetscale' mode: the default emits LATERAL joins, which MariaDB rejects.
export const createDb = (pool: mysql.Pool) => drizzle(pool, { schema, mode: 'planetscale' });

export type Db = ReturnType<typeof createDb>;
/** A transaction handle; services accept either a Db or a Tx as their first argument. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
