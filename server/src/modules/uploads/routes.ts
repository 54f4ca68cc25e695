import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TRANSFER_ATTACHMENT_MAX_BYTES_ANY, ErrorBodySchema, UploadResultSchema } from '@tj/shared';
import { AppError } from '../../errors';
import { readUpload, saveUpload } from './service';

const secured = { security: [{ bearer: [] }], tags: ['uploads'] };
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export const uploadRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/uploads',
    {
      onRequest: [app.authenticate],
      schema: { ...secured, summary: '上传图片（multipart 字段 file；JPG/PNG/WEBP，≤ 2MB）', response: { 201: UploadResultSchema, 413: ErrorBodySchema, ...errors } },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('UPLOAD_NOT_IMAGE', 'file');
      // One byte over the limit is enough to know the file is too large.
      const part = await req.file({ limits: { fileSize: TRANSFER_ATTACHMENT_MAX_BYTES_ANY + 1, files: 1 } });
      if (!part || part.fieldname !== 'file') throw new AppError('UPLOAD_NOT_IMAGE', 'file');
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('UPLOAD_TOO_LARGE', 'file');
        throw err;
      }
      const result = await saveUpload(app.db, app.storage, Number(req.user.sub), data, app.clock.now());
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/uploads/:id',
    {
      onRequest: [app.authenticate],
      schema: { ...secured, summary: '读取图片（上传者本人或所附组织的运营者/管理员）', params: z.object({ id: z.string().regex(/^\d+$/, 'NOT_FOUND') }) },
    },
    async (req, reply) => {
      const { mime, data } = await readUpload(app.db, app.storage, Number(req.user.sub), Number(req.params.id));
      return reply.type(mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(data);
    },
  );
};
