import type { ErrorCode } from '../errors';
import type { Gender, IdDocType } from '../enums';
import type { IsoDate } from './dates';
import { validateDocumentNumber, validateIdNumber } from './id-number';

/**
 * [004 §一(一)1] 姓名、性别与身份证号码需上报省团委，由省团委进行编辑: the three identity fields of an
 * approved check-in change only through a correction request decided by the province.
 */
export const IdentityCorrectionFields = ['name', 'gender', 'idNumber'] as const;
export type IdentityCorrectionField = (typeof IdentityCorrectionFields)[number];

export const IdentityCorrectionStatuses = { pending: '待省团委审批', approved: '已同意', rejected: '不同意' } as const;
export type IdentityCorrectionStatus = keyof typeof IdentityCorrectionStatuses;

export interface IdentityValues {
  name: string;
  gender: Gender;
  idNumber: string;
}

export type IdentityCorrectionResult =
  { ok: true; corrected: IdentityValues & { birthDate?: IsoDate }; changed: IdentityCorrectionField[] } | { ok: false; code: ErrorCode; field: IdentityCorrectionField };

/**
 * Checks a requested correction against the data in force. The number is checked as the
 * member's document type; for a mainland ID the gender must be the one the number encodes
 * (GB 11643: the 17th digit), and the birth date follows the number. Nothing changed is refused.
 */
export function checkIdentityCorrection(idType: IdDocType, current: IdentityValues, requested: IdentityValues, today?: IsoDate): IdentityCorrectionResult {
  const name = requested.name.trim();
  const typed = requested.idNumber.trim().toUpperCase();
  const doc = validateDocumentNumber(idType, typed, today);
  if (!doc.ok) return { ok: false, code: doc.code, field: 'idNumber' };
  let birthDate: IsoDate | undefined;
  if (idType === 'residentId') {
    const r = validateIdNumber(typed, today);
    /* istanbul ignore next -- validateDocumentNumber above already refused an invalid number */
    if (!r.ok) return { ok: false, code: r.code, field: 'idNumber' };
    if (r.gender !== requested.gender) return { ok: false, code: 'IDENTITY_CORRECTION_GENDER_MISMATCH', field: 'gender' };
    birthDate = r.birthDate;
  }
  const corrected = { name, gender: requested.gender, idNumber: typed };
  const changed = IdentityCorrectionFields.filter((f) => (f === 'idNumber' ? corrected.idNumber !== current.idNumber.trim().toUpperCase() : corrected[f] !== current[f]));
  if (changed.length === 0) return { ok: false, code: 'IDENTITY_CORRECTION_UNCHANGED', field: 'name' };
  return { ok: true, corrected: birthDate ? { ...corrected, birthDate } : corrected, changed };
}
