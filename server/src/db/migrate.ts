import path from 'node:path';
import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import { loadConfig, SERVER_ROOT } from '../env';
import { sealLegacyPhones } from './seal-legacy';

export const MIGRATIONS_FOLDER = path.join(SERVER_ROOT, 'drizzle');

/** Creates the database when missing (utf8mb4), then applies the committed SQL migrations. */
export async function migrateDatabase(databaseUrl: string, opts: { piiSecret?: string } = {}): Promise<void> {
  const url = new URL(databaseUrl);
  const dbName = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(dbName)) throw new Error(`Unsupported database name: ${dbName}`);
  const serverUrl = new URL(databaseUrl);
  serverUrl.pathname = '/';
  const admin = await mysql.createConnection({ uri: serverUrl.toString() });
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const conn = await mysql.createConnection({ uri: databaseUrl, multipleStatements: true });
  try {
    await migrate(drizzle(conn), { migrationsFolder: MIGRATIONS_FOLDER });
    // A fresh database has nothing to seal; an older one gets its phones sealed once (issue 12.9).
    if (opts.piiSecret) {
      const n = await sealLegacyPhones(conn, opts.piiSecret);
      if (n) console.log(`sealed ${n} phone numbers stored in plain text`);
    }
  } finally {
    await conn.end();
  }
}

if (require.main === module) {
  const config = loadConfig();
  migrateDatabase(config.databaseUrl, { piiSecret: config.piiSecret }).then(
    () => console.log('migrations applied'),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
