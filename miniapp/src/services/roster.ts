import {
  AdminChangeRequestListSchema,
  AdminChangeRequestSchema,
  RosterItemSchema,
  SetAdminResultSchema,
  RosterListSchema,
  rosterEntrySchemaFor,
  rosterUpdateSchemaFor,
  type OrgType,
  type RosterItem,
} from '@tj/shared';
import type { z } from 'zod';
import { NO_BODY, checkWith, toOptionalText, type Checked } from './form-check';
import { api } from './api';
import { http } from './http';

const rosterPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/roster`;
const entryPath = (orgId: string, entryId: string) => `${rosterPath(orgId)}/${encodeURIComponent(entryId)}`;

export type RosterCreate = z.infer<ReturnType<typeof rosterEntrySchemaFor>>;
export type RosterUpdate = z.infer<ReturnType<typeof rosterUpdateSchemaFor>>;

export async function fetchRoster(orgId: string): Promise<RosterItem[]> {
  return (await api.get(rosterPath(orgId), RosterListSchema)).items;
}

export async function addRosterEntry(orgId: string, body: RosterCreate): Promise<RosterItem> {
  return api.post(rosterPath(orgId), body, RosterItemSchema);
}

export async function updateRosterEntry(orgId: string, entryId: string, body: RosterUpdate): Promise<RosterItem> {
  return api.patch(entryPath(orgId, entryId), body, RosterItemSchema);
}

export async function removeRosterEntry(orgId: string, entryId: string): Promise<void> {
  await http.delete(entryPath(orgId, entryId), { data: NO_BODY });
}

export type SetAdminResult = z.infer<typeof SetAdminResultSchema>;

/**
 * §3.4 at most 2 admins per org (ADMIN_LIMIT_REACHED beyond). A superior's change applies at
 * once; an admin changing its own org's admins waits for the direct superior's approval.
 */
export async function setRosterAdmin(orgId: string, entryId: string, isAdmin: boolean): Promise<SetAdminResult> {
  return api.post(`${entryPath(orgId, entryId)}/admin`, { isAdmin }, SetAdminResultSchema);
}

export type AdminChangeRequest = z.infer<typeof AdminChangeRequestSchema>;

/** Admin changes of direct subordinates waiting for this org's approval (§3.4). */
export async function fetchAdminRequests(orgId: string): Promise<AdminChangeRequest[]> {
  return (await api.get(`/orgs/${encodeURIComponent(orgId)}/admin-requests`, AdminChangeRequestListSchema)).items;
}

export async function decideAdminRequest(orgId: string, requestId: string, approve: boolean): Promise<void> {
  await http.post(`/orgs/${encodeURIComponent(orgId)}/admin-requests/${encodeURIComponent(requestId)}/decision`, { approve });
}

export const rosterImportPaths = (orgId: string) => ({
  template: `${rosterPath(orgId)}/template.xlsx`,
  upload: `${rosterPath(orgId)}/import`,
});

// ---- the roster form ---------------------------------------------------------------------

export interface RosterFormValues {
  name: string;
  idNumber: string;
  phone: string;
  position: string;
  isOperator: boolean;
  cadreNature: string;
}

export const emptyRosterFormValues = (): RosterFormValues => ({
  name: '',
  idNumber: '',
  phone: '',
  position: '',
  isOperator: false,
  cadreNature: '',
});

/** Name and ID number are fixed once entered; the list only has the masked phone (§9). */
export const rosterFormValuesFrom = (item: RosterItem): RosterFormValues => ({
  name: item.name,
  idNumber: '',
  phone: '',
  position: item.position,
  isOperator: item.isOperator,
  cadreNature: item.cadreNature ?? '',
});

/** §6.1 a new roster line, checked as the server does for an org of this type. */
export const checkRosterCreate = (values: RosterFormValues, orgType: OrgType): Checked<RosterCreate> =>
  checkWith(rosterEntrySchemaFor(orgType), {
    name: values.name.trim(),
    idNumber: values.idNumber.trim(),
    phone: values.phone.trim(),
    position: toOptionalText(values.position),
    isOperator: values.isOperator,
    cadreNature: toOptionalText(values.cadreNature) ?? null,
  });

/** §6.1 a changed roster line: the phone only when retyped, nature may be cleared. */
export const checkRosterUpdate = (values: RosterFormValues, orgType: OrgType): Checked<RosterUpdate> =>
  checkWith(rosterUpdateSchemaFor(orgType), {
    phone: toOptionalText(values.phone),
    position: toOptionalText(values.position),
    isOperator: values.isOperator,
    cadreNature: toOptionalText(values.cadreNature) ?? null,
  });
