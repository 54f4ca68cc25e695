import type { JWT } from '@fastify/jwt';
import { deriveKey } from './keys';

/**
 * Signed, expiring tokens for links (cadre invitations): JWTs like the access tokens (one token
 * format), told apart twice — an `aud` claim naming the purpose, required here and refused by
 * the access-token check, and a signing key derived for the purpose from the JWT secret.
 * Links issued in the earlier `payload.signature` format no longer verify (an admin re-sends).
 */
export function createLinkTokens(jwt: JWT, secret: string, purpose: string) {
  const key = deriveKey(secret, `link:${purpose}`).toString('base64url');
  return {
    issue(data: Record<string, string | number>, now: Date, expiresAt: Date): string {
      return jwt.sign({ ...data, iat: Math.floor(now.getTime() / 1000) } as never, { key, aud: purpose, expiresIn: Math.max(0, expiresAt.getTime() - now.getTime()) / 1000 });
    },
    /** The data, or null when the token is forged, malformed, of another purpose or expired at `now`. */
    verify(token: string, now: Date): Record<string, unknown> | null {
      try {
        return jwt.verify<Record<string, unknown>>(token, {
          key,
          allowedAud: purpose,
          requiredClaims: ['aud', 'exp'],
          clockTimestamp: now.getTime(),
          ignoreExpiration: false,
          cache: false,
        });
      } catch {
        return null;
      }
    },
  };
}
