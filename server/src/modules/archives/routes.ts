import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ArchiveDecisionSchema,
  ArchiveFileParamsSchema,
  ArchiveFileQuerySchema,
  ArchiveListQuerySchema,
  ArchivePageSchema,
  ArchiveParamsSchema,
  ArchiveSummarySchema,
  ArchiveUploadQuerySchema,
  ErrorBodySchema,
  MyArchiveSchema,
  OrgIdParamsSchema,
  OrgPageQuerySchema,
} from '@tj/shared';
import { archiveFile, archiveSummary, decideArchive, listApprovals, listArchives, myArchive, uploadArchive, type ArchiveDeps } from './service';
import { pdfPart } from './pdf-upload';

const secured = { security: [{ bearer: [] }], tags: ['archives'] };
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };

const depsOf = (app: FastifyInstance): ArchiveDeps => ({ db: app.db, pii: app.pii, storage: app.storage, now: () => app.clock.now() });

/** 团员电子档案 / 团员身份认证 (issue 16 part 2, [004 §二(四)]). */
export const archiveRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = depsOf(app);

  app.get(
    '/orgs/:orgId/archives',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '团员电子数据库：本组织及下级2020年以后入团的团员（按姓名、身份证号、发展团员编号检索）',
        params: OrgIdParamsSchema,
        querystring: ArchiveListQuerySchema,
        response: { 200: ArchivePageSchema, ...errors },
      },
    },
    async (req) => listArchives(deps, req.orgContext, req.query),
  );

  app.get(
    '/orgs/:orgId/archives/summary',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...secured, summary: '团员身份认证情况（“组织内有团员身份尚未认证”提示）', params: OrgIdParamsSchema, response: { 200: ArchiveSummarySchema, ...errors } },
    },
    async (req) => archiveSummary(deps, req.orgContext),
  );

  app.get(
    '/orgs/:orgId/archive-approvals',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '下级团员电子档案审批：等待本组织（及下级团委）审批的电子档案',
        params: OrgIdParamsSchema,
        querystring: OrgPageQuerySchema,
        response: { 200: ArchivePageSchema, ...errors },
      },
    },
    async (req) => listApprovals(deps, req.orgContext, req.query),
  );

  app.post(
    '/orgs/:orgId/archives/:checkinId/file',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '上传 / 替换团员电子档案（multipart 字段 file；1份PDF，≤ 20MB；已认证的档案须填写变更理由并经上级审批）',
        params: ArchiveParamsSchema,
        querystring: ArchiveUploadQuerySchema,
        response: { 200: MyArchiveSchema, 413: ErrorBodySchema, ...errors },
      },
    },
    async (req) => uploadArchive(deps, req.orgContext, Number(req.params.checkinId), req.query.changeReason?.trim() || null, () => pdfPart(req)),
  );

  app.post(
    '/orgs/:orgId/archives/:checkinId/decision',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '团员电子档案审批：同意 / 不同意（须写明理由）',
        params: ArchiveParamsSchema,
        body: ArchiveDecisionSchema,
        response: { 200: MyArchiveSchema, ...errors },
      },
    },
    async (req) => decideArchive(deps, req.orgContext, Number(req.params.checkinId), req.body),
  );

  app.get(
    '/archives/:checkinId/file',
    {
      onRequest: [app.authenticate],
      schema: { ...secured, summary: '下载电子版《入团志愿书》（团员本人及其所在组织链上的管理员）', params: ArchiveFileParamsSchema, querystring: ArchiveFileQuerySchema },
    },
    async (req, reply) => {
      const f = await archiveFile(deps, Number(req.user.sub), Number(req.params.checkinId), req.query.version);
      return reply
        .type('application/pdf')
        .header('content-length', f.size)
        .header('content-disposition', `attachment; filename="archive.pdf"; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(f.stream);
    },
  );

  app.get('/me/archive', { onRequest: [app.requireApprovedMember], schema: { ...secured, summary: '我的团员电子档案', response: { 200: MyArchiveSchema, ...errors } } }, async (req) =>
    myArchive(deps, req.memberCheckin),
  );
};
