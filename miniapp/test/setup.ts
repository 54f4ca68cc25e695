import { cleanup } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetAppStore } from '../src/stores';

// jsdom stands for the H5 build; components-advanced's virtual list reads this to skip the
// scroll de-jittering it does for mini-program scroll events.
process.env.TARO_PLATFORM = 'web';

// Every test starts logged out, with empty storage and fresh mocks.
afterEach(() => {
  cleanup();
  resetAppStore();
  Taro.clearStorageSync();
  jest.clearAllMocks();
});
