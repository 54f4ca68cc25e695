/**
 * Issue 19: the cross-node race suite — two apps on two Galera nodes of one database. Not part
 * of `npm test`: `npm run test:cluster` runs it against the cluster it starts (CLUSTER_NODE_URLS,
 * CLUSTER_DATABASE).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/cluster-test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)sx?$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(cookie|set-cookie-parser|content-disposition)/)'],
  testTimeout: 120000,
};
