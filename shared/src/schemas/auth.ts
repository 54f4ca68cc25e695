import { z } from 'zod';
import { validateMobile, validatePassword } from '../domain/person';
import { ALWAYS, addIssueAt, codeFor, fromCheck } from './common';

export const MobileSchema = z
  .string({ error: codeFor('MOBILE_INVALID') })
  .trim()
  .superRefine(fromCheck(validateMobile));
export const PasswordSchema = z.string({ error: codeFor('PASSWORD_INVALID') }).superRefine(fromCheck(validatePassword));

/** §4.1 the SMS verification code. */
export const SmsCodeSchema = z
  .string({ error: codeFor('SMS_CODE_INVALID') })
  .trim()
  .regex(/^\d{6}$/, 'SMS_CODE_INVALID');

/** §4.1 所属地区: a 6-digit county-level administrative division code. */
export const RegionCodeSchema = z
  .string({ error: codeFor('REGION_INVALID') })
  .trim()
  .regex(/^\d{6}$/, 'REGION_INVALID');

export const LoginSchema = z.object({
  phone: MobileSchema,
  // Login only checks presence: a wrong-shape password is just a wrong password.
  password: z
    .string({ error: codeFor('REQUIRED') })
    .min(1, 'REQUIRED')
    .max(64),
});
export type Login = z.infer<typeof LoginSchema>;

/** §4.1 login with phone + SMS code [003 FAQ 1]. */
export const SmsLoginSchema = z.object({
  phone: MobileSchema,
  smsCode: SmsCodeSchema,
});
export type SmsLogin = z.infer<typeof SmsLoginSchema>;

/** §4.1 *(decision)* silent login in WeChat: the code from `wx.login`. */
export const WechatLoginSchema = z.object({
  code: z
    .string({ error: codeFor('VALIDATION_FAILED') })
    .trim()
    .min(1, 'REQUIRED')
    .max(128, 'VALIDATION_FAILED'),
});
export type WechatLogin = z.infer<typeof WechatLoginSchema>;

/** Why an SMS code is sent; a code is only good for its purpose. */
export const SmsPurposes = {
  register: '注册',
  login: '登录',
  resetPassword: '找回密码',
  transfer: '组织关系转接',
  /** §3.4 registering as an org admin with a code: the phone may or may not have an account. */
  adminRegister: '管理员注册',
} as const;
export type SmsPurpose = keyof typeof SmsPurposes;

export const SendSmsSchema = z.object({
  phone: MobileSchema,
  purpose: z.enum(Object.keys(SmsPurposes) as [SmsPurpose, ...SmsPurpose[]], { error: codeFor('OPTION_INVALID') }),
});
export type SendSms = z.infer<typeof SendSmsSchema>;

const confirmMatches = (v: { password?: unknown; confirmPassword?: unknown }, ctx: z.RefinementCtx) => {
  if (typeof v.confirmPassword === 'string' && v.confirmPassword !== v.password) {
    addIssueAt(ctx, ['confirmPassword'], 'PASSWORD_MISMATCH');
  }
};

/** §4.1 registration [002 附件3 注册页]: phone, password twice, SMS code, region, agreement. */
export const RegisterSchema = z
  .object({
    phone: MobileSchema,
    password: PasswordSchema,
    confirmPassword: z.string({ error: codeFor('PASSWORD_MISMATCH') }),
    smsCode: SmsCodeSchema,
    regionCode: RegionCodeSchema,
    agreed: z.literal(true, { error: 'AGREEMENT_REQUIRED' }),
  })
  .superRefine(confirmMatches, ALWAYS);
export type Register = z.infer<typeof RegisterSchema>;

/** §4.1 forgotten password: phone + SMS code + new password twice [003 §二 6.2.1]. */
export const ResetPasswordSchema = z
  .object({
    phone: MobileSchema,
    smsCode: SmsCodeSchema,
    password: PasswordSchema,
    confirmPassword: z.string({ error: codeFor('PASSWORD_MISMATCH') }),
  })
  .superRefine(confirmMatches, ALWAYS);
export type ResetPassword = z.infer<typeof ResetPasswordSchema>;

export const SessionUserSchema = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string().nullable(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const TokenResponseSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  user: SessionUserSchema,
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

/** Answer to POST /auth/sms: lets the client run its "resend in N s" countdown. */
export const SmsSentSchema = z.object({
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
});
export type SmsSent = z.infer<typeof SmsSentSchema>;

/**
 * §10 reset with the code an org admin issued, for a person who lost their phone: the old
 * phone (the account), the code, the new password twice, and optionally a new phone proven
 * by an SMS code (purpose 'register': the new number must not belong to an account).
 */
export const ResetByCodeSchema = z
  .object({
    phone: MobileSchema,
    code: SmsCodeSchema,
    password: PasswordSchema,
    confirmPassword: z.string({ error: codeFor('PASSWORD_MISMATCH') }),
    newPhone: MobileSchema.optional(),
    smsCode: SmsCodeSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (typeof v.confirmPassword === 'string' && v.confirmPassword !== v.password) addIssueAt(ctx, ['confirmPassword'], 'PASSWORD_MISMATCH');
    if (v.newPhone !== undefined && v.smsCode === undefined) addIssueAt(ctx, ['smsCode'], 'REQUIRED');
  }, ALWAYS);
export type ResetByCode = z.infer<typeof ResetByCodeSchema>;

/**
 * 修改密码 (settings, logged in): the current password proves it is the owner at the phone,
 * then the new one twice under the same rule as registration.
 */
export const ChangePasswordSchema = z
  .object({
    // Like login: presence only — a wrong-shape old password is just a wrong one.
    oldPassword: z
      .string({ error: codeFor('REQUIRED') })
      .min(1, 'REQUIRED')
      .max(64, 'OLD_PASSWORD_WRONG'),
    password: PasswordSchema,
    confirmPassword: z.string({ error: codeFor('PASSWORD_MISMATCH') }),
  })
  .superRefine(confirmMatches, ALWAYS);
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;
