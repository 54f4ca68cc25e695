import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangePasswordSchema,
  ErrorBodySchema,
  RegisterSchema,
  ResetPasswordSchema,
  SendSmsSchema,
  SmsLoginSchema,
  TokenResponseSchema,
  WechatLoginSchema,
  ResetByCodeSchema,
  SmsSentSchema,
} from '@tj/shared';
import type { Config } from '../../env';
import { AppError } from '../../errors';
import { createLoginLimiter, keyText, publicRateLimit } from '../auth/rate-limit';
import { createTokenSigner } from '../auth/signer';
import { bindWechat, changePassword, loginWithSms, loginWithWechat, register, resetByCode, resetPasswordBySms, unbindWechat } from './service';
import { sendSmsCode } from './sms-codes';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 429: ErrorBodySchema };
const tags = ['auth'];
const noContent = z.null();

/** §4.1 accounts: registration, SMS codes and SMS login, password resets (§10), WeChat binding. */
export const accountsRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const signer = createTokenSigner(app, config);
  // Each guessable endpoint gets its own per-IP and per-phone budget, like password login.
  const limitSmsSend = createLoginLimiter(app, config, 'smsSend');
  const limitSmsLogin = createLoginLimiter(app, config, 'smsLogin');
  const limitReset = createLoginLimiter(app, config, 'reset');
  const limitResetByCode = createLoginLimiter(app, config, 'resetByCode');
  // Changing the password guesses the old one: the same budget, per account (after login).
  const perUser = app.createRateLimit({
    max: config.rateLimitLoginPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (req) => `user:${keyText((req.user as { sub?: unknown } | undefined)?.sub)}`,
  });
  const limitChange = async (req: FastifyRequest) => {
    const r = await perUser(req);
    if (!r.isAllowed && r.isExceeded) throw new AppError('RATE_LIMITED');
  };
  const limitRegister = createLoginLimiter(app, config, 'register');

  app.post(
    '/sms',
    {
      preHandler: limitSmsSend,
      schema: {
        tags,
        summary: '发送短信验证码（每个手机号每分钟1条、每小时5条）',
        body: SendSmsSchema,
        response: { 200: SmsSentSchema, ...errors },
      },
    },
    async (req) => sendSmsCode(app.db, app.sms, req.body, app.clock.now(), { resendAfterSeconds: app.config.smsResendSeconds }),
  );

  app.post(
    '/register',
    {
      preHandler: limitRegister,
      schema: { tags, summary: '注册（手机号 + 密码 + 短信验证码 + 所属地区）并登录', body: RegisterSchema, response: { 200: TokenResponseSchema, ...errors } },
    },
    async (req) => register(app.db, signer, req.body, app.clock.now()),
  );

  app.post(
    '/login/sms',
    {
      preHandler: limitSmsLogin,
      schema: { tags, summary: '手机号 + 短信验证码登录', body: SmsLoginSchema, response: { 200: TokenResponseSchema, ...errors } },
    },
    async (req) => loginWithSms(app.db, signer, req.body, app.clock.now()),
  );

  app.post(
    '/password/reset',
    {
      preHandler: limitReset,
      schema: { tags, summary: '找回密码（短信验证码），成功后全部登录失效', body: ResetPasswordSchema, response: { 204: noContent, ...errors } },
    },
    async (req, reply) => {
      app.forgetSessions(await resetPasswordBySms(app.db, req.body, app.clock.now()));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/reset-by-code',
    {
      preHandler: limitResetByCode,
      schema: {
        tags,
        summary: '使用组织管理员发放的重置码重置密码（可同时更换手机号）',
        body: ResetByCodeSchema,
        response: { 204: noContent, ...errors },
      },
    },
    async (req, reply) => {
      app.forgetSessions(await resetByCode(app.db, req.body, app.clock.now()));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/password/change',
    {
      onRequest: [app.authenticate],
      preHandler: limitChange,
      schema: {
        tags,
        summary: '修改密码（原密码 + 新密码），其他登录全部失效，返回本机的新令牌',
        security: [{ bearer: [] }],
        body: ChangePasswordSchema,
        response: { 200: TokenResponseSchema, ...errors },
      },
    },
    async (req) => {
      const session = await changePassword(app.db, signer, Number(req.user.sub), req.body);
      // the cached password version is the old one: without this the new token is refused here
      app.forgetSessions(Number(req.user.sub));
      return session;
    },
  );

  app.post(
    '/wechat',
    { config: publicRateLimit(config), schema: { tags, summary: '微信静默登录（需已绑定账号）', body: WechatLoginSchema, response: { 200: TokenResponseSchema, ...errors } } },
    async (req) => loginWithWechat(app.db, app.wechat, signer, req.body.code, app.clock.now()),
  );

  app.post(
    '/wechat/bind',
    {
      onRequest: [app.authenticate],
      schema: { tags, summary: '将当前微信绑定到已登录账号', security: [{ bearer: [] }], body: WechatLoginSchema, response: { 204: noContent, ...errors } },
    },
    async (req, reply) => {
      await bindWechat(app.db, app.wechat, Number(req.user.sub), req.body.code);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/wechat/bind',
    {
      onRequest: [app.authenticate],
      schema: { tags, summary: '解除微信绑定', security: [{ bearer: [] }], response: { 204: noContent, ...errors } },
    },
    async (req, reply) => {
      await unbindWechat(app.db, Number(req.user.sub));
      return reply.status(204).send(null);
    },
  );
};
