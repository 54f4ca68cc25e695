import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

/** The MariaDB server the tests may create databases on (chosen by scripts/test.mjs). */
export const dbServerUrl = () => process.env.TEST_DB_SERVER_URL || 'mysql://root@127.0.0.1:3306/';

export function uniqueDatabaseUrl(prefix: string): string {
  const url = new URL(dbServerUrl());
  url.pathname = `/${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return url.toString();
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/';
  const conn = await mysql.createConnection({ uri: url.toString() });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}
