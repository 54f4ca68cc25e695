import { idCheckChar } from '@tj/shared';
import { baseUrl } from './browser';

/**
 * HTTP helpers for E2E setup against the real server: log in, and make an approved member
 * of a branch the way a person would (register with the simulator's SMS code, fill the four
 * check-in steps, submit, the branch operator approves once real-name verification passed).
 */
export async function api<T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${baseUrl()}/api${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const tokenOf = async (who: { phone: string; password: string }) => (await api<{ accessToken: string }>('/auth/login', { method: 'POST', body: who })).accessToken;

/** Whether the org still has no alias (its operators are then asked for one first, §6.4). */
export const lacksAlias = async (orgId: string, token: string) => (await api<{ alias: string | null }>(`/orgs/${orgId}`, { token })).alias == null;

/** The id of an org found by its exact short name (public org search). */
export async function orgIdByName(shortName: string): Promise<string> {
  const { items } = await api<{ items: { id: string; shortName: string }[] }>(`/orgs/search?q=${encodeURIComponent(shortName)}`);
  const org = items.find((o) => o.shortName === shortName);
  if (!org) throw new Error(`org not found: ${shortName}`);
  return org.id;
}

let seq = Number(String(Date.now()).slice(-3));

/** A valid ID for someone born 2000-01-01 (joined at 14 in 2014: no development number needed). */
export function newIdNumber(): string {
  seq = (seq + 7) % 1000;
  const first17 = `440106${'20000101'}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** A member registered and submitted through the API (approved, for `ApprovedMember`). */
export interface SubmittedMember {
  phone: string;
  password: string;
  name: string;
  idNumber: string;
  token: string;
  /** when the registration SMS went out (the same phone may get another one E2E_SMS_RESEND_WAIT_MS later) */
  smsAt: number;
}

export type ApprovedMember = SubmittedMember;

/** A member who registered and submitted a check-in (not yet approved), through the API. */
export async function submittedMember(branchId: string, name: string, phone: string): Promise<SubmittedMember> {
  const password = 'abc12345';
  const idNumber = newIdNumber();
  await api('/auth/sms', { method: 'POST', body: { phone, purpose: 'register' } });
  const smsAt = Date.now();
  const { code } = await api<{ code: string }>(`/test/sms/${phone}`);
  const { accessToken: token } = await api<{ accessToken: string }>('/auth/register', {
    method: 'POST',
    body: { phone, password, confirmPassword: password, smsCode: code, regionCode: '440106', agreed: true },
  });
  const put = (step: string, body: unknown) => api(`/me/checkin/steps/${step}`, { method: 'PUT', token, body });
  await put('identity', { name, idType: 'residentId', idNumber, joinedAt: '2014-05', branchId });
  await put('league', { income: 'studentNoIncome', holdsPosition: false, developmentNumber: null, joinUnit: '广州市第一中学' });
  await put('contact', {
    phone,
    ethnicity: '01',
    politicalStatus: 'leagueMember',
    fullTimeEducation: 'bachelorStudying',
    highestEducation: 'bachelorStudying',
    isVolunteer: false,
    guardianContact: null,
    householdRegistration: '广东省广州市',
  });
  await put('optional', { occupation: 'universityStudent', workUnit: '中山大学', email: '', qq: '' });
  await api('/me/checkin/submit', { method: 'POST', token, body: {} });
  return { phone, password, name, idNumber, token, smsAt };
}

export async function approvedMember(branchId: string, name: string, phone: string, operator: { phone: string; password: string }): Promise<ApprovedMember> {
  const member = await submittedMember(branchId, name, phone);
  const { idNumber } = member;
  const opToken = await tokenOf(operator);
  for (let i = 0; i < 60; i++) {
    const queue = await api<{ items: { id: string; idNumberMasked: string; name: string; realNameStatus: string | null }[] }>(`/orgs/${branchId}/checkins?limit=100`, { token: opToken });
    const mine = queue.items.find((it) => it.name === name && it.idNumberMasked.endsWith(idNumber.slice(-4)));
    if (mine && mine.realNameStatus === 'passed') {
      await api(`/orgs/${branchId}/checkins/${mine.id}/review`, { method: 'POST', token: opToken, body: { action: 'approve' } });
      return member;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`check-in of ${name} was never ready for approval`);
}
