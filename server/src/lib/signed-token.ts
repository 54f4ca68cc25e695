import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Small signed, expiring tokens for links (cadre invitations): `payload.signature`, HMAC-SHA256
 * with a key derived for the purpose — so a link token can never pass as an access token.
 */
export function createLinkTokens(secret: string, purpose: string) {
  const key = createHmac('sha256', secret).update(`link:${purpose}`).digest();
  const sign = (body: string) => createHmac('sha256', key).update(body).digest('base64url');
  return {
    issue(data: Record<string, string | number>, expiresAt: Date): string {
      const body = Buffer.from(JSON.stringify({ ...data, exp: expiresAt.getTime() })).toString('base64url');
      return `${body}.${sign(body)}`;
    },
    /** The data, or null when the token is forged, malformed or expired at `now`. */
    verify(token: string, now: Date): Record<string, string | number> | null {
      const [body, sig] = token.split('.');
      if (!body || !sig) return null;
      const expected = Buffer.from(sign(body));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      try {
        const data = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, string | number>;
        return typeof data.exp === 'number' && data.exp > now.getTime() ? data : null;
      } catch {
        return null;
      }
    },
  };
}
