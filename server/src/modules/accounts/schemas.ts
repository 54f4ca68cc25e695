import { z } from 'zod';
import { ALWAYS, MobileSchema, PasswordSchema, SmsCodeSchema, addIssueAt, codeFor } from '@tj/shared';

// Contract pieces shared/ does not have yet, built only from shared's field schemas so the
// rules stay in one place. They belong in shared/src/schemas/auth.ts (see the report).

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

export const TestSmsParamsSchema = z.object({ phone: MobileSchema });
export const TestSmsCodeSchema = z.object({ code: z.string() });
