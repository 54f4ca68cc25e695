import { cleanup } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetAppStore } from '../src/stores';
import { restoreMockDefaults } from './mock-defaults';

// jsdom stands for the H5 build; components-advanced's virtual list reads this to skip the
// scroll de-jittering it does for mini-program scroll events.
process.env.TARO_PLATFORM = 'web';

// Every test starts logged out, with empty storage and fresh mocks: spies put back, and every
// jest.fn stripped of its calls and of any answer a test gave it (a mockResolvedValueOnce left
// over by a test that failed early must not answer the next test's request); stubs made with
// withDefault get their standing answer back.
afterEach(() => {
  cleanup();
  resetAppStore();
  Taro.clearStorageSync();
  jest.restoreAllMocks();
  jest.resetAllMocks();
  restoreMockDefaults();
});
