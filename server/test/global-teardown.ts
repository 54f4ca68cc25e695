import { dropDatabase } from './test-db';

export default async function globalTeardown() {
  if (process.env.TEST_DATABASE_URL) await dropDatabase(process.env.TEST_DATABASE_URL);
}
