import type { FastifyBaseLogger } from 'fastify';
import type { Notification, Notifier, NotifyRecipient } from './types';

const API = 'https://api.weixin.qq.com';
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** The user has not accepted (or has used up) the subscription: not a failure of ours. */
const NOT_SUBSCRIBED = 43101;

export interface RealNotifierOptions {
  appid: string;
  secret: string;
  templateId: string;
  /** Default page a message opens (the task center / my transfer). */
  page: string;
  /** developer | trial | formal */
  miniprogramState: string;
  timeoutMs?: number;
  apiBase?: string;
}

const cut = (s: string, n: number) =>
  Array.from(s).length > n
    ? `${Array.from(s)
        .slice(0, n - 1)
        .join('')}…`
    : s;

/**
 * NOTIFY_ADAPTER=real: a WeChat subscribe message (subscribeMessage.send) per recipient with
 * a bound openid. The template is expected to have `thing1` (what) and `time2` (when); a
 * recipient without an openid or subscription is skipped and logged, never retried forever.
 */
export class RealNotifier implements Notifier {
  readonly kind = 'real' as const;
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly opts: RealNotifierOptions,
    private readonly log?: FastifyBaseLogger,
  ) {}

  private get base() {
    return this.opts.apiBase ?? API;
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    const url = new URL(`${this.base}/cgi-bin/token`);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: this.opts.appid, secret: this.opts.secret }).toString();
    const res = await fetch(url, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000) });
    if (!res.ok) throw new Error(`cgi-bin/token answered HTTP ${res.status}`);
    const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!body.access_token) throw new Error(`cgi-bin/token failed: ${body.errcode}`);
    this.token = { value: body.access_token, expiresAt: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }

  async notify(to: NotifyRecipient[], n: Notification): Promise<void> {
    for (const r of to) {
      if (!r.openid) {
        this.log?.info({ userId: r.userId, kind: n.kind }, 'notify: no WeChat openid bound, skipped');
        continue;
      }
      await this.sendOne(r.openid, n);
    }
  }

  private async sendOne(openid: string, n: Notification): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const res = await fetch(`${this.base}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: openid,
          template_id: this.opts.templateId,
          page: n.page ?? this.opts.page,
          miniprogram_state: this.opts.miniprogramState,
          lang: 'zh_CN',
          data: { thing1: { value: cut(n.message, 20) }, time2: { value: new Date().toISOString().slice(0, 16).replace('T', ' ') } },
        }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
      if (!res.ok) throw new Error(`subscribe/send answered HTTP ${res.status}`);
      const body = (await res.json()) as { errcode?: number; errmsg?: string };
      if (!body.errcode) return;
      if (attempt === 0 && TOKEN_ERRORS.has(body.errcode)) {
        this.token = null;
        continue;
      }
      if (body.errcode === NOT_SUBSCRIBED) {
        this.log?.info({ kind: n.kind }, 'notify: recipient has no subscription left, skipped');
        return;
      }
      throw new Error(`subscribe/send failed: ${body.errcode} ${body.errmsg ?? ''}`);
    }
  }
}
