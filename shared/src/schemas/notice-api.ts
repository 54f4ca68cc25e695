import { z } from 'zod';
import {
  MESSAGE_BODY_MAX_CHARS,
  MESSAGE_TITLE_MAX_CHARS,
  NOTICE_ATTACHMENT_NAME_MAX_CHARS,
  NOTICE_BODY_MAX_CHARS,
  NOTICE_MAX_ATTACHMENTS,
  NOTICE_MAX_TARGETS,
  NOTICE_TITLE_MAX_CHARS,
  NoticeAudiences,
  NoticeScopes,
} from '../domain/notice';
import { enumField, requiredText } from './common';
import { OrgIdParamsSchema } from './org-api';

/** 工作通知 and the inbox API (issue 17 part 3). */

const idString = z.string({ error: 'VALIDATION_FAILED' }).regex(/^\d{1,18}$/, 'VALIDATION_FAILED');

export const NoticeAudienceSchema = enumField(NoticeAudiences);
export const NoticeScopeSchema = enumField(NoticeScopes);

export const NoticeAttachmentInputSchema = z.object({
  fileId: idString,
  name: requiredText(NOTICE_ATTACHMENT_NAME_MAX_CHARS),
});

/** 发布通知: title, text, audience, the whole subtree or chosen sub-orgs, attachments uploaded first. */
export const NoticeCreateSchema = z.object({
  title: requiredText(NOTICE_TITLE_MAX_CHARS, 'TEXT_TOO_LONG', 'NOTICE_TITLE_REQUIRED'),
  body: requiredText(NOTICE_BODY_MAX_CHARS, 'TEXT_TOO_LONG', 'NOTICE_BODY_REQUIRED'),
  audience: NoticeAudienceSchema,
  scope: NoticeScopeSchema,
  targetOrgIds: z.array(idString).max(NOTICE_MAX_TARGETS, 'NOTICE_TOO_MANY_TARGETS').default([]),
  attachments: z.array(NoticeAttachmentInputSchema).max(NOTICE_MAX_ATTACHMENTS, 'NOTICE_TOO_MANY_ATTACHMENTS').default([]),
});
export type NoticeCreate = z.infer<typeof NoticeCreateSchema>;

export const NoticeFileResultSchema = z.object({ fileId: z.string(), mime: z.string(), size: z.number() });
export type NoticeFileResult = z.infer<typeof NoticeFileResultSchema>;

export const NoticeAttachmentSchema = z.object({ fileId: z.string(), name: z.string(), mime: z.string(), size: z.number(), url: z.string() });
export type NoticeAttachment = z.infer<typeof NoticeAttachmentSchema>;

export const NoticeParamsSchema = OrgIdParamsSchema.extend({ noticeId: z.string().regex(/^\d{1,18}$/, 'NOT_FOUND') });
export const InboxNoticeParamsSchema = z.object({ noticeId: z.string().regex(/^\d{1,18}$/, 'NOT_FOUND') });
export const NoticeFileParamsSchema = InboxNoticeParamsSchema.extend({ fileId: z.string().regex(/^\d{1,18}$/, 'NOT_FOUND') });
export const MessageParamsSchema = z.object({ messageId: z.string().regex(/^\d{1,18}$/, 'NOT_FOUND') });

/** Pages of the inbox and of the publisher's list: newest first, `before` the last id seen. */
export const InboxPageQuerySchema = z.object({
  before: z
    .string()
    .regex(/^\d{1,18}$/, 'VALIDATION_FAILED')
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type InboxPageQuery = z.infer<typeof InboxPageQuerySchema>;

/** 阅读情况: per direct sub-org of `parentId` (the publisher by default — drill down by passing a sub-org). */
export const NoticeReadsQuerySchema = z.object({
  parentId: z
    .string()
    .regex(/^\d{1,18}$/, 'VALIDATION_FAILED')
    .optional(),
});

export const NoticeTargetSchema = z.object({ id: z.string(), name: z.string() });

/** One notice as the publisher's list shows it. */
export const PublishedNoticeSchema = z.object({
  id: z.string(),
  title: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  audience: NoticeAudienceSchema,
  audienceLabel: z.string(),
  targets: z.array(NoticeTargetSchema),
  attachmentCount: z.number(),
  publishedAt: z.string(),
  readCount: z.number(),
});
export type PublishedNotice = z.infer<typeof PublishedNoticeSchema>;
export const PublishedNoticePageSchema = z.object({ items: z.array(PublishedNoticeSchema), nextBefore: z.string().nullable() });
export type PublishedNoticePage = z.infer<typeof PublishedNoticePageSchema>;

export const NoticeReadRowSchema = z.object({ orgId: z.string(), name: z.string(), readCount: z.number(), hasChildren: z.boolean() });
export type NoticeReadRow = z.infer<typeof NoticeReadRowSchema>;
export const NoticeReadsSchema = z.object({
  notice: PublishedNoticeSchema,
  parent: z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() }),
  /** readers counted at the parent org itself (its cadres, or its members when it is a branch) */
  selfReadCount: z.number(),
  rows: z.array(NoticeReadRowSchema),
});
export type NoticeReads = z.infer<typeof NoticeReadsSchema>;

/** A notice in a recipient's inbox. */
export const InboxNoticeSchema = z.object({ id: z.string(), title: z.string(), orgName: z.string(), publishedAt: z.string(), read: z.boolean(), attachmentCount: z.number() });
export type InboxNotice = z.infer<typeof InboxNoticeSchema>;
export const InboxNoticePageSchema = z.object({ items: z.array(InboxNoticeSchema), nextBefore: z.string().nullable() });
export type InboxNoticePage = z.infer<typeof InboxNoticePageSchema>;

export const NoticeDetailSchema = InboxNoticeSchema.extend({ body: z.string(), audienceLabel: z.string(), attachments: z.array(NoticeAttachmentSchema) });
export type NoticeDetail = z.infer<typeof NoticeDetailSchema>;

/** A personal message (站内信): what happened, and the page it opens (route + params). */
export const InboxMessageSchema = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string().max(MESSAGE_TITLE_MAX_CHARS * 2),
  body: z.string().max(MESSAGE_BODY_MAX_CHARS * 2),
  route: z.string().nullable(),
  params: z.record(z.string(), z.string()),
  createdAt: z.string(),
  read: z.boolean(),
});
export type InboxMessage = z.infer<typeof InboxMessageSchema>;
export const InboxMessagePageSchema = z.object({ items: z.array(InboxMessageSchema), nextBefore: z.string().nullable() });
export type InboxMessagePage = z.infer<typeof InboxMessagePageSchema>;

/** The badge: unread notices + unread messages. */
export const InboxUnreadSchema = z.object({ notices: z.number(), messages: z.number(), total: z.number() });
export type InboxUnread = z.infer<typeof InboxUnreadSchema>;

export const MarkReadResultSchema = z.object({ ok: z.literal(true), unread: InboxUnreadSchema });
export type MarkReadResult = z.infer<typeof MarkReadResultSchema>;
