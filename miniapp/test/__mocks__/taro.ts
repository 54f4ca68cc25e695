/**
 * The slice of @tarojs/taro the app and NutUI touch, on jsdom. `request` is a jest.fn so
 * tests can answer calls; storage is a Map so persistence can be observed.
 */
import { withDefault } from '../mock-defaults';

const storage = new Map<string, unknown>();

export const request = jest.fn();
export const reLaunch = withDefault(() => Promise.resolve());
export const redirectTo = withDefault(() => Promise.resolve());
export const navigateTo = withDefault(() => Promise.resolve());

export const getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '');
export const setStorageSync = (key: string, value: unknown) => {
  storage.set(key, value);
};
export const removeStorageSync = (key: string) => {
  storage.delete(key);
};
export const clearStorageSync = () => storage.clear();

export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB' } as const;
export const getEnv = () => ENV_TYPE.WEB;
export const pxTransform = (size: number) => `${size / 2}px`;
export const nextTick = (fn: () => void) => setTimeout(fn, 0);
export const getSystemInfoSync = () => ({ windowWidth: 375, windowHeight: 812, pixelRatio: 2 });
export const getWindowInfo = getSystemInfoSync;
export const getCurrentInstance = () => ({ router: { params: {}, path: '' }, page: {} });
export const eventCenter = { on: jest.fn(), off: jest.fn(), trigger: jest.fn() };
export const createSelectorQuery = () => {
  const query = {
    select: () => query,
    selectAll: () => query,
    boundingClientRect: () => query,
    exec: (cb?: (r: unknown[]) => void) => cb?.([]),
  };
  return query;
};
export const useDidShow = jest.fn();
export const useLoad = jest.fn();
export const useReachBottom = jest.fn();
export const useDidHide = jest.fn();
export const useUnload = jest.fn();

const Taro = {
  request,
  reLaunch,
  redirectTo,
  navigateTo,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  clearStorageSync,
  ENV_TYPE,
  getEnv,
  pxTransform,
  nextTick,
  getSystemInfoSync,
  getWindowInfo,
  getCurrentInstance,
  eventCenter,
  createSelectorQuery,
  useDidShow,
  useLoad,
  useReachBottom,
  useDidHide,
  useUnload,
};

export default Taro;
