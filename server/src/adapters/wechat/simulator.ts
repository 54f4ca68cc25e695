import { createHash } from 'node:crypto';
import type { WechatApi, WechatSession } from './types';

/**
 * WECHAT_ADAPTER=simulator (default, and always in tests): the same code always yields the
 * same openid, so a test or the H5 build can "be" one WeChat user by reusing a code. Anyone
 * who knows a code is that user, hence never in production.
 */
export class WechatSimulator implements WechatApi {
  readonly kind = 'simulator' as const;

  async code2session(code: string): Promise<WechatSession> {
    return { openid: `sim-${createHash('sha256').update(code).digest('hex').slice(0, 24)}` };
  }

  async getUnlimitedQrCode(): Promise<Buffer> {
    throw new Error('getUnlimitedQrCode is not supported by the WeChat simulator');
  }
}
