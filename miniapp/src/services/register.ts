import {
  RegisterSchema,
  SendSmsSchema,
  SmsLoginSchema,
  SmsSentSchema,
  TokenResponseSchema,
  type SmsPurpose,
  type SmsSent,
  type TokenResponse,
} from '@tj/shared';
import { checkWith, type Checked } from './form-check';
import { http } from './http';

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

export const checkSmsPhone = (phone: string, purpose: SmsPurpose): Checked<{ phone: string; purpose: SmsPurpose }> =>
  checkWith(SendSmsSchema, { phone: phone.trim(), purpose });

export async function sendSmsCode(phone: string, purpose: SmsPurpose): Promise<SmsSent> {
  const { data } = await http.post<unknown>('/auth/sms', { phone: phone.trim(), purpose });
  return SmsSentSchema.parse(data);
}

export async function registerAccount(body: unknown): Promise<TokenResponse> {
  const { data } = await http.post<unknown>('/auth/register', body);
  return TokenResponseSchema.parse(data);
}

export const checkSmsLogin = (phone: string, smsCode: string) => checkWith(SmsLoginSchema, { phone: phone.trim(), smsCode: smsCode.trim() });

export async function loginWithSms(body: unknown): Promise<TokenResponse> {
  const { data } = await http.post<unknown>('/auth/login/sms', body);
  return TokenResponseSchema.parse(data);
}
