import type { ErrorCode } from '../errors';
import { Provinces, type IdDocType, type Gender } from '../enums';
import { fail, OK, type Check } from './check';
import { isValidDate, todayInChina, type IsoDate } from './dates';

export type IdNumberResult = { ok: true; normalized: string; birthDate: IsoDate; gender: Gender; provinceCode: string } | { ok: false; code: ErrorCode };

// GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * Province codes an 18-character ID may start with: GB/T 2260 (incl. 71/81/82, used by the
 * residence permits of Taiwan / Hong Kong / Macao residents) plus 83, the Taiwan residents'
 * residence-permit prefix (830000) *(decision)*.
 */
const ID_PROVINCE_CODES = new Set<string>([...Object.keys(Provinces), '83']);

/** The check character of the first 17 digits. */
export const idCheckChar = (first17: string): string => {
  const sum = WEIGHTS.reduce((s, w, i) => s + Number(first17.charAt(i)) * w, 0);
  return CHECK_CHARS.charAt(sum % 11);
};

/**
 * §5.1 mainland ID (居民身份证). Surrounding blanks are ignored and a lowercase `x` is
 * accepted; `normalized` is the value to store. Checks, first failure wins: length,
 * format, province, birth date (real, not after `today`), check character.
 */
export function validateIdNumber(id: string, today: IsoDate = todayInChina()): IdNumberResult {
  const normalized = id.trim().toUpperCase();
  if (normalized.length !== 18) return fail('ID_NUMBER_LENGTH');
  if (!/^\d{17}[\dX]$/.test(normalized)) return fail('ID_NUMBER_FORMAT');
  const provinceCode = normalized.slice(0, 2);
  if (!ID_PROVINCE_CODES.has(provinceCode)) return fail('ID_NUMBER_PROVINCE');
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!isValidDate(birthDate) || birthDate < '1900-01-01') return fail('ID_NUMBER_BIRTH_DATE_INVALID');
  if (birthDate > today) return fail('ID_NUMBER_BIRTH_DATE_FUTURE');
  if (idCheckChar(normalized) !== normalized[17]) return fail('ID_NUMBER_CHECKSUM');
  // The 17th digit (sequence code) is odd for men [GB 11643].
  const gender: Gender = Number(normalized[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, normalized, birthDate, gender, provinceCode };
}

// Other documents (§4.3) have no public checksum; only their shape is checked *(decision)*.
const DOC_PATTERNS: Record<Exclude<IdDocType, 'residentId'>, [RegExp, ErrorCode]> = {
  hkMacaoPermit: [/^[HM]\d{8}(\d{2})?$/, 'HK_MACAO_PERMIT_INVALID'],
  taiwanPermit: [/^\d{8}(\d{2})?$/, 'TAIWAN_PERMIT_INVALID'],
  passport: [/^[A-Z0-9]{5,20}$/, 'PASSPORT_INVALID'],
};

/** The number of any accepted document type; letters are compared uppercase. */
export function validateDocumentNumber(docType: IdDocType, value: string, today?: IsoDate): Check {
  if (docType === 'residentId') {
    const r = validateIdNumber(value, today);
    return r.ok ? OK : r;
  }
  const [pattern, code] = DOC_PATTERNS[docType];
  return pattern.test(value.trim().toUpperCase()) ? OK : fail(code);
}
