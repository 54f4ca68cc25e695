import type { ErrorCode } from '../errors';

export type Check = { ok: true } | { ok: false; code: ErrorCode };

const MOBILE = /^1[3-9]\d{9}$/;
// §4.1: 6–16 letters/digits.
const PASSWORD = /^[A-Za-z0-9]{6,16}$/;

export function validateMobile(mobile: string): Check {
  return MOBILE.test(mobile) ? { ok: true } : { ok: false, code: 'MOBILE_INVALID' };
}

export function validatePassword(password: string): Check {
  return PASSWORD.test(password) ? { ok: true } : { ok: false, code: 'PASSWORD_INVALID' };
}
