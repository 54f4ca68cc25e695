import { cleanup } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetAppStore } from '../src/stores';

// Every test starts logged out, with empty storage and fresh mocks.
afterEach(() => {
  cleanup();
  resetAppStore();
  Taro.clearStorageSync();
  jest.clearAllMocks();
});
