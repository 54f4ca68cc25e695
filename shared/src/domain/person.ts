import { fail, OK, type Check } from './check';
import { countChars } from './text';
import { isCommonPassword } from './common-passwords';
import { NAME_MAX_CHARS, NAME_MIN_CHARS, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from '../limits';

export type { Check } from './check';

// §5.1
const MOBILE = /^1[3-9]\d{9}$/;
// Issue 12 item 13 (replaces §4.1's 6–16 letters/digits, which refused passphrases and allowed
// "123456"): 8–64 printable characters — letters, digits, symbols, spaces, Chinese — counted
// as code points; control characters (and so line breaks) refused.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// §5.1: Chinese, letters, or the middle dot of minority / foreign names (阿依古丽·买买提);
// the dot only between name parts. Han as explicit ranges (BMP blocks, 〇, and the
// extensions beyond the BMP) rather than \p{Script=Han}, which older mini-program
// JavaScript engines cannot parse.
const HAN = '\u3007\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{2FA1F}\u{30000}-\u{323AF}';
const NAME_CHARS = new RegExp(`^[${HAN}A-Za-z]+(·[${HAN}A-Za-z]+)*$`, 'u');

export function validateMobile(mobile: string): Check {
  return MOBILE.test(mobile) ? OK : fail('MOBILE_INVALID');
}

export function validatePassword(password: string): Check {
  const n = countChars(password);
  if (n < PASSWORD_MIN_CHARS || n > PASSWORD_MAX_CHARS || CONTROL.test(password)) return fail('PASSWORD_INVALID');
  return isCommonPassword(password) ? fail('PASSWORD_TOO_COMMON') : OK;
}

/** §5.1 real name: 2–30 characters (code points), Chinese or letters, `·` between parts. */
export function validatePersonName(name: string): Check {
  const n = countChars(name);
  if (n < NAME_MIN_CHARS || n > NAME_MAX_CHARS || !NAME_CHARS.test(name)) return fail('NAME_INVALID');
  return OK;
}
