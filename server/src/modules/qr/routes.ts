import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema, QrCodeSchema, QrParamsSchema, QrSceneSchema } from '@tj/shared';
import { qrCode, resolveScene } from './service';
import { publicRateLimit } from '../auth/rate-limit';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export const qrRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/qr/:kind',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { tags: ['qr'], security: [{ bearer: [] }], summary: '团员报到二维码（团支部）/团干部入驻二维码', params: QrParamsSchema, response: { 200: QrCodeSchema, ...errors } },
    },
    async (req) => qrCode(app.db, app.wechat, req.orgContext.org, req.params.kind, app.config.publicBaseUrl || `${req.protocol}://${req.host}`),
  );

  app.get(
    '/qr/:scene',
    {
      config: publicRateLimit(app.config),
      schema: {
        tags: ['qr'],
        summary: '扫码进入：二维码场景值对应的组织',
        params: z.object({ scene: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'NOT_FOUND') }),
        response: { 200: QrSceneSchema, 404: ErrorBodySchema },
      },
    },
    async (req) => resolveScene(app.db, req.params.scene),
  );
};
