import { ChangePasswordSchema, IssueResetCodeSchema, ResetByCodeSchema, ResetCodeIssuedSchema, ResetPasswordSchema, TokenResponseSchema, type TokenResponse } from '@tj/shared';
import type { z } from 'zod';
import { checkWith } from './form-check';
import { api } from './api';
import { http } from './http';

/**
 * Passwords outside login (§4.1, §10): 忘记密码 by SMS, by an admin-issued reset code (with an
 * optional new phone), 修改密码 in settings, and the admin side that issues reset codes. Each
 * form is checked with the same shared schema the server runs, so the texts match.
 */

export interface ResetPasswordValues {
  phone: string;
  smsCode: string;
  password: string;
  confirmPassword: string;
}

export const emptyResetPassword = (): ResetPasswordValues => ({ phone: '', smsCode: '', password: '', confirmPassword: '' });

export const checkResetPassword = (v: ResetPasswordValues) => checkWith(ResetPasswordSchema, { ...v, phone: v.phone.trim(), smsCode: v.smsCode.trim() });

/** POST /auth/password/reset — 204; every session of the account ends. */
export async function resetPasswordBySms(body: z.infer<typeof ResetPasswordSchema>): Promise<void> {
  await http.post('/auth/password/reset', body);
}

export interface ResetByCodeValues {
  phone: string;
  code: string;
  password: string;
  confirmPassword: string;
  /** Only when the old phone is lost: the new number, proven by an SMS code. */
  newPhone: string;
  smsCode: string;
}

export const emptyResetByCode = (): ResetByCodeValues => ({ phone: '', code: '', password: '', confirmPassword: '', newPhone: '', smsCode: '' });

export const checkResetByCode = (v: ResetByCodeValues, changePhone: boolean) =>
  checkWith(ResetByCodeSchema, {
    phone: v.phone.trim(),
    code: v.code.trim(),
    password: v.password,
    confirmPassword: v.confirmPassword,
    ...(changePhone ? { newPhone: v.newPhone.trim(), smsCode: v.smsCode.trim() } : {}),
  });

/** POST /auth/reset-by-code — 204; then the person logs in with the new password. */
export async function resetByCode(body: z.infer<typeof ResetByCodeSchema>): Promise<void> {
  await http.post('/auth/reset-by-code', body);
}

export interface ChangePasswordValues {
  oldPassword: string;
  password: string;
  confirmPassword: string;
}

export const emptyChangePassword = (): ChangePasswordValues => ({ oldPassword: '', password: '', confirmPassword: '' });

export const checkChangePassword = (v: ChangePasswordValues) => checkWith(ChangePasswordSchema, v);

/** POST /auth/password/change — other sessions end; this one continues with new tokens. */
export async function changePassword(body: z.infer<typeof ChangePasswordSchema>): Promise<TokenResponse> {
  return api.post('/auth/password/change', body, TokenResponseSchema);
}

export type ResetCodeIssued = z.infer<typeof ResetCodeIssuedSchema>;

export const checkIssueResetCode = (phone: string) => checkWith(IssueResetCodeSchema, { phone: phone.trim() });

/** POST /orgs/:orgId/reset-codes — a 6-digit code for a person of the org's subtree, shown once. */
export async function issueResetCode(orgId: string, phone: string): Promise<ResetCodeIssued> {
  return api.post(`/orgs/${orgId}/reset-codes`, { phone }, ResetCodeIssuedSchema);
}
