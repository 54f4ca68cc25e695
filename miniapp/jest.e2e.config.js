/**
 * E2E: real headless Chromium (Debian's /usr/bin/chromium via playwright-core) against the
 * H5 build served by a real server on a fresh MariaDB database (see e2e/global-setup.ts).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest'] },
  globalSetup: '<rootDir>/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/e2e/global-teardown.ts',
  // One browser at a time: the machine has 2 cores and the server needs one.
  maxWorkers: 1,
  testTimeout: 120000,
};
