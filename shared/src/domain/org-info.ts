import type { OrgType } from '../enums';

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

export type OrgInfoField = Exclude<keyof OrgInfoFields, 'type'>;

const COMMON: OrgInfoField[] = ['shortName', 'fullName', 'secretaryName', 'secretaryIdNumber', 'secretaryPhone'];
const STAFFING: OrgInfoField[] = ['adminStaffQuota', 'adminStaffActual', 'institutionStaffQuota', 'institutionStaffActual'];

/**
 * §3.3 the required fields per type, as 004 §二(一)3 (2.1) lists them:
 * "团的领导机关必填项：…组织全称、联系电话、电子邮箱、本级团组织行政编制数…" (no 行业类别);
 * "基层团委必填项：…单位所属行业类别、本级团组织行政编制数…" (no 联系电话/电子邮箱);
 * "团支部必填项：…组织全称、单位所属行业类别，书记姓名…" — 团工委 and 团总支 as a branch *(decision:
 * 004 names no list of their own)*.
 */
export function requiredOrgFields(type: OrgInfoFields['type']): OrgInfoField[] {
  if (type === 'leadingOrgan') return [...COMMON, 'contactPhone', 'email', ...STAFFING];
  if (type === 'grassrootsCommittee') return [...COMMON, 'industry', ...STAFFING];
  return [...COMMON, 'industry'];
}

/**
 * 004 §二(一)3 "各级团组织的组织简称和组织类别由上级团组织管理员创建，其他具体组织信息由本级团组织管理员填写":
 * what the superior must give when it creates an org (it may give more).
 */
export const ORG_CREATE_REQUIRED = ['type', 'shortName'] as const;

/** §3.3 fields still missing for the org's type (0 counts as present for 编制 numbers): "信息待完善". */
export function missingOrgFields(org: OrgInfoFields): OrgInfoField[] {
  return requiredOrgFields(org.type).filter((k) => !present(org[k]));
}

/** §3.3 "info complete" = all required fields present AND the secretary registered with a phone. */
export const isOrgInfoComplete = (org: OrgInfoFields, secretaryRegistered: boolean): boolean => secretaryRegistered && missingOrgFields(org).length === 0;
