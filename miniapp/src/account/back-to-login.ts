import Taro from '@tarojs/taro';
import { Routes } from '../routes';

/** Back to the login page this flow came from (keeping its ?redirect=), or a fresh one. */
export function backToLogin() {
  const pages = typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages() : [];
  const previous = pages.length > 1 ? pages[pages.length - 2] : undefined;
  if (previous && `/${String(previous.route ?? '').replace(/^\//, '')}`.startsWith(Routes.login)) return Taro.navigateBack();
  return Taro.redirectTo({ url: Routes.login });
}
