import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorBodySchema,
  InboxMessagePageSchema,
  InboxNoticePageSchema,
  InboxNoticeParamsSchema,
  InboxPageQuerySchema,
  InboxUnreadSchema,
  MarkReadResultSchema,
  MessageParamsSchema,
  NOTICE_ATTACHMENT_MAX_BYTES,
  NoticeCreateSchema,
  NoticeDetailSchema,
  NoticeFileParamsSchema,
  NoticeFileResultSchema,
  NoticeParamsSchema,
  NoticeReadsQuerySchema,
  NoticeReadsSchema,
  OrgIdParamsSchema,
  PublishedNoticePageSchema,
  PublishedNoticeSchema,
} from '@tj/shared';
import { AppError } from '../../errors';
import { markAllMessagesRead, markMessageRead, messagePage } from '../inbox/messages';
import { inboxNotices, inboxUnread, markNoticeRead, noticeDetail, noticeFile, noticeReadsBySubOrg, publishNotice, publishedPage, saveNoticeFile } from './service';

const secured = { security: [{ bearer: [] }], tags: ['notices'] };
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

/** 工作通知 (publishing, read counts) and the inbox (通知 + 站内信) — issue 17 part 3. */
export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  const now = () => app.clock.now();

  // ── the committee's side ──
  app.post(
    '/orgs/:orgId/notice-files',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '上传通知附件（multipart 字段 file；PDF 或 JPG/PNG/WEBP，≤ 10MB）',
        params: OrgIdParamsSchema,
        response: { 201: NoticeFileResultSchema, 413: ErrorBodySchema, ...errors },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('NOTICE_ATTACHMENT_TYPE', 'file');
      const part = await req.file({ limits: { fileSize: NOTICE_ATTACHMENT_MAX_BYTES + 1, files: 1 } });
      if (!part || part.fieldname !== 'file') throw new AppError('NOTICE_ATTACHMENT_TYPE', 'file');
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('NOTICE_ATTACHMENT_TOO_LARGE', 'file');
        throw err;
      }
      return reply.status(201).send(await saveNoticeFile(app.db, app.storage, req.orgContext, data, now()));
    },
  );

  app.post(
    '/orgs/:orgId/notices',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...secured, summary: '发布工作通知（团委向本组织及下级组织）', params: OrgIdParamsSchema, body: NoticeCreateSchema, response: { 201: PublishedNoticeSchema, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await publishNotice(app.db, req.orgContext, req.body, now())),
  );

  app.get(
    '/orgs/:orgId/notices',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '本组织发布的工作通知（含已读人数）',
        params: OrgIdParamsSchema,
        querystring: InboxPageQuerySchema,
        response: { 200: PublishedNoticePageSchema, ...errors },
      },
    },
    async (req) => publishedPage(app.db, req.orgContext, req.query),
  );

  app.get(
    '/orgs/:orgId/notices/:noticeId/reads',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '通知阅读情况（按下级组织统计已读人数，可逐级下钻）',
        params: NoticeParamsSchema,
        querystring: NoticeReadsQuerySchema,
        response: { 200: NoticeReadsSchema, ...errors },
      },
    },
    async (req) => noticeReadsBySubOrg(app.db, req.orgContext, Number(req.params.noticeId), req.query.parentId != null ? Number(req.query.parentId) : undefined),
  );

  // ── the recipient's inbox ──
  app.get('/inbox/unread', { onRequest: [app.authenticate], schema: { ...secured, summary: '未读通知与消息数（角标）', response: { 200: InboxUnreadSchema, ...errors } } }, async (req) =>
    inboxUnread(app.db, Number(req.user.sub)),
  );

  app.get(
    '/inbox/notices',
    { onRequest: [app.authenticate], schema: { ...secured, summary: '我收到的工作通知', querystring: InboxPageQuerySchema, response: { 200: InboxNoticePageSchema, ...errors } } },
    async (req) => inboxNotices(app.db, Number(req.user.sub), req.query),
  );

  app.get(
    '/inbox/notices/:noticeId',
    { onRequest: [app.authenticate], schema: { ...secured, summary: '通知详情', params: InboxNoticeParamsSchema, response: { 200: NoticeDetailSchema, ...errors } } },
    async (req) => noticeDetail(app.db, Number(req.user.sub), Number(req.params.noticeId)),
  );

  app.post(
    '/inbox/notices/:noticeId/read',
    { onRequest: [app.authenticate], schema: { ...secured, summary: '标记通知已读（重复标记无影响）', params: InboxNoticeParamsSchema, response: { 200: MarkReadResultSchema, ...errors } } },
    async (req) => {
      const userId = Number(req.user.sub);
      await markNoticeRead(app.db, userId, Number(req.params.noticeId), now());
      return { ok: true as const, unread: await inboxUnread(app.db, userId) };
    },
  );

  app.get(
    '/notices/:noticeId/files/:fileId',
    { onRequest: [app.authenticate], schema: { ...secured, summary: '下载通知附件（通知的接收人及发布组织的管理员）', params: NoticeFileParamsSchema } },
    async (req, reply) => {
      const f = await noticeFile(app.db, app.storage, Number(req.user.sub), Number(req.params.noticeId), Number(req.params.fileId));
      return reply
        .type(f.mime)
        .header('content-disposition', `inline; filename="attachment"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(f.data);
    },
  );

  app.get(
    '/inbox/messages',
    {
      onRequest: [app.authenticate],
      schema: { ...secured, summary: '我的消息（审核结果、转接进度等）', querystring: InboxPageQuerySchema, response: { 200: InboxMessagePageSchema, ...errors } },
    },
    async (req) => messagePage(app.db, Number(req.user.sub), req.query),
  );

  app.post(
    '/inbox/messages/:messageId/read',
    { onRequest: [app.authenticate], schema: { ...secured, summary: '标记消息已读', params: MessageParamsSchema, response: { 200: MarkReadResultSchema, ...errors } } },
    async (req) => {
      const userId = Number(req.user.sub);
      await markMessageRead(app.db, userId, Number(req.params.messageId), now());
      return { ok: true as const, unread: await inboxUnread(app.db, userId) };
    },
  );

  app.post(
    '/inbox/messages/read-all',
    { onRequest: [app.authenticate], schema: { ...secured, summary: '消息全部已读', response: { 200: MarkReadResultSchema, ...errors } } },
    async (req) => {
      const userId = Number(req.user.sub);
      await markAllMessagesRead(app.db, userId, now());
      return { ok: true as const, unread: await inboxUnread(app.db, userId) };
    },
  );
};
