import {
  CadreDashboardSchema,
  CadreEntryResultSchema,
  CadreListSchema,
  CadreOrgSchema,
  InvitationPreviewSchema,
  MemberDetailSchema,
  MemberListSchema,
  type MemberDetail,
  SetAliasSchema,
  type CadreDashboard,
  type CadreEntryResult,
  type CadreOrg,
} from '@tj/shared';
import type { z } from 'zod';
import { api } from './api';
import { http } from './http';

/** §6 cadre onboarding and the cadre's queries; every per-org call names the org in its path. */

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;

export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;
export type MemberListItem = z.infer<typeof MemberListSchema>['items'][number];
export type CadreListItem = z.infer<typeof CadreListSchema>['items'][number];
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Public: what an invitation link is for, shown before login. */
export async function fetchInvitationPreview(token: string): Promise<InvitationPreview> {
  return api.get('/cadre/invitations/preview', InvitationPreviewSchema, { token });
}

/**
 * §6.2 the logged-in person's orgs and what is left to do in each (the chooser's source:
 * /me/orgs holds only orgs whose position is already set), plus the roster lines naming them
 * that wait for their confirmation — the server binds nothing here (issue 12). Refused:
 * NOT_IN_ROSTER.
 */
export async function enterAsCadre(body: { token?: string; scene?: string } = {}): Promise<CadreEntryResult> {
  return api.post('/cadre/entry', body, CadreEntryResultSchema);
}

/** Issue 12: "您被录入为 X 的 Y" — yes, that is me: the line is bound to my account. */
export async function confirmRosterLine(entryId: string): Promise<CadreOrg> {
  return api.post(`/cadre/entries/${encodeURIComponent(entryId)}/confirm`, {}, CadreOrgSchema);
}

/** Issue 12: 不是我 — the line is not offered again; the org's admin sees it declined. */
export async function declineRosterLine(entryId: string): Promise<void> {
  await http.post(`/cadre/entries/${encodeURIComponent(entryId)}/decline`, {});
}

/** §6.3 the cadre's position in an org (first entry). */
export async function setMyPosition(orgId: string, position: string): Promise<CadreOrg> {
  return api.post(`/cadre/orgs/${encodeURIComponent(orgId)}/position`, { position }, CadreOrgSchema);
}

/** §6.4 the first operator names the org; ALIAS_ALREADY_SET when another operator won. */
export async function setFirstAlias(orgId: string, alias: string): Promise<string> {
  return (await api.put(`${orgPath(orgId)}/alias`, { alias }, SetAliasSchema)).alias;
}

export async function fetchDashboard(orgId: string): Promise<CadreDashboard> {
  return api.get(`${orgPath(orgId)}/dashboard`, CadreDashboardSchema);
}

export const PAGE_SIZE = 20;

/** 团员查询: by name, phone or full ID number in the subtree (IDs and phones come masked). */
export async function searchMembers(orgId: string, q: string, cursor?: string | null, filters: Record<string, string> = {}): Promise<Page<MemberListItem>> {
  const params: Record<string, string | number> = { limit: PAGE_SIZE, ...filters };
  if (q.trim()) params.q = q.trim();
  if (cursor) params.cursor = cursor;
  return api.get(`${orgPath(orgId)}/members`, MemberListSchema, params);
}

/** 团干部查询: the cadres of the subtree with their positions. */
export async function fetchCadres(orgId: string, cursor?: string | null): Promise<Page<CadreListItem>> {
  const params: Record<string, string | number> = { limit: PAGE_SIZE };
  if (cursor) params.cursor = cursor;
  return api.get(`${orgPath(orgId)}/cadres`, CadreListSchema, params);
}

/** §6.6 one member opened from the list (masked, §9). */
export async function fetchMemberDetail(orgId: string, checkinId: string): Promise<MemberDetail> {
  const { data } = await http.get<unknown>(`${orgPath(orgId)}/members/${checkinId}`);
  return MemberDetailSchema.parse(data);
}

/** 004 FAQ: an admin of the branch or its direct superior corrects the 发展团员编号 directly. */
export async function correctDevNumber(orgId: string, checkinId: string, developmentNumber: string): Promise<string | null> {
  const { data } = await http.put<{ developmentNumber: string | null }>(`${orgPath(orgId)}/members/${checkinId}/development-number`, { developmentNumber });
  return data.developmentNumber;
}
