import {
  ApprovalListSchema,
  BranchWorkSchema,
  CampaignListSchema,
  CampaignProgressSchema,
  CampaignSchema,
  MyTwoSystemsSchema,
  SubmissionDetailSchema,
  type BranchWork,
  type Campaign,
  type CampaignKind,
  type CampaignProgress,
  type MemberOutcome,
  type MyTwoSystems,
  type OpenCampaign,
  type SubmissionDetail,
  type SubmissionSummary,
} from '@tj/shared';
import { http } from './http';

/** 两制 (issue 16 part 4): 年度团籍注册 / 团员教育评议 — every call names the org it is about. */
const base = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/two-systems`;
const campaign = (orgId: string, campaignId: string) => `${base(orgId)}/campaigns/${encodeURIComponent(campaignId)}`;

export async function fetchCampaigns(orgId: string, kind?: CampaignKind): Promise<Campaign[]> {
  const { data } = await http.get<unknown>(`${base(orgId)}/campaigns`, { params: kind ? { kind } : {} });
  return CampaignListSchema.parse(data).items;
}

export async function openCampaign(orgId: string, body: OpenCampaign): Promise<Campaign> {
  const { data } = await http.post<unknown>(`${base(orgId)}/campaigns`, body);
  return CampaignSchema.parse(data);
}

export async function fetchProgress(orgId: string, campaignId: string): Promise<CampaignProgress> {
  const { data } = await http.get<unknown>(`${campaign(orgId, campaignId)}/progress`);
  return CampaignProgressSchema.parse(data);
}

export async function fetchBranchWork(orgId: string, campaignId: string): Promise<BranchWork> {
  const { data } = await http.get<unknown>(`${campaign(orgId, campaignId)}/branch`);
  return BranchWorkSchema.parse(data);
}

export async function decideMember(orgId: string, campaignId: string, memberId: string, outcome: MemberOutcome, reason?: string): Promise<BranchWork> {
  const { data } = await http.put<unknown>(`${campaign(orgId, campaignId)}/members/${encodeURIComponent(memberId)}`, { outcome, reason: reason || null });
  return BranchWorkSchema.parse(data);
}

export async function decideAll(orgId: string, campaignId: string, outcome: MemberOutcome): Promise<BranchWork> {
  const { data } = await http.post<unknown>(`${campaign(orgId, campaignId)}/members/all`, { outcome });
  return BranchWorkSchema.parse(data);
}

export async function submitBranch(orgId: string, campaignId: string): Promise<BranchWork> {
  const { data } = await http.post<unknown>(`${campaign(orgId, campaignId)}/submit`, {});
  return BranchWorkSchema.parse(data);
}

export interface ApprovalFilter {
  kind?: CampaignKind;
  state?: 'submitted' | 'approved' | 'returned';
  from?: string;
  to?: string;
}

export async function fetchApprovals(orgId: string, filter: ApprovalFilter): Promise<SubmissionSummary[]> {
  const params = Object.fromEntries(Object.entries(filter).filter(([, v]) => v));
  const { data } = await http.get<unknown>(`${base(orgId)}/approvals`, { params });
  return ApprovalListSchema.parse(data).items;
}

export async function fetchSubmission(orgId: string, submissionId: string): Promise<SubmissionDetail> {
  const { data } = await http.get<unknown>(`${base(orgId)}/submissions/${encodeURIComponent(submissionId)}`);
  return SubmissionDetailSchema.parse(data);
}

export async function decideSubmission(orgId: string, submissionId: string, decision: 'approve' | 'return', reason?: string): Promise<SubmissionDetail> {
  const { data } = await http.post<unknown>(`${base(orgId)}/submissions/${encodeURIComponent(submissionId)}/decide`, { decision, reason: reason || null });
  return SubmissionDetailSchema.parse(data);
}

export async function fetchMyTwoSystems(): Promise<MyTwoSystems['items']> {
  const { data } = await http.get<unknown>('/me/two-systems');
  return MyTwoSystemsSchema.parse(data).items;
}
