import { z } from 'zod';
import {
  OrgLifeBranchMonthSchema,
  OrgLifeDetailSchema,
  OrgLifeOverviewSchema,
  OrgLifeParticipationSchema,
  type CreateOrgLife,
  type OrgLifeBranchMonth,
  type OrgLifeDetail,
  type OrgLifeOverview,
  type OrgLifeParticipation,
  type UpdateOrgLife,
} from '@tj/shared';
import { api } from './api';

/** 组织生活 (issue 17 part 2): 三会 / 团课 / 团日活动 — every call names the org it is about. */
const base = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/org-life`;
const record = (orgId: string, recordId: string) => `${base(orgId)}/records/${encodeURIComponent(recordId)}`;

const MembersSchema = z.object({ items: z.array(z.object({ memberId: z.string(), name: z.string() })) });
export type PickableMember = z.infer<typeof MembersSchema>['items'][number];

export const fetchPickableMembers = async (orgId: string): Promise<PickableMember[]> => (await api.get(`${base(orgId)}/members`, MembersSchema)).items;
export const fetchBranchMonth = (orgId: string, month?: string): Promise<OrgLifeBranchMonth> => api.get(base(orgId), OrgLifeBranchMonthSchema, month ? { month } : undefined);
export const fetchOrgLifeRecord = (orgId: string, recordId: string): Promise<OrgLifeDetail> => api.get(record(orgId, recordId), OrgLifeDetailSchema);
export const fetchOverview = (orgId: string, from: string, to: string): Promise<OrgLifeOverview> => api.get(`${base(orgId)}/overview`, OrgLifeOverviewSchema, { from, to });
export const fetchParticipation = (orgId: string, from: string, to: string): Promise<OrgLifeParticipation> =>
  api.get(`${base(orgId)}/participation`, OrgLifeParticipationSchema, { from, to });

/**
 * 004 "若因网络卡顿问题重复录入": the form generates `requestId` once, and every retry of the
 * same submit sends it again — the server answers with the record it already has.
 */
export const createOrgLifeRecord = (orgId: string, body: CreateOrgLife): Promise<OrgLifeDetail> => api.post(`${base(orgId)}/records`, body, OrgLifeDetailSchema);
export const updateOrgLifeRecord = (orgId: string, recordId: string, body: UpdateOrgLife): Promise<OrgLifeDetail> => api.put(record(orgId, recordId), body, OrgLifeDetailSchema);

/** A request id for one form: random, URL-safe, 8–64 characters as the schema wants. */
export function newRequestId(): string {
  const rand = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `ol-${Date.now().toString(36)}-${rand()}${rand()}`;
}
