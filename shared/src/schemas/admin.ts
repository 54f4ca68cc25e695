import { z } from 'zod';
import { Positions } from '../enums';
import { checkJoinAge, validateJoinedAt } from '../domain/age';
import { isValidMonth, resolveToday, type Today } from '../domain/dates';
import { validateIdNumber } from '../domain/id-number';
import { MobileSchema, PasswordSchema, SmsCodeSchema } from './auth';
import { ALWAYS, IdSchema, addIssueAt, codeFor, enumField } from './common';
import { AdminCodeSchema } from './org';
import { IdNumberSchema, PersonNameSchema } from './person';

/**
 * §3.4 an org admin registering with the code the direct superior issued: org + position,
 * the code, personal data; the join-age rule applies [004 §二(一)3(iv)]. The position's fit
 * with the org's type is the server's check (`isPositionAllowed`).
 */
export const makeAdminRegisterSchema = (today?: Today) =>
  z
    .object({
      orgId: IdSchema,
      position: enumField(Positions),
      code: AdminCodeSchema,
      name: PersonNameSchema,
      idNumber: IdNumberSchema,
      phone: MobileSchema,
      smsCode: SmsCodeSchema,
      password: PasswordSchema,
      confirmPassword: z.string({ error: codeFor('PASSWORD_MISMATCH') }),
      /** 入团年月 */
      joinedAt: z.string({ error: codeFor('JOINED_AT_INVALID') }).refine(isValidMonth, 'JOINED_AT_INVALID'),
    })
    .superRefine((v, ctx) => {
      if (typeof v.confirmPassword === 'string' && v.confirmPassword !== v.password) addIssueAt(ctx, ['confirmPassword'], 'PASSWORD_MISMATCH');
      if (typeof v.joinedAt !== 'string' || !isValidMonth(v.joinedAt)) return;
      const now = resolveToday(today);
      const when = validateJoinedAt(v.joinedAt, now);
      if (!when.ok) return addIssueAt(ctx, ['joinedAt'], when.code);
      const id = typeof v.idNumber === 'string' ? validateIdNumber(v.idNumber, now) : undefined;
      if (id?.ok) {
        const age = checkJoinAge(id.birthDate, v.joinedAt, id.provinceCode);
        if (!age.ok) addIssueAt(ctx, ['joinedAt'], age.code);
      }
    }, ALWAYS);

export const AdminRegisterSchema = makeAdminRegisterSchema();
export type AdminRegister = z.infer<typeof AdminRegisterSchema>;
