import { EnteredMemberDetailSchema, EnteredMemberPageSchema, MyClaimSchema, type EnteredMemberDetail, type EnteredMemberItem, type EnteredMemberPage, type MyClaim } from '@tj/shared';
import { http } from './http';

/**
 * 团员录入与认领 (issue 16 part 5, [004 §二(一)]): an admin enters members of a 团支部 (singly or by
 * Excel) and edits them until the person claims the record; the person claims it after a
 * real-name check proves their ID.
 */
export type { EnteredMemberDetail, EnteredMemberItem, EnteredMemberPage, MyClaim };

const org = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;

export async function fetchEntered(orgId: string, q: { q?: string; offset?: number; limit?: number } = {}): Promise<EnteredMemberPage> {
  const params = { limit: q.limit ?? 20, offset: q.offset ?? 0, ...(q.q ? { q: q.q } : {}) };
  const { data } = await http.get<unknown>(`${org(orgId)}/entered-members`, { params });
  return EnteredMemberPageSchema.parse(data);
}

export async function fetchEnteredMember(orgId: string, memberId: string): Promise<EnteredMemberDetail> {
  const { data } = await http.get<unknown>(`${org(orgId)}/entered-members/${encodeURIComponent(memberId)}`);
  return EnteredMemberDetailSchema.parse(data);
}

export async function enterMember(branchId: string, body: Record<string, unknown>): Promise<EnteredMemberDetail> {
  const { data } = await http.post<unknown>(`${org(branchId)}/entered-members`, body);
  return EnteredMemberDetailSchema.parse(data);
}

export async function updateEnteredMember(orgId: string, memberId: string, body: Record<string, unknown>): Promise<EnteredMemberDetail> {
  const { data } = await http.put<unknown>(`${org(orgId)}/entered-members/${encodeURIComponent(memberId)}`, body);
  return EnteredMemberDetailSchema.parse(data);
}

/** The Excel template and upload of a branch's 批量导入团员 (the shared excel-import component). */
export const enteredImportPaths = (branchId: string) => ({
  template: `${org(branchId)}/entered-members-import/template.xlsx`,
  upload: `${org(branchId)}/entered-members-import`,
});

export async function fetchMyClaim(): Promise<MyClaim> {
  const { data } = await http.get<unknown>('/me/member-claim');
  return MyClaimSchema.parse(data);
}

export async function requestClaimVerification(body: { name: string; idNumber: string }): Promise<MyClaim> {
  const { data } = await http.post<unknown>('/me/member-claim/verify', body);
  return MyClaimSchema.parse(data);
}

export async function confirmClaim(memberId: string): Promise<MyClaim> {
  const { data } = await http.post<unknown>(`/me/member-claim/${encodeURIComponent(memberId)}/confirm`, {});
  return MyClaimSchema.parse(data);
}

export async function declineClaim(memberId: string): Promise<MyClaim> {
  const { data } = await http.post<unknown>(`/me/member-claim/${encodeURIComponent(memberId)}/decline`, {});
  return MyClaimSchema.parse(data);
}
