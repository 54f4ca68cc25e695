import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema } from '@tj/shared';
import { SmsSimulator } from '../../adapters/sms/simulator';
import { z } from 'zod';
import { AppError } from '../../errors';
import { ShiftableClock } from '../../plugins/context';
import { TestSmsCodeSchema, TestSmsParamsSchema } from './schemas';

/**
 * Simulator internals for E2E tests. buildApp registers this only when ENABLE_TEST_ENDPOINTS
 * is on; it also answers 404 when the real SMS adapter is active, so codes never leak.
 */
export const testRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sms/:phone',
    {
      schema: {
        tags: ['test'],
        summary: '（仅测试）读取模拟短信发送的最新短信及验证码',
        params: TestSmsParamsSchema,
        response: { 200: TestSmsCodeSchema, 404: ErrorBodySchema },
      },
    },
    async (req) => {
      const text = app.sms instanceof SmsSimulator ? app.sms.lastMessage(req.params.phone) : undefined;
      if (!text) throw new AppError('NOT_FOUND');
      // `code` is empty for a message without one (e.g. a cadre invitation: read its link from `text`).
      return { code: app.sms instanceof SmsSimulator ? (app.sms.lastCode(req.params.phone) ?? '') : '', text };
    },
  );

  // Moves the server's clock (windows, deadlines) for E2E flows; { now: null } restores it.
  app.post(
    '/clock',
    {
      schema: {
        tags: ['test'],
        summary: '（仅测试）设置服务器时间',
        body: z.object({ now: z.string().datetime().nullable() }),
        response: { 200: z.object({ now: z.string() }), 404: ErrorBodySchema },
      },
    },
    async (req) => {
      if (!(app.clock instanceof ShiftableClock)) throw new AppError('NOT_FOUND');
      app.clock.set(req.body.now ? new Date(req.body.now) : null);
      return { now: app.clock.now().toISOString() };
    },
  );
};
