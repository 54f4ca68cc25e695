import {
  AppealDecisionSchema,
  BatchTransferResultSchema,
  BatchTransferSchema,
  ErrorMessages,
  MyCurrentTransferSchema,
  MyTransferListSchema,
  OrgAppealListSchema,
  OrgTransferDetailSchema,
  OrgTransferInSchema,
  OrgTransferListSchema,
  OrgTransferOutSchema,
  OverdueListSchema,
  TRANSFER_REMARKS_MAX_CHARS,
  TransferAppealSchema,
  TransferApplicationSchema,
  TransferContactsSchema,
  TransferCreatedSchema,
  TransferDetailSchema,
  TransferLookupResultSchema,
  TransferRemarksSchema,
  TransferReviewSchema,
  TransferWithdrawSchema,
  TransferableMemberListSchema,
  TransfersCreatedSchema,
  countChars,
  issueCode,
  type TransferContacts,
  type TransferDetail,
  type TransferOrg,
  type TransferStep,
  type TransferSummary,
  type OrgDetail,
  type OrgSummary,
} from '@tj/shared';
import { z } from 'zod';
import { checkWith, type Checked, type FieldErrors } from './form-check';
import { api } from './api';
import { http } from './http';
import { fetchChildren } from './orgs';

/**
 * §7 组织关系转接: the member's application, progress, contacts, withdraw and appeal; the
 * org's inbox, review (同意 / 退回 / 分配团支部), 办理转入, 办理转出, batch, overdue list.
 * Requests are checked with the shared schemas before they are sent (§9 bad input).
 */

export type { TransferContacts, TransferDetail, TransferOrg, TransferStep, TransferSummary };
export type OrgTransferItem = z.infer<typeof OrgTransferListSchema>['items'][number];
export type OrgTransferDetail = z.infer<typeof OrgTransferDetailSchema>;
export type OverdueItem = z.infer<typeof OverdueListSchema>['items'][number];
export type TransferLookupResult = z.infer<typeof TransferLookupResultSchema>;
export type TransferableMember = z.infer<typeof TransferableMemberListSchema>['items'][number];
export type OrgAppealItem = z.infer<typeof OrgAppealListSchema>['items'][number];
export type TransferBox = 'waiting' | 'in' | 'out' | 'all';

const enc = encodeURIComponent;
const orgBase = (orgId: string) => `/orgs/${enc(orgId)}/transfers`;

// ---- checks (the shared schemas, so the form shows what the server would answer) -------

/** 备注: characters as the server counts them, and the message once over the limit. */
export function remarksState(remarks: string): { count: number; max: number; error?: string } {
  const count = countChars(remarks);
  if (count <= TRANSFER_REMARKS_MAX_CHARS) return { count, max: TRANSFER_REMARKS_MAX_CHARS };
  const r = TransferRemarksSchema.safeParse(remarks);
  return { count, max: TRANSFER_REMARKS_MAX_CHARS, error: r.success ? undefined : ErrorMessages[issueCode(r.error.issues[0]?.message)] };
}

/** The application without its SMS code: 下一步 checks everything but the code. */
export function checkApplicationDraft(input: Record<string, unknown>): FieldErrors {
  const checked = checkWith(TransferApplicationSchema, { ...input, smsCode: '000000' });
  return checked.ok ? {} : checked.errors;
}

export const checkApplication = (input: Record<string, unknown>) => checkWith(TransferApplicationSchema, input);
export const checkReview = (input: unknown) => checkWith(TransferReviewSchema, input);
export const checkWithdraw = (reason: string) => checkWith(TransferWithdrawSchema, { reason });
export const checkAppeal = (input: unknown) => checkWith(TransferAppealSchema, input);
export const checkTransferIn = (input: unknown) => checkWith(OrgTransferInSchema, input);
export const checkTransferOut = (input: unknown) => checkWith(OrgTransferOutSchema, input);
export const checkBatch = (input: unknown) => checkWith(BatchTransferSchema, input);
export const checkAppealDecision = (input: unknown): Checked<z.infer<typeof AppealDecisionSchema>> => checkWith(AppealDecisionSchema, input);

// ---- member ---------------------------------------------------------------------------

// A TransferDetail, which some builds wrap as { transfer }.
const TransferReplySchema = z.union([TransferCreatedSchema.transform((wrapped) => wrapped.transfer), TransferDetailSchema]);

export async function applyTransfer(body: unknown): Promise<TransferDetail> {
  return api.post('/me/transfers', body, TransferReplySchema);
}

export async function fetchMyTransfers(): Promise<TransferDetail[]> {
  return (await api.get('/me/transfers', MyTransferListSchema)).items;
}

export async function fetchCurrentTransfer(): Promise<TransferDetail | null> {
  return (await api.get('/me/transfers/current', MyCurrentTransferSchema)).transfer;
}

export async function fetchTransferContacts(id: string): Promise<TransferContacts> {
  return api.get(`/me/transfers/${enc(id)}/contacts`, TransferContactsSchema);
}

export async function withdrawTransfer(id: string, reason: string): Promise<TransferDetail> {
  return api.post(`/me/transfers/${enc(id)}/withdraw`, { reason: reason.trim() }, TransferReplySchema);
}

export async function appealTransfer(id: string, body: unknown): Promise<TransferDetail> {
  return api.post(`/me/transfers/${enc(id)}/appeal`, body, TransferReplySchema);
}

// ---- org ------------------------------------------------------------------------------

export async function fetchOrgTransfers(orgId: string, box: TransferBox, cursor?: string | null, limit = 20) {
  return api.get(orgBase(orgId), OrgTransferListSchema, { box, limit, ...(cursor ? { cursor } : {}) });
}

export async function fetchOrgTransfer(orgId: string, transferId: string): Promise<OrgTransferDetail> {
  return api.get(`${orgBase(orgId)}/${enc(transferId)}`, OrgTransferDetailSchema);
}

/** [004 §二(三)3 (2.2)(i)] 发起方可随时撤销: the initiating org takes its transfer back. */
export async function withdrawAsInitiator(orgId: string, transferId: string, reason: string): Promise<void> {
  await http.post(`${orgBase(orgId)}/${enc(transferId)}/withdraw`, { reason: reason.trim() });
}

export async function reviewTransfer(orgId: string, transferId: string, body: unknown): Promise<void> {
  await http.post(`${orgBase(orgId)}/${enc(transferId)}/review`, body);
}

export async function fetchOverdue(orgId: string, minDays = 7): Promise<OverdueItem[]> {
  return (await api.get(`${orgBase(orgId)}/overdue`, OverdueListSchema, { minDays })).items;
}

export async function fetchTransferableMembers(orgId: string, branchId: string): Promise<TransferableMember[]> {
  return (await api.get(`${orgBase(orgId)}/members`, TransferableMemberListSchema, { branchId })).items;
}

export async function lookupMember(orgId: string, name: string, idNumber: string): Promise<TransferLookupResult> {
  return api.post(`${orgBase(orgId)}/lookup`, { name: name.trim(), idNumber: idNumber.trim().toUpperCase() }, TransferLookupResultSchema);
}

export async function transferIn(orgId: string, body: unknown): Promise<TransferDetail> {
  return api.post(`${orgBase(orgId)}/in`, body, TransferReplySchema);
}

export async function transferOut(orgId: string, body: unknown): Promise<TransferDetail[]> {
  return (await api.post(`${orgBase(orgId)}/out`, body, TransfersCreatedSchema)).items;
}

export async function batchTransfer(orgId: string, body: unknown) {
  return api.post(`${orgBase(orgId)}/batch`, body, BatchTransferResultSchema);
}

export async function fetchAppeals(orgId: string): Promise<OrgAppealItem[]> {
  return (await api.get(`/orgs/${enc(orgId)}/transfer-appeals`, OrgAppealListSchema)).items;
}

export async function decideAppeal(orgId: string, appealId: string, body: unknown): Promise<void> {
  await http.post(`/orgs/${enc(orgId)}/transfer-appeals/${enc(appealId)}/decide`, body);
}

// ---- display --------------------------------------------------------------------------

const DAY_MS = 24 * 3600 * 1000;

/** 剩余3天5小时 / 已逾期2天 — the 10-day deadline of a step (§7.4). */
export function deadlineText(deadline: string | null | undefined, now = Date.now()): string {
  if (!deadline) return '';
  const left = new Date(deadline).getTime() - now;
  if (Number.isNaN(left)) return '';
  const abs = Math.abs(left);
  const days = Math.floor(abs / DAY_MS);
  const hours = Math.floor((abs % DAY_MS) / 3600_000);
  const span = days > 0 ? `${days}天${hours}小时` : `${Math.max(1, hours)}小时`;
  return left >= 0 ? `剩余${span}` : `已逾期${span}`;
}

/** Where the transfer goes, in the words the member chose. */
export function destinationText(t: Pick<TransferSummary, 'direction' | 'toOrg' | 'toBranch' | 'destinationRegionLabel' | 'destinationOrgName'>): string {
  if (t.direction === 'outOfProvince') return [t.destinationRegionLabel, t.destinationOrgName].filter(Boolean).join(' · ');
  return (t.toBranch ?? t.toOrg)?.name ?? t.destinationOrgName ?? '';
}

/** The phone to call about an org: its contact phone, else its secretary's. */
export const orgPhone = (org: TransferOrg | null | undefined): string => org?.contactPhone || org?.secretaryPhone || '';

/** Types whose approval as the in-org includes 分配团支部 (§7.2). */
export const assignsBranch = (type: string) => type === 'grassrootsCommittee' || type === 'workingCommittee' || type === 'generalBranch';

/**
 * The branches of an org's subtree (itself if it is one), for 分配团支部, 办理转出 and
 * batch pickers: walked level by level with GET /orgs/:id/children, bounded.
 */
export async function branchesUnder(orgId: string, self?: OrgSummary | OrgDetail, max = 300): Promise<OrgSummary[]> {
  if (self?.type === 'branch') return [self];
  const out: OrgSummary[] = [];
  let level = [orgId];
  let seen = 0;
  while (level.length && seen < max) {
    const children = (await Promise.all(level.map((id) => fetchChildren(id)))).flat();
    seen += children.length;
    out.push(...children.filter((c) => c.type === 'branch'));
    level = children.filter((c) => c.type !== 'branch' && c.childCount > 0).map((c) => c.id);
  }
  return out;
}
