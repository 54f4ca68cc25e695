import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { atRestKey } from './keys';

/**
 * §9 PIPL: ID numbers are stored encrypted (AES-256-GCM, random IV) and found through a keyed
 * hash (HMAC-SHA256), so a database dump alone reveals neither the numbers nor, by
 * brute-forcing the small ID space, who is in it. Keys derive from one secret (PII_SECRET),
 * byte-identical to the ones the stored data was written with (lib/keys.ts).
 */
export interface Pii {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  lookupHash(plain: string): string;
  /**
   * A keyed hash of a secret exactly as given (case-sensitive, unlike lookupHash): stored
   * instead of single-use codes handed to people, so a dump does not reveal usable ones.
   */
  secretHash(plain: string): string;
}

export function createPii(secret: string): Pii {
  const encKey = atRestKey(secret, 'enc');
  const macKey = atRestKey(secret, 'mac');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url')}`;
    },
    decrypt(stored) {
      const raw = Buffer.from(stored.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    lookupHash: (plain) => createHmac('sha256', macKey).update(plain.toUpperCase()).digest('hex'),
    secretHash: (plain) => createHmac('sha256', macKey).update(`secret:${plain}`).digest('hex'),
  };
}

/**
 * §9 / issue 12.9 phone numbers at rest. They are looked up by equality everywhere (login,
 * roster matching, the secretary's account), so they are sealed deterministically: AES-256-GCM
 * with a synthetic IV (HMAC of the plain text, as in AES-SIV), which makes equal numbers equal
 * cipher texts — what a separate lookup hash would reveal, no more — while a dump without the
 * secret shows no number. Prefix `p1.` tells sealed values from legacy plain text.
 */
/** Closures over the derived keys (no `this`): safe to destructure. */
export interface Sealer {
  seal: (plain: string) => string;
  open: (stored: string) => string;
  isSealed: (stored: string) => boolean;
}

export const SEALED_PREFIX = 'p1.';

export function createSealer(secret: string): Sealer {
  const encKey = atRestKey(secret, 'seal-enc');
  const ivKey = atRestKey(secret, 'seal-iv');
  return {
    seal(plain) {
      const iv = createHmac('sha256', ivKey).update(plain, 'utf8').digest().subarray(0, 12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${SEALED_PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url')}`;
    },
    open(stored) {
      if (!stored.startsWith(SEALED_PREFIX)) return stored;
      const raw = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    isSealed: (stored) => stored.startsWith(SEALED_PREFIX),
  };
}
