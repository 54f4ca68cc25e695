import { ADMIN_CODE_VALID_DAYS } from '../limits';
import { fail, OK, type Check } from './check';

// §3.4: 8 characters of [0-9A-Za-z], case-sensitive [004 §二(一)3].
const ADMIN_CODE = /^[0-9A-Za-z]{8}$/;
export const ADMIN_CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const validateAdminCode = (code: string): Check => (ADMIN_CODE.test(code) ? OK : fail('ADMIN_CODE_INVALID'));

/** §3.4 a code is valid for 20 days from issue (instants in ms since the epoch). */
export const isAdminCodeExpired = (issuedAtMs: number, nowMs: number): boolean => nowMs - issuedAtMs >= ADMIN_CODE_VALID_DAYS * 24 * 3600 * 1000;

/** §3.4 the code, or why it cannot be used now. */
export function checkAdminCodeUsable(code: { issuedAtMs: number; usedAtMs?: number | null }, nowMs: number): Check {
  if (code.usedAtMs != null) return fail('ADMIN_CODE_USED');
  return isAdminCodeExpired(code.issuedAtMs, nowMs) ? fail('ADMIN_CODE_EXPIRED') : OK;
}
