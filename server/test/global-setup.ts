import { migrateDatabase } from '../src/db/migrate';
import { uniqueDatabaseUrl } from './test-db';

// One fresh database per run; test files share it and keep their data apart by unique phones.
export default async function globalSetup() {
  const url = uniqueDatabaseUrl('tj_test_server');
  await migrateDatabase(url);
  process.env.TEST_DATABASE_URL = url;
}
