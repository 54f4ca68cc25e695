import type { OrgType } from '../enums';
import { needsStaffingFields } from './org-type';

/** The stored fields §3.3 asks for; anything may be missing on an org created by import. */
export interface OrgInfoFields {
  type: OrgType;
  shortName?: string | null;
  fullName?: string | null;
  industry?: string | null;
  secretaryName?: string | null;
  secretaryIdNumber?: string | null;
  secretaryPhone?: string | null;
  contactPhone?: string | null;
  email?: string | null;
  adminStaffQuota?: number | null;
  adminStaffActual?: number | null;
  institutionStaffQuota?: number | null;
  institutionStaffActual?: number | null;
}

const present = (v: unknown) => (typeof v === 'string' ? v.trim() !== '' : typeof v === 'number' && v >= 0);

/** §3.3 fields still missing for the org's type (0 counts as present for 编制 numbers). */
export function missingOrgFields(org: OrgInfoFields): (keyof OrgInfoFields)[] {
  const required: (keyof OrgInfoFields)[] = ['shortName', 'fullName', 'industry', 'secretaryName', 'secretaryIdNumber', 'secretaryPhone'];
  if (needsStaffingFields(org.type)) {
    required.push('contactPhone', 'email', 'adminStaffQuota', 'adminStaffActual', 'institutionStaffQuota', 'institutionStaffActual');
  }
  return required.filter((k) => !present(org[k]));
}

/** §3.3 "info complete" = all required fields present AND the secretary registered with a phone. */
export const isOrgInfoComplete = (org: OrgInfoFields, secretaryRegistered: boolean): boolean =>
  secretaryRegistered && missingOrgFields(org).length === 0;
