import { migrateDatabase } from '../src/db/migrate';
import { uniqueDatabaseUrl } from './test-db';

// One fresh database per run; test files share it and keep their data apart by unique phones.
export default async function globalSetup() {
  // password hashes at scrypt N = 2^10: the suite hashes and checks hundreds of passwords
  // (password.test.ts checks the production cost); the workers inherit it
  process.env.PASSWORD_SCRYPT_LOG_N ??= '10';
  const url = uniqueDatabaseUrl('tj_test_server');
  await migrateDatabase(url);
  process.env.TEST_DATABASE_URL = url;
}
