import Taro from '@tarojs/taro';
import {
  ErrorMessages,
  InboxMessagePageSchema,
  InboxNoticePageSchema,
  InboxUnreadSchema,
  MarkReadResultSchema,
  NOTICE_ATTACHMENT_MAX_BYTES,
  NoticeDetailSchema,
  NoticeFileResultSchema,
  NoticeReadsSchema,
  PublishedNoticePageSchema,
  PublishedNoticeSchema,
  type InboxMessage,
  type InboxNotice,
  type InboxUnread,
  type NoticeAttachment,
  type NoticeCreate,
  type NoticeDetail,
  type NoticeFileResult,
  type NoticeReads,
  type PublishedNotice,
} from '@tj/shared';
import { api } from './api';
import { ApiError } from './api-error';
import { downloadPdf, passThrough, progressUploadAdapter, type PickedFile } from './files';
import { http } from './http';

/** 工作通知 and the inbox (issue 17 part 3): the badge, the two lists, publishing and read counts. */

export type { InboxMessage, InboxNotice, InboxUnread, NoticeAttachment, NoticeDetail, NoticeFileResult, NoticeReads, PublishedNotice };

const org = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;
const page = (before?: string) => (before ? { before, limit: 20 } : { limit: 20 });

export const fetchUnread = () => api.get('/inbox/unread', InboxUnreadSchema);
export const fetchInboxNotices = (before?: string) => api.get('/inbox/notices', InboxNoticePageSchema, page(before));
export const fetchInboxMessages = (before?: string) => api.get('/inbox/messages', InboxMessagePageSchema, page(before));
export const fetchNotice = (noticeId: string) => api.get(`/inbox/notices/${encodeURIComponent(noticeId)}`, NoticeDetailSchema);
export const markNoticeRead = (noticeId: string) => api.post(`/inbox/notices/${encodeURIComponent(noticeId)}/read`, {}, MarkReadResultSchema);
export const markMessageRead = (messageId: string) => api.post(`/inbox/messages/${encodeURIComponent(messageId)}/read`, {}, MarkReadResultSchema);
export const markAllMessagesRead = () => api.post('/inbox/messages/read-all', {}, MarkReadResultSchema);

export const publishNotice = (orgId: string, body: NoticeCreate) => api.post(`${org(orgId)}/notices`, body, PublishedNoticeSchema);
export const fetchPublished = (orgId: string, before?: string) => api.get(`${org(orgId)}/notices`, PublishedNoticePageSchema, page(before));
export const fetchNoticeReads = (orgId: string, noticeId: string, parentId?: string) =>
  api.get(`${org(orgId)}/notices/${encodeURIComponent(noticeId)}/reads`, NoticeReadsSchema, parentId ? { parentId } : undefined);

/** 上传附件 (PDF or image, ≤ 10 MB — the size checked here first, the content by the server). */
export async function uploadNoticeFile(orgId: string, picked: PickedFile, size: number, onProgress?: (fraction: number) => void): Promise<NoticeFileResult> {
  if (size > NOTICE_ATTACHMENT_MAX_BYTES) throw new ApiError('NOTICE_ATTACHMENT_TOO_LARGE', ErrorMessages.NOTICE_ATTACHMENT_TOO_LARGE, 'file');
  const { data } = await http.post<unknown>(`${org(orgId)}/notice-files`, picked, {
    adapter: progressUploadAdapter,
    transformRequest: passThrough,
    transformResponse: passThrough,
    onUploadProgress: (e) => onProgress?.(e.total ? Math.min(1, e.loaded / e.total) : 0),
    timeout: 300_000,
  });
  return NoticeFileResultSchema.parse(data);
}

/** Opens an attachment: PDFs in WeChat's viewer (H5: a download), images as a private image. */
export const openAttachment = (a: NoticeAttachment) => downloadPdf(a.url.replace(/^\/api(?=\/)/, ''), a.name);

/** Weapp: a PDF or an image from a chat (the only file source a mini-program has besides the album). */
export async function chooseNoticeFileInWeapp(): Promise<{ picked: PickedFile; name: string; size: number }> {
  const res = await Taro.chooseMessageFile({ count: 1, type: 'all', extension: ['pdf', 'jpg', 'jpeg', 'png', 'webp'] });
  const file = res.tempFiles[0];
  if (!file) throw new Error('no file chosen');
  return { picked: { kind: 'weapp', path: file.path, name: file.name }, name: file.name, size: file.size };
}
