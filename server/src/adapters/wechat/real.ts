import { WechatCodeError, type WechatApi, type WechatSession } from './types';

const API = 'https://api.weixin.qq.com';
/** Login-code errors: invalid, already used, from another app — the client retries wx.login. */
const CODE_ERRORS = new Set([40029, 40163, 40226, 40125]);
/** Access token invalid/expired: fetch a new one and retry once. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Refresh the cached access token this long before WeChat's stated expiry. */
const TOKEN_MARGIN_MS = 5 * 60_000;

export interface RealWechatOptions {
  appid: string;
  secret: string;
  timeoutMs?: number;
}

interface WxError {
  errcode?: number;
  errmsg?: string;
}

export class RealWechatApi implements WechatApi {
  readonly kind = 'real' as const;
  private token: { value: string; expiresAt: number } | null = null;
  /** One refresh at a time: concurrent callers share it instead of invalidating each other's token. */
  private refreshing: Promise<string> | null = null;

  constructor(private readonly opts: RealWechatOptions) {}

  private signal() {
    return AbortSignal.timeout(this.opts.timeoutMs ?? 5000);
  }

  async code2session(code: string): Promise<WechatSession> {
    const url = new URL(`${API}/sns/jscode2session`);
    url.search = new URLSearchParams({
      appid: this.opts.appid,
      secret: this.opts.secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    const res = await fetch(url, { signal: this.signal() });
    if (!res.ok) throw new Error(`jscode2session answered HTTP ${res.status}`);
    const body = (await res.json()) as WxError & { openid?: string; unionid?: string };
    if (body.errcode && CODE_ERRORS.has(body.errcode)) throw new WechatCodeError(body.errcode);
    if (body.errcode || !body.openid) throw new Error(`jscode2session failed: ${body.errcode} ${body.errmsg ?? ''}`);
    // session_key is deliberately dropped: nothing here decrypts user data.
    return { openid: body.openid, ...(body.unionid ? { unionid: body.unionid } : {}) };
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    this.refreshing ??= this.fetchAccessToken().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async fetchAccessToken(): Promise<string> {
    const url = new URL(`${API}/cgi-bin/token`);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: this.opts.appid, secret: this.opts.secret }).toString();
    const res = await fetch(url, { signal: this.signal() });
    if (!res.ok) throw new Error(`cgi-bin/token answered HTTP ${res.status}`);
    const body = (await res.json()) as WxError & { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new Error(`cgi-bin/token failed: ${body.errcode} ${body.errmsg ?? ''}`);
    this.token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 7200) * 1000 - TOKEN_MARGIN_MS };
    return body.access_token;
  }

  async getUnlimitedQrCode(scene: string, page: string): Promise<Buffer> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const res = await fetch(`${API}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // check_path false: the page may not be published yet (trial / development versions).
        body: JSON.stringify({ scene, page, check_path: false }),
        signal: this.signal(),
      });
      if (!res.ok) throw new Error(`getwxacodeunlimit answered HTTP ${res.status}`);
      // Success is the image itself; failure is a JSON body.
      if (!(res.headers.get('content-type') ?? '').includes('json')) return Buffer.from(await res.arrayBuffer());
      const err = (await res.json()) as WxError;
      if (attempt === 0 && err.errcode && TOKEN_ERRORS.has(err.errcode)) {
        this.token = null;
        continue;
      }
      throw new Error(`getwxacodeunlimit failed: ${err.errcode} ${err.errmsg ?? ''}`);
    }
  }
}
