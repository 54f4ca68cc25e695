import { createHash, hkdfSync } from 'node:crypto';

/** A 32-byte key for one purpose, derived from one of the app's secrets (HKDF-SHA256, RFC 5869). */
export const deriveKey = (secret: string, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', secret, '', `tuanjian:${purpose}`, 32));

/**
 * The keys of data already at rest (ID numbers, their lookup hashes, sealed phones, hashed
 * admin codes) were derived as SHA-256 of `label:secret` before HKDF was used here. They stay
 * byte-identical: moving them to HKDF would mean re-encrypting and re-hashing every stored
 * row (seal-legacy.ts only seals plain text), for no gain in strength — SHA-256 of a high-entropy
 * secret with distinct labels is already a sound KDF. New purposes use deriveKey.
 */
export type AtRestLabel = 'enc' | 'mac' | 'seal-enc' | 'seal-iv';
export const atRestKey = (secret: string, label: AtRestLabel): Buffer => createHash('sha256').update(`${label}:${secret}`).digest();
