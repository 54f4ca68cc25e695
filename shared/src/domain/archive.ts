import type { ErrorCode } from '../errors';
import type { OrgType } from '../enums';
import { fail, OK, type Check } from './check';
import { isCommittee } from './org-type';

/**
 * 团员电子档案 / 团员身份认证 [004 §二(四)]: members who joined in 2020 or later need one PDF
 * 入团志愿书 (≤ 20 MB) certified by the superior committee before they count as new members
 * or may be transferred. The rules here are pure; the server (modules/archives) and the
 * mini-program both ask them.
 */

/** [004 §二(四)2] 自 2020 年起 — the first 入团年月 that needs an e-archive. */
export const ARCHIVE_REQUIRED_FROM = '2020-01';
/** [004 §二(四)4(2)] 1 份 PDF，文件大小不超过 20M. */
export const ARCHIVE_MAX_BYTES = 20 * 1024 * 1024;

/** [004 FAQ (vi)] 2020 年以前入团的团员目前不需要上传. `joinedAt` is 'YYYY-MM'. */
export const needsArchive = (joinedAt: unknown): boolean => typeof joinedAt === 'string' && /^\d{4}-\d{2}$/.test(joinedAt) && joinedAt >= ARCHIVE_REQUIRED_FROM;

/** What is stored for a member's archive; no row = nothing uploaded yet. */
export const ArchiveStatuses = { pending: '待审批', rejected: '认证不通过', certified: '团员身份已认证' } as const;
export type ArchiveStatus = keyof typeof ArchiveStatuses;

/** [004 FAQ (iii)] what the member, the lists and the prompt show. */
export const ArchiveStates = {
  notRequired: '无需认证',
  uncertified: '尚未认证',
  pending: '待审批',
  rejected: '认证不通过',
  certified: '团员身份已认证',
} as const;
export type ArchiveState = keyof typeof ArchiveStates;

export function archiveState(joinedAt: unknown, status: ArchiveStatus | null | undefined): ArchiveState {
  if (!needsArchive(joinedAt)) return 'notRequired';
  return status ?? 'uncertified';
}

/**
 * [004 FAQ (iv)] 未完成认证 → 无法发起团组织关系转接, and not counted as a new member. A
 * certified archive with a change waiting stays certified (the old file is in force).
 */
export const isCertifiedOrExempt = (state: ArchiveState): boolean => state === 'certified' || state === 'notRequired';

// 团的领导机关 / 团委 / 团工委 (isCommittee, org-type.ts) approve, and their uploads need no approval.

/**
 * [004 §二(四)4(2)(i)(ii)] an upload from a 团支部 / 团总支 waits for the superior committee;
 * one from a leading organ / 团委 / 团工委 needs none.
 */
export const uploadNeedsApproval = (uploaderType: OrgType): boolean => !isCommittee(uploaderType);

/**
 * [004 FAQ (v)] 团支部及其直属上级管理员都可以上传: the org the admin acts through must be the
 * member's branch or its direct parent.
 */
export function checkArchiveUploader(actingOrgId: number, branch: { id: number; parentId: number | null }): Check {
  return actingOrgId === branch.id || actingOrgId === branch.parentId ? OK : fail('ARCHIVE_UPLOAD_NOT_ALLOWED');
}

/**
 * The committee that approves an upload made through `uploader`: the nearest committee above
 * it (上级团委). `ancestors` nearest first. null when there is none (the province itself).
 */
export function approvingOrg<T extends { type: OrgType }>(ancestors: readonly T[]): T | null {
  return ancestors.find((o) => isCommittee(o.type)) ?? null;
}

export type ArchiveUploadOutcome = { ok: true; kind: 'first' | 'replace'; status: 'pending' | 'certified' } | { ok: true; kind: 'change' } | { ok: false; code: ErrorCode };

/**
 * What an upload does to the stored archive:
 *  - nothing yet / 认证不通过 (替换档案) → 待审批, or certified at once from a committee;
 *  - 待审批 → refused (the superior is looking at the file);
 *  - certified → a change request [004 §二(四)4(5)(v)]: the new file waits for the superior
 *    committee — whoever uploads it — while the certified one stays in force; a reason is needed.
 */
export function archiveUpload(current: { status: ArchiveStatus; changePending: boolean } | null, needsApproval: boolean, changeReason: string | null | undefined): ArchiveUploadOutcome {
  const status = needsApproval ? 'pending' : 'certified';
  if (!current) return { ok: true, kind: 'first', status };
  if (current.status === 'rejected') return { ok: true, kind: 'replace', status };
  if (current.status === 'pending' || current.changePending) return fail('ARCHIVE_PENDING');
  if (!changeReason || !changeReason.trim()) return fail('ARCHIVE_CHANGE_REASON_REQUIRED');
  return { ok: true, kind: 'change' };
}

/** Whether a decision applies: only a waiting upload or a waiting change can be decided. */
export function checkArchiveDecision(current: { status: ArchiveStatus; changePending: boolean } | null): Check {
  if (current && (current.status === 'pending' || current.changePending)) return OK;
  return fail('ARCHIVE_NOT_PENDING');
}

// ─── the file: judged by content, never by name ───────────────────────────────────────

/** A PDF starts with `%PDF-<major>.<minor>` (ISO 32000 7.5.2). */
export const isPdfHeader = (head: Uint8Array): boolean => /^%PDF-\d\.\d/.test(latin1(head.subarray(0, 8)));

/**
 * The parse sanity check on the file's last bytes (ISO 32000 7.5.5): `startxref`, the byte
 * offset of the cross-reference section, then `%%EOF`. The offset must lie inside the file.
 */
export function pdfStartXref(tail: Uint8Array, fileSize: number): number | null {
  const m = /startxref\s+(\d{1,12})\s+%%EOF\s*$/.exec(latin1(tail));
  if (!m) return null;
  const offset = Number(m[1]);
  return offset > 0 && offset < fileSize ? offset : null;
}

/** At the startxref offset: a classic `xref` table, or a cross-reference stream object (`12 0 obj`). */
export const isPdfXrefAt = (bytes: Uint8Array): boolean => /^(xref\b|\d+\s+\d+\s+obj\b)/.test(latin1(bytes));

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
