import {
  AdminCodeIssuedSchema,
  AdminCodeListSchema,
  AdminCodeSchema,
  AdminCodeTargetSchema,
  SendSmsSchema,
  TokenResponseSchema,
  makeAdminRegisterSchema,
  type AdminCodeIssued,
  type AdminCodeTarget,
  type AdminRegister,
  type TokenResponse,
} from '@tj/shared';
import { z } from 'zod';
import { NO_BODY, checkWith, type Checked } from './form-check';
import { api } from './api';
import { http } from './http';

/**
 * §3.4 a fresh 8-character code for a direct subordinate (valid 20 days, single use); the
 * subordinate's earlier unused code stops working at once.
 */
export async function issueAdminCode(orgId: string, childId: string): Promise<AdminCodeIssued> {
  return api.post(`/orgs/${encodeURIComponent(orgId)}/children/${encodeURIComponent(childId)}/admin-code`, NO_BODY, AdminCodeIssuedSchema);
}

/** The codes in force of the direct subordinates (issue 13 item 2: still shown after coming back). */
export async function fetchAdminCodes(orgId: string): Promise<AdminCodeIssued[]> {
  return (await api.get(`/orgs/${encodeURIComponent(orgId)}/admin-codes`, AdminCodeListSchema)).items;
}

/**
 * Prepares the export (a POST, the only state change): issues codes for subordinates with
 * none in force and keeps every code already handed out. Answers the codes in force.
 */
export async function prepareAdminCodesExport(orgId: string): Promise<AdminCodeIssued[]> {
  return (await api.post(`/orgs/${encodeURIComponent(orgId)}/admin-codes/export`, NO_BODY, AdminCodeListSchema)).items;
}

/** The sheet of the codes in force: a plain GET that changes nothing (weapp downloadFile is GET-only). */
export const adminCodesExportPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/admin-codes.xlsx`;

/** Checks the code's shape like the server, then asks which org it belongs to (no login). */
export function checkAdminCode(code: string): Checked<{ code: string }> {
  return checkWith(z.object({ code: AdminCodeSchema }), { code });
}

export async function lookupAdminCode(code: string): Promise<AdminCodeTarget> {
  return api.post('/admin-codes/lookup', { code: code.trim() }, AdminCodeTargetSchema);
}

/** The SMS code for admin registration (§3.4); the phone is checked first, as the server does. */
export function checkSmsPhone(phone: string): Checked<{ phone: string }> {
  return checkWith(SendSmsSchema, { phone, purpose: 'adminRegister' });
}

export async function sendAdminRegisterSms(phone: string): Promise<void> {
  await http.post('/auth/sms', { phone: phone.trim(), purpose: 'adminRegister' });
}

/** What the form holds: every field as typed ('' = not filled). */
export type AdminRegisterValues = Record<Exclude<keyof AdminRegister, 'orgId'>, string>;

export const emptyAdminRegisterValues = (): AdminRegisterValues => ({
  position: '',
  code: '',
  name: '',
  idNumber: '',
  phone: '',
  smsCode: '',
  password: '',
  confirmPassword: '',
  joinedAt: '',
});

/** §3.4 + §5.3 the whole registration (join-age rule included), as the server checks it. */
export const checkAdminRegister = (orgId: string, values: AdminRegisterValues): Checked<AdminRegister> =>
  checkWith(makeAdminRegisterSchema(), {
    ...values,
    orgId,
    position: values.position === '' ? undefined : values.position,
    joinedAt: values.joinedAt === '' ? undefined : values.joinedAt,
  });

/** Registers and logs in: the answer is a session like /auth/login's. */
export async function registerAdmin(body: AdminRegister): Promise<TokenResponse> {
  return api.post('/auth/admin-register', body, TokenResponseSchema);
}
