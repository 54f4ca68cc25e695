import {
  ARCHIVE_MAX_BYTES,
  ArchivePageSchema,
  ArchiveSummarySchema,
  ErrorMessages,
  MyArchiveSchema,
  type ArchiveDecision,
  type ArchiveItem,
  type ArchivePage,
  type ArchiveState,
  type ArchiveSummary,
} from '@tj/shared';
import { ApiError } from './api-error';
import { downloadPdf, passThrough, progressUploadAdapter, type PickedFile } from './files';
import { http } from './http';

/** 团员电子档案 (issue 16.2, [004 §二(四)]): the admin's 团员电子数据库, approvals, the member's own. */

export type { ArchiveItem, ArchivePage, ArchiveState, ArchiveSummary };

const org = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;

export async function fetchArchiveSummary(orgId: string): Promise<ArchiveSummary> {
  const { data } = await http.get<unknown>(`${org(orgId)}/archives/summary`);
  return ArchiveSummarySchema.parse(data);
}

export async function fetchArchives(orgId: string, q: { q?: string; state?: ArchiveState | ''; offset?: number; limit?: number }): Promise<ArchivePage> {
  const params = { limit: q.limit ?? 20, offset: q.offset ?? 0, ...(q.q ? { q: q.q } : {}), ...(q.state ? { state: q.state } : {}) };
  const { data } = await http.get<unknown>(`${org(orgId)}/archives`, { params });
  return ArchivePageSchema.parse(data);
}

export async function fetchArchiveApprovals(orgId: string, offset = 0, limit = 20): Promise<ArchivePage> {
  const { data } = await http.get<unknown>(`${org(orgId)}/archive-approvals`, { params: { offset, limit } });
  return ArchivePageSchema.parse(data);
}

export async function decideArchive(orgId: string, checkinId: string, decision: ArchiveDecision): Promise<ArchiveItem> {
  const { data } = await http.post<unknown>(`${org(orgId)}/archives/${encodeURIComponent(checkinId)}/decision`, decision);
  return MyArchiveSchema.parse(data).archive;
}

export async function fetchMyArchive(): Promise<ArchiveItem> {
  const { data } = await http.get<unknown>('/me/archive');
  return MyArchiveSchema.parse(data).archive;
}

/** The server's size rule before a byte is sent (the content check is the server's). */
export function checkPdf(size: number): ApiError | null {
  return size > ARCHIVE_MAX_BYTES ? new ApiError('ARCHIVE_TOO_LARGE', ErrorMessages.ARCHIVE_TOO_LARGE, 'file') : null;
}

/** 上传档案 / 替换档案; `onProgress` gets 0–1 as the bytes leave the phone. */
export async function uploadArchive(
  orgId: string,
  checkinId: string,
  picked: PickedFile,
  size: number,
  opts: { changeReason?: string; onProgress?: (fraction: number) => void } = {},
): Promise<ArchiveItem> {
  const problem = checkPdf(size);
  if (problem) throw problem;
  const { data } = await http.post<unknown>(`${org(orgId)}/archives/${encodeURIComponent(checkinId)}/file`, picked, {
    params: opts.changeReason ? { changeReason: opts.changeReason } : undefined,
    adapter: progressUploadAdapter,
    transformRequest: passThrough,
    transformResponse: passThrough,
    onUploadProgress: (e) => opts.onProgress?.(e.total ? Math.min(1, e.loaded / e.total) : 0),
    timeout: 300_000,
  });
  return MyArchiveSchema.parse(data).archive;
}

/** Downloads the PDF (the member's own, or as an admin of the chain). */
export const downloadArchive = (item: Pick<ArchiveItem, 'checkinId' | 'name'>, version: 'current' | 'pending' = 'current') =>
  downloadPdf(`/archives/${encodeURIComponent(item.checkinId)}/file?version=${version}`, `${item.name}-入团志愿书.pdf`);
