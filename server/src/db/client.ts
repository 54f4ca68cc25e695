import { drizzle } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { isRetryableLockError } from '../lib/mysql-errors';
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

/** How often a transaction chosen as a deadlock victim runs again before its error stands. */
export const TRANSACTION_ATTEMPTS = 4;

/**
 * The one retry of deadlocked transactions (issue 12 item 7). InnoDB resolves a lock cycle by
 * rolling one transaction back (errno 1213; 1205 after a lock wait timeout); the right answer
 * is to run that transaction again, not a 500. Wrapping `db.transaction` here covers every
 * service at once: a transaction callback must therefore only write through `tx` (anything
 * else it does, e.g. sending an SMS, belongs after the commit). Nested `tx.transaction`
 * savepoints are not retried — only the outermost transaction can be.
 */
function retryDeadlocks<D extends { transaction: (...args: never[]) => unknown }>(db: D): D {
  const once = db.transaction.bind(db);
  db.transaction = async (fn, config) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(fn, config);
      } catch (err) {
        if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableLockError(err)) throw err;
        // A short random pause so the transactions that collided do not collide again.
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  };
  return db;
}

// 'planetscale' mode: the default emits LATERAL joins, which MariaDB rejects.
export const createDb = (pool: mysql.Pool) => retryDeadlocks(drizzle(pool, { schema, mode: 'planetscale' }));

export type Db = ReturnType<typeof createDb>;
/** A transaction handle; services accept either a Db or a Tx as their first argument. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
