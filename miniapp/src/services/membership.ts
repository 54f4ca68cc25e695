import { FormerMemberListSchema, MembershipDecisionSchema, MembershipExitRequestSchema, MembershipRequestListSchema, type MembershipDecision, type MembershipExitRequest } from '@tj/shared';
import type { z } from 'zod';
import { checkWith } from './form-check';
import { http } from './http';

/** 团籍状态 (issue 16 part 3): exit requests, the superior's decision, former members. */
export type MembershipRequestList = z.infer<typeof MembershipRequestListSchema>;
export type FormerMemberList = z.infer<typeof FormerMemberListSchema>;

const base = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/membership`;

export async function fetchMembershipRequests(orgId: string): Promise<MembershipRequestList> {
  const { data } = await http.get<unknown>(`${base(orgId)}/requests`);
  return MembershipRequestListSchema.parse(data);
}

export async function fetchFormerMembers(orgId: string): Promise<FormerMemberList> {
  const { data } = await http.get<unknown>(`${base(orgId)}/former`);
  return FormerMemberListSchema.parse(data);
}

export const checkExitRequest = (input: unknown) => checkWith(MembershipExitRequestSchema, input);
export const checkDecision = (input: unknown) => checkWith(MembershipDecisionSchema, input);

export async function requestExit(orgId: string, memberId: string, body: MembershipExitRequest): Promise<void> {
  await http.post(`${base(orgId)}/members/${encodeURIComponent(memberId)}/exit`, body);
}

export async function decideMembership(orgId: string, requestId: string, body: MembershipDecision): Promise<void> {
  await http.post(`${base(orgId)}/requests/${encodeURIComponent(requestId)}/decision`, body);
}
