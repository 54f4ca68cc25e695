import { sql } from 'drizzle-orm';
import { createDb, createPool, type Db } from '../client';
import { users } from '../schema';
import { hashPassword } from '../../modules/auth/password';
import { DEMO_ACCOUNTS } from './demo-accounts';

/** Seeds the demo data when the database has no users yet; returns whether it seeded. */
export async function seedDemo(db: Db): Promise<boolean> {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)` }).from(users)) as [{ n: number }];
  if (Number(n) > 0) return false;
  for (const a of DEMO_ACCOUNTS) {
    await db.insert(users).values({ phone: a.phone, name: a.name, passwordHash: await hashPassword(a.password) });
  }
  return true;
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required');
    process.exit(1);
  }
  const pool = createPool(url, 2);
  seedDemo(createDb(pool))
    .then((seeded) => console.log(seeded ? 'demo data seeded' : 'database not empty: seed skipped'))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => pool.end());
}
