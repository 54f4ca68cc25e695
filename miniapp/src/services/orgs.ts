import {
  MyOrgListSchema,
  OrgDetailSchema,
  OrgListSchema,
  OrgSummarySchema,
  OrgTypes,
  ProgressSchema,
  QrCodeSchema,
  isKeyOf,
  makeOrgCreateSchema,
  makeOrgUpdateSchema,
  needsStaffingFields,
  proposeFullName,
  type MyOrg,
  type OrgCreate,
  type OrgDetail,
  type OrgSummary,
  type OrgType,
  type OrgUpdate,
  type Progress,
  type QrKind,
} from '@tj/shared';
import { z } from 'zod';
import { NO_BODY, checkWith, toCount, toOptionalText, type Checked } from './form-check';
import { api } from './api';
import { OrgFieldLabels, type OrgField } from '../labels/org';
import { http } from './http';

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;

/** The stored type of an org as our enum (the API sends a plain string). */
export const orgTypeOf = (org: { type: string }): OrgType => (isKeyOf(OrgTypes, org.type) ? org.type : 'branch');

/** 团广东省委 › 团广州市委 › … — the path the spec asks every org listing to show (§10). */
export const orgPathText = (org: { pathNames: string[]; shortName: string }, includeSelf = false): string => [...org.pathNames, ...(includeSelf ? [org.shortName] : [])].join(' › ');

// ---- calls -------------------------------------------------------------------------------

export async function fetchMyOrgs(): Promise<MyOrg[]> {
  return (await api.get('/me/orgs', MyOrgListSchema)).items;
}

export async function fetchOrg(orgId: string): Promise<OrgDetail> {
  return api.get(orgPath(orgId), OrgDetailSchema);
}

export async function fetchChildren(orgId: string): Promise<OrgSummary[]> {
  return (await api.get(`${orgPath(orgId)}/children`, OrgListSchema)).items;
}

export async function createChild(parentId: string, body: OrgCreate): Promise<OrgSummary> {
  return api.post(`${orgPath(parentId)}/children`, body, OrgSummarySchema);
}

export async function updateOrg(orgId: string, body: OrgUpdate): Promise<OrgDetail> {
  return api.patch(orgPath(orgId), body, OrgDetailSchema);
}

export async function deleteChild(parentId: string, childId: string): Promise<void> {
  await http.delete(`${orgPath(parentId)}/children/${encodeURIComponent(childId)}`, { data: NO_BODY });
}

export async function fetchProgress(orgId: string): Promise<Progress> {
  return api.get(`${orgPath(orgId)}/progress`, ProgressSchema);
}

/** §6.2 the cadre QR code (every org) and §4.1 the check-in QR code (branches only). */
export const qrKindsFor = (type: OrgType): QrKind[] => (type === 'branch' ? ['checkin', 'cadre'] : ['cadre']);

export type OrgQr = z.infer<typeof QrCodeSchema>;

export async function fetchQr(orgId: string, kind: QrKind): Promise<OrgQr> {
  return api.get(`${orgPath(orgId)}/qr/${kind}`, QrCodeSchema);
}

export const orgImportPaths = (orgId: string) => ({
  template: `${orgPath(orgId)}/import/template.xlsx`,
  upload: `${orgPath(orgId)}/import`,
});

// ---- the org form ------------------------------------------------------------------------

/** What the form holds: text as typed (numbers too), '' for "not filled". */
export type OrgFormValues = Record<OrgField, string>;

export const STAFFING_FIELDS = ['contactPhone', 'email', 'adminStaffQuota', 'adminStaffActual', 'institutionStaffQuota', 'institutionStaffActual'] as const satisfies readonly OrgField[];
const COUNT_FIELDS = [
  'adminStaffQuota',
  'adminStaffActual',
  'institutionStaffQuota',
  'institutionStaffActual',
  'youthCount',
  'partyRecommendedCount',
  'sortOrder',
] as const satisfies readonly OrgField[];
const MUTABLE_TEXT_FIELDS = ['secretaryName', 'secretaryIdNumber', 'secretaryPhone', 'contactPhone', 'email'] as const;

/** Which sections the form shows for a type (§3.3: staffing only for 领导机关 / 基层团委). */
export const orgFormSections = (type: OrgType | '') => ({
  branchCategory: type === 'branch',
  staffing: type !== '' && needsStaffingFields(type),
});

export const emptyOrgFormValues = (): OrgFormValues => Object.fromEntries(Object.keys(OrgFieldLabels).map((k) => [k, ''])) as OrgFormValues;

/** A value the server sent masked (§9) cannot go back into a form. */
export const isMasked = (v: string | null | undefined): boolean => typeof v === 'string' && v.includes('*');

/** An org's stored values in the form; the secretary's ID number is never sent back (§9). */
export function orgFormValuesFrom(org: OrgDetail): OrgFormValues {
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    type: org.type,
    shortName: org.shortName,
    // a full name still to complete [004 §二(一)3] starts from the proposal (§3.2)
    fullName: org.missingFields.includes('fullName') && isKeyOf(OrgTypes, org.type) ? proposeFullName(org.shortName, org.type) : org.fullName,
    industry: text(org.industry),
    branchCategory: text(org.branchCategory),
    secretaryName: text(org.secretaryName),
    secretaryIdNumber: '',
    secretaryPhone: isMasked(org.secretaryPhone) ? '' : text(org.secretaryPhone),
    contactPhone: text(org.contactPhone),
    email: text(org.email),
    adminStaffQuota: text(org.adminStaffQuota),
    adminStaffActual: text(org.adminStaffActual),
    institutionStaffQuota: text(org.institutionStaffQuota),
    institutionStaffActual: text(org.institutionStaffActual),
    youthCount: text(org.youthCount),
    partyRecommendedCount: text(org.partyRecommendedCount),
    sortOrder: text(org.sortOrder),
  };
}

/** §3.3 a new sub-org, checked with the same schema the server runs (containment included). */
export function checkOrgCreate(values: OrgFormValues, parentType: OrgType): Checked<OrgCreate> {
  const type = values.type;
  const body: Record<string, unknown> = {
    type: toOptionalText(type),
    shortName: values.shortName.trim(),
    fullName: toOptionalText(values.fullName),
    industry: toOptionalText(values.industry),
    branchCategory: type === 'branch' ? toOptionalText(values.branchCategory) : undefined,
  };
  for (const f of MUTABLE_TEXT_FIELDS) body[f] = toOptionalText(values[f]);
  for (const f of COUNT_FIELDS) body[f] = toCount(values[f]);
  if (!(isKeyOf(OrgTypes, type) && needsStaffingFields(type))) {
    for (const f of STAFFING_FIELDS) delete body[f];
  }
  return checkWith(makeOrgCreateSchema(parentType), body);
}

/**
 * §3.3 editing: only the mutable fields; a cleared optional field becomes null. The ID
 * number (and a phone the server sent masked) is only sent when retyped.
 */
export function checkOrgUpdate(values: OrgFormValues, org: OrgDetail): Checked<OrgUpdate> {
  const type = orgTypeOf(org);
  const nullable = (v: string | number | undefined) => (v === undefined ? null : v);
  // a blank name is "missing" (REQUIRED), not a malformed one
  const body: Record<string, unknown> = { secretaryName: toOptionalText(values.secretaryName) ?? null };
  // 004 §二(一)3: the org's own admin completes what its superior left out — once
  if (org.missingFields.includes('fullName')) body.fullName = toOptionalText(values.fullName);
  if (org.industry === null && type !== 'leadingOrgan') body.industry = toOptionalText(values.industry);
  const id = toOptionalText(values.secretaryIdNumber);
  if (id !== undefined) body.secretaryIdNumber = id;
  const phone = values.secretaryPhone.trim();
  if (phone !== '' || !isMasked(org.secretaryPhone)) body.secretaryPhone = phone;
  if (type === 'branch') body.branchCategory = nullable(toOptionalText(values.branchCategory));
  for (const f of ['youthCount', 'partyRecommendedCount', 'sortOrder'] as const) body[f] = nullable(toCount(values[f]));
  if (needsStaffingFields(type)) {
    body.contactPhone = nullable(toOptionalText(values.contactPhone));
    body.email = nullable(toOptionalText(values.email));
    for (const f of ['adminStaffQuota', 'adminStaffActual', 'institutionStaffQuota', 'institutionStaffActual'] as const) {
      body[f] = nullable(toCount(values[f]));
    }
  }
  return checkWith(makeOrgUpdateSchema(type), body);
}
