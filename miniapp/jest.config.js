// Unit tests of pages, stores and services in jsdom. E2E tests (e2e/) have their own
// config (jest.e2e.config.js) and are not picked up here.
const esmPackages = ['@nutui', '@tarojs', '@swc/helpers'].join('|');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // NutUI ships ESM only (its UMD build needs a real Taro runtime); pnpm nests packages
  // under node_modules/.pnpm/<name>/node_modules/<name>, so both levels are allowed.
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(${esmPackages}))`],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/__mocks__/taro.ts',
    '^@tarojs/components$': '<rootDir>/test/__mocks__/components.tsx',
    '^@tarojs/runtime$': '<rootDir>/test/__mocks__/runtime.ts',
    '^@nutui/icons-react-taro$': '<rootDir>/test/__mocks__/icons.js',
    '\\.(css|scss)$': 'identity-obj-proxy',
  },
};
