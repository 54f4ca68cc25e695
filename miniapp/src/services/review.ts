import {
  BatchApproveResultSchema,
  CheckinReviewSchema,
  OfflineVerifySchema,
  ReviewDetailSchema,
  ReviewQueueSchema,
  checkRealNameAllowsApproval,
  chinaDateTime,
  isKeyOf,
  RealNameStatuses,
  ErrorMessages,
  type Attachment,
  type ReviewItem,
} from '@tj/shared';
import type { z } from 'zod';
import { checkWith, type Checked } from './form-check';
import { api } from './api';
import { http } from './http';

/**
 * §4.2 资料审核 by an org's operators: the queue, one check-in in full, approve / return /
 * offline verification, and batch approval. Every call names the org in its path; the
 * server checks the caller's role there (§2).
 */

export type { ReviewItem };
export type ReviewQueue = z.infer<typeof ReviewQueueSchema>;
export type ReviewDetail = z.infer<typeof ReviewDetailSchema>;
export type BatchApproveResult = z.infer<typeof BatchApproveResultSchema>;

const base = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/checkins`;

const realNameOf = (s: string | null) => (s && isKeyOf(RealNameStatuses, s) ? s : null);

/**
 * Whether 审核通过 is possible now, and if not the shared message that says why
 * (REAL_NAME_IN_PROGRESS while verification runs, REAL_NAME_FAILED → offline check).
 */
export function approvalBlock(item: Pick<ReviewItem, 'realNameStatus'>): string | null {
  const r = checkRealNameAllowsApproval(realNameOf(item.realNameStatus));
  return r.ok ? null : ErrorMessages[r.code];
}

/** 线下核验 is offered only when real-name verification failed [001 annex 1 §3]. */
export const canVerifyOffline = (item: Pick<ReviewItem, 'realNameStatus'>) => item.realNameStatus === 'failed';

/** Only entries whose real-name check passed can be approved in a batch. */
export const canBatchApprove = (item: Pick<ReviewItem, 'realNameStatus'>) => approvalBlock(item) === null;

export async function fetchReviewQueue(orgId: string, cursor?: string | null, limit = 20, filters: Record<string, string> = {}): Promise<ReviewQueue> {
  return api.get(base(orgId), ReviewQueueSchema, { limit, ...filters, ...(cursor ? { cursor } : {}) });
}

export async function fetchReviewDetail(orgId: string, checkinId: string): Promise<ReviewDetail> {
  return api.get(`${base(orgId)}/${encodeURIComponent(checkinId)}`, ReviewDetailSchema);
}

/** Approves; answers the check-in as it now stands (the page shows its new status at once). */
export async function approveCheckin(orgId: string, checkinId: string): Promise<ReviewDetail> {
  return api.post(`${base(orgId)}/${encodeURIComponent(checkinId)}/review`, { action: 'approve' }, ReviewDetailSchema);
}

/** 退回 needs a reason: checked with the shared schema before the call. */
export const checkReturn = (reason: string): Checked<{ action: 'return'; reason: string }> =>
  checkWith(CheckinReviewSchema, { action: 'return', reason }) as Checked<{ action: 'return'; reason: string }>;

export async function returnCheckin(orgId: string, checkinId: string, reason: string): Promise<ReviewDetail> {
  return api.post(`${base(orgId)}/${encodeURIComponent(checkinId)}/review`, { action: 'return', reason: reason.trim() }, ReviewDetailSchema);
}

export const checkOfflineVerify = (note: string, photo: Attachment | null) => checkWith(OfflineVerifySchema, { note, photo: photo ?? undefined });

export async function verifyOffline(orgId: string, checkinId: string, note: string, photo: Attachment): Promise<void> {
  await http.post(`${base(orgId)}/${encodeURIComponent(checkinId)}/offline-verify`, { note: note.trim(), photo });
}

export async function batchApprove(orgId: string, ids: string[]): Promise<BatchApproveResult> {
  return api.post(`${base(orgId)}/batch-approve`, { ids }, BatchApproveResultSchema);
}

/** '2025-11-21T03:04:05Z' → '2025-11-21 11:04' (China time). */
export function formatTime(iso: string | null | undefined): string {
  return iso ? chinaDateTime(iso) : '';
}
