import {
  DelayedMemberListSchema,
  GraduationBranchDetailSchema,
  GraduationBranchListSchema,
  GraduationDelaySchema,
  GraduationMarkSchema,
  type GraduationDelay,
  type GraduationMark,
} from '@tj/shared';
import type { z } from 'zod';
import { checkWith } from './form-check';
import { http } from './http';

/** 标记团支部毕业时间 / 毕业生团组织 / 延迟毕业 [004 §二(二)] (issue 16 part 1). */
export type GraduationBranchList = z.infer<typeof GraduationBranchListSchema>;
export type GraduationBranchDetail = z.infer<typeof GraduationBranchDetailSchema>;
export type DelayedMemberList = z.infer<typeof DelayedMemberListSchema>;

const base = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/graduation`;

export async function fetchGraduationBranches(orgId: string): Promise<GraduationBranchList> {
  const { data } = await http.get<unknown>(`${base(orgId)}/branches`);
  return GraduationBranchListSchema.parse(data);
}

export async function fetchGraduationBranch(orgId: string, branchId: string): Promise<GraduationBranchDetail> {
  const { data } = await http.get<unknown>(`${base(orgId)}/branches/${encodeURIComponent(branchId)}`);
  return GraduationBranchDetailSchema.parse(data);
}

export async function fetchDelayed(orgId: string): Promise<DelayedMemberList> {
  const { data } = await http.get<unknown>(`${base(orgId)}/delayed`);
  return DelayedMemberListSchema.parse(data);
}

/** The shared schema's verdict on a mark (the same message the server would answer). */
export const checkMark = (input: unknown) => checkWith(GraduationMarkSchema, input);
export const checkDelay = (input: unknown) => checkWith(GraduationDelaySchema, input);

export async function markGraduation(orgId: string, body: GraduationMark): Promise<void> {
  await http.post(`${base(orgId)}/marks`, body);
}

export async function correctGraduation(orgId: string, branchId: string, body: Omit<GraduationMark, 'branchIds'>): Promise<void> {
  await http.put(`${base(orgId)}/branches/${encodeURIComponent(branchId)}`, body);
}

export async function deleteGraduateOrg(orgId: string, branchId: string): Promise<void> {
  await http.delete(`${base(orgId)}/branches/${encodeURIComponent(branchId)}`);
}

export async function markDelayed(orgId: string, memberId: string, body: GraduationDelay): Promise<void> {
  await http.put(`${base(orgId)}/delayed/${encodeURIComponent(memberId)}`, body);
}

export async function revokeDelayed(orgId: string, memberId: string): Promise<void> {
  await http.delete(`${base(orgId)}/delayed/${encodeURIComponent(memberId)}`);
}
