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
  // Two files at a time, each worker on a stack of its own (global-setup.ts): a flow spends
  // most of its time waiting on the page (one at a time left the 2 cores ~55 % idle).
  maxWorkers: 2,
  testTimeout: 120000,
};
