import Taro from '@tarojs/taro';
import { TokenResponseSchema, type TokenResponse } from '@tj/shared';
import { ApiError } from './api-error';
import { api } from './api';
import { http } from './http';

/** WeChat identity only exists in the weapp build; H5 logs in by phone. */
export const hasWechat = (): boolean => process.env.TARO_ENV === 'weapp';

/**
 * §4.1 *(decision)*: a WeChat bound to an account logs in silently. Null when this WeChat is
 * not bound yet (the person logs in by phone, then the account is bound).
 */
export async function wechatSilentLogin(): Promise<TokenResponse | null> {
  if (!hasWechat()) return null;
  const { code } = await Taro.login();
  try {
    return api.post('/auth/wechat', { code }, TokenResponseSchema);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'WECHAT_NOT_BOUND') return null;
    throw e;
  }
}

/** After a phone login in WeChat: bind this WeChat so the next open logs in silently. */
export async function bindWechat(): Promise<void> {
  if (!hasWechat()) return;
  const { code } = await Taro.login();
  await http.post('/auth/wechat/bind', { code });
}
