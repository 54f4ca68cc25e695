import { RegisterSchema, SendSmsSchema, SmsLoginSchema, SmsSentSchema, TokenResponseSchema, type SmsPurpose, type SmsSent, type TokenResponse } from '@tj/shared';
import { checkWith, type Checked } from './form-check';
import { api } from './api';

/** §4.1 registration (phone, password ×2, SMS code, 所属地区, agreement) and SMS login. */

export interface RegisterValues {
  phone: string;
  password: string;
  confirmPassword: string;
  smsCode: string;
  regionCode: string;
  agreed: boolean;
}

export const emptyRegisterValues = (): RegisterValues => ({
  phone: '',
  password: '',
  confirmPassword: '',
  smsCode: '',
  regionCode: '',
  agreed: false,
});

export const checkRegister = (v: RegisterValues) =>
  checkWith(RegisterSchema, {
    ...v,
    phone: v.phone.trim(),
    smsCode: v.smsCode.trim(),
    regionCode: v.regionCode || undefined,
    // z.literal(true): anything but true is AGREEMENT_REQUIRED.
    agreed: v.agreed,
  });

export const checkSmsPhone = (phone: string, purpose: SmsPurpose): Checked<{ phone: string; purpose: SmsPurpose }> => checkWith(SendSmsSchema, { phone: phone.trim(), purpose });

export async function sendSmsCode(phone: string, purpose: SmsPurpose): Promise<SmsSent> {
  return api.post('/auth/sms', { phone: phone.trim(), purpose }, SmsSentSchema);
}

export async function registerAccount(body: unknown): Promise<TokenResponse> {
  return api.post('/auth/register', body, TokenResponseSchema);
}

export const checkSmsLogin = (phone: string, smsCode: string) => checkWith(SmsLoginSchema, { phone: phone.trim(), smsCode: smsCode.trim() });

export async function loginWithSms(body: unknown): Promise<TokenResponse> {
  return api.post('/auth/login/sms', body, TokenResponseSchema);
}
