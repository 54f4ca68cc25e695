import { drizzle } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { AppError } from '../errors';
import { isConnectionError, isRetryableLockError } from '../lib/mysql-errors';
import * as schema from './schema';

const poolOptions = (uri: string, connectionLimit: number, extra: mysql.PoolOptions = {}): mysql.PoolOptions => ({
  ...extra,
  uri,
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

/**
 * The connection pool. `nodes` (issue 19, DATABASE_NODES): the other nodes of a Galera
 * cluster, `host:port` each, with the credentials and database of `databaseUrl`; with any,
 * the pool fails over between them (FailoverPool). Without, a plain mysql2 pool as before.
 * `extra`: options of one special-purpose pool (the chat send queue's multi-statement
 * connections).
 */
export function createPool(databaseUrl: string, connectionLimit: number, nodes: string[] = [], extra: mysql.PoolOptions = {}): mysql.Pool {
  if (!nodes.length) return mysql.createPool(poolOptions(databaseUrl, connectionLimit, extra));
  const urls = [databaseUrl, ...nodes.map((hostPort) => withHost(databaseUrl, hostPort))];
  return new FailoverPool(
    urls.map((uri) => ({ label: new URL(uri).host, pool: mysql.createPool({ ...poolOptions(uri, connectionLimit, extra), connectTimeout: 3000 }) })),
  ) as unknown as mysql.Pool;
}

const withHost = (url: string, hostPort: string) => {
  const u = new URL(url);
  u.host = hostPort;
  return u.toString();
};

/** How long a node that refused a connection (or is not a ready cluster member) is skipped. */
const NODE_DOWN_MS = 5_000;

/**
 * Issue 19 item 4, failover: the pools of every node of a Galera cluster behind the part of
 * mysql2's Pool interface drizzle uses (getConnection / query / execute / end). New
 * connections come from the first node in order (this instance's own node) that is not
 * marked down; a node is marked down for NODE_DOWN_MS when it refuses a connection, drops
 * one, or answers that it is not a ready member (1047 WSREP not ready). A statement that
 * failed on a dead connection is never re-sent here (it may have committed): outside a
 * transaction the request fails with DB_RETRY; a whole transaction is retried by
 * `retryTransactions` below when it failed before COMMIT was sent. (mysql2's PoolCluster
 * does the node choice too, but never brings a removed node back by itself and has no
 * notion of a node that accepts connections yet is not in the primary component.)
 */
export class FailoverPool {
  private readonly down = new Map<string, number>();
  /** The node the last connection came from (what /health reports). */
  current: string;
  constructor(private readonly nodes: { label: string; pool: mysql.Pool }[]) {
    this.current = nodes[0]?.label ?? '';
  }

  markDown(label: string) {
    this.down.set(label, Date.now() + NODE_DOWN_MS);
  }

  private ordered() {
    const now = Date.now();
    const up = this.nodes.filter((n) => (this.down.get(n.label) ?? 0) <= now);
    // every node marked down: try them all anyway (one may be back already)
    return up.length ? up : this.nodes;
  }

  async getConnection(): Promise<mysql.PoolConnection> {
    let last: unknown;
    for (const node of this.ordered()) {
      try {
        const conn = await node.pool.getConnection();
        this.current = node.label;
        // a dead connection marks its node down, so the next one comes from another node
        return watch(conn, () => this.markDown(node.label));
      } catch (err) {
        last = err;
        if (!isConnectionError(err)) throw err;
        this.markDown(node.label);
      }
    }
    throw last;
  }

  async query(...args: Parameters<mysql.Pool['query']>) {
    const conn = await this.getConnection();
    try {
      return await conn.query(...args);
    } finally {
      conn.release();
    }
  }

  async execute(...args: Parameters<mysql.Pool['execute']>) {
    const conn = await this.getConnection();
    try {
      return await conn.execute(...args);
    } finally {
      conn.release();
    }
  }

  async end() {
    await Promise.all(this.nodes.map((n) => n.pool.end()));
  }
}

/** Marks the node down when a statement on this connection fails as "not a ready member" or a lost connection. */
const WATCHED = Symbol('failover-watched');
function watch(conn: mysql.PoolConnection, onDown: () => void): mysql.PoolConnection {
  // pooled connections come back again and again: wrap each once (it stays on its node)
  const marked = conn as unknown as Record<symbol, boolean>;
  if (marked[WATCHED]) return conn;
  marked[WATCHED] = true;
  const wrap = <K extends 'query' | 'execute'>(k: K) => {
    const orig = conn[k].bind(conn) as (...a: unknown[]) => Promise<unknown>;
    (conn as unknown as Record<K, unknown>)[k] = async (...a: unknown[]) => {
      try {
        return await orig(...a);
      } catch (err) {
        if (isConnectionError(err)) onDown();
        throw err;
      }
    };
  };
  wrap('query');
  wrap('execute');
  return conn;
}

/** The node a pool uses now: `host:port` (a plain pool: its configured host). */
export const poolNode = (pool: mysql.Pool, databaseUrl: string) => (pool instanceof FailoverPool ? pool.current : new URL(databaseUrl).host);

/** How often a transaction is run before its error stands (deadlock victim, Galera certification failure, node lost). */
export const TRANSACTION_ATTEMPTS = 6;
/** Backoff before attempt n+1: random in [0, min(BACKOFF_CAP_MS, BACKOFF_BASE_MS·2ⁿ)] ("full jitter"). */
const BACKOFF_BASE_MS = 10;
const BACKOFF_CAP_MS = 250;

/**
 * The one retry of whole transactions (issue 12 item 7, issue 19 item 2). InnoDB resolves a
 * lock cycle by rolling one transaction back (errno 1213; 1205 after a lock wait timeout);
 * on Galera a transaction that lost certification to a write set committed on another node
 * fails at COMMIT with the same 1213 — `SELECT … FOR UPDATE` locks only on its own node, so
 * that is where cross-node races are settled. The right answer is to run the transaction
 * again (its reads then see the winner's rows), not a 500. A transaction whose connection
 * died before COMMIT was sent never committed: it runs again too, on a live node. One whose
 * connection died after COMMIT was sent may or may not have committed: that request answers
 * DB_RETRY (503, retryable) — never a success it cannot vouch for; services are idempotent,
 * so the client's retry finds the committed state. Attempts are bounded (TRANSACTION_ATTEMPTS)
 * with exponential backoff and full jitter so colliding transactions spread out.
 *
 * Wrapping `db.transaction` here covers every service at once: a transaction callback must
 * therefore only write through `tx` (anything else it does, e.g. sending an SMS, belongs
 * after the commit). Nested `tx.transaction` savepoints are not retried — only the outermost.
 */
export function retryTransactions<D extends { transaction: (...args: never[]) => unknown }>(db: D): D {
  const once = db.transaction.bind(db) as unknown as (fn: (tx: unknown) => Promise<unknown>, config?: unknown) => Promise<unknown>;
  const wrapped = async (fn: (tx: unknown) => Promise<unknown>, config?: unknown) => {
    for (let attempt = 1; ; attempt++) {
      let commitSent = false;
      try {
        return await once(async (tx) => {
          const result = await fn(tx);
          commitSent = true; // drizzle sends COMMIT right after the callback returns
          return result;
        }, config);
      } catch (err) {
        const lostConnection = isConnectionError(err);
        if (lostConnection && commitSent) throw new AppError('DB_RETRY');
        if (!lostConnection && !isRetryableLockError(err)) throw err;
        if (attempt >= TRANSACTION_ATTEMPTS) throw lostConnection ? new AppError('DB_RETRY') : err;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt)));
      }
    }
  };
  db.transaction = wrapped;
  return db;
}

// 'planetscale' mode: the default emits LATERAL joins, which MariaDB rejects.
export const createDb = (pool: mysql.Pool) => retryTransactions(drizzle(pool, { schema, mode: 'planetscale' }));

export type Db = ReturnType<typeof createDb>;
/** A transaction handle; services accept either a Db or a Tx as their first argument. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
