export interface WechatSession {
  openid: string;
  unionid?: string;
}

/** What the server asks of WeChat. Real API and simulator implement it. */
export interface WechatApi {
  readonly kind: 'real' | 'simulator';
  /** Exchanges the code from `wx.login` for the user's identity; throws WechatCodeError for a bad code. */
  code2session(code: string): Promise<WechatSession>;
  /**
   * A mini-program code (PNG) opening `page` with `scene` (≤ 32 chars). Only the real API can
   * make one; the simulator throws, and the QR module draws a plain QR code instead.
   */
  getUnlimitedQrCode(scene: string, page: string): Promise<Buffer>;
}

/** WeChat refused the login code (invalid, used, expired): the client should call wx.login again. */
export class WechatCodeError extends Error {
  constructor(readonly errcode?: number) {
    super(`WeChat refused the login code${errcode === undefined ? '' : ` (errcode ${errcode})`}`);
  }
}
