import { LoginSchema, MobileSchema, PasswordSchema, RegisterSchema, ResetPasswordSchema, SendSmsSchema, SmsLoginSchema, TokenResponseSchema, WechatLoginSchema } from '../src';
import { issues, parsed } from './helpers';

const register = {
  phone: '13812345678',
  password: 'abc12345',
  confirmPassword: 'abc12345',
  smsCode: '123456',
  regionCode: '440106',
  agreed: true,
};

describe('RegisterSchema (§4.1)', () => {
  it('accepts a complete registration and trims the phone', () => {
    expect(parsed(RegisterSchema, { ...register, phone: ' 13812345678 ' })).toEqual(register);
  });

  it.each([
    ['password mismatch', { confirmPassword: 'abc12346' }, { confirmPassword: 'PASSWORD_MISMATCH' }],
    ['missing confirmation', { confirmPassword: undefined }, { confirmPassword: 'REQUIRED' }],
    ['password too short', { password: 'abc1234', confirmPassword: 'abc1234' }, { password: 'PASSWORD_INVALID' }],
    ['password 65 characters', { password: 'a'.repeat(65), confirmPassword: 'a'.repeat(65) }, { password: 'PASSWORD_INVALID' }],
    ['common password', { password: '12345678', confirmPassword: '12345678' }, { password: 'PASSWORD_TOO_COMMON' }],
    ['5-digit SMS code', { smsCode: '12345' }, { smsCode: 'SMS_CODE_INVALID' }],
    ['letters in SMS code', { smsCode: '12345a' }, { smsCode: 'SMS_CODE_INVALID' }],
    ['region not 6 digits', { regionCode: '4401' }, { regionCode: 'REGION_INVALID' }],
    ['agreement false', { agreed: false }, { agreed: 'AGREEMENT_REQUIRED' }],
    ['agreement missing', { agreed: undefined }, { agreed: 'AGREEMENT_REQUIRED' }],
    ['bad phone', { phone: '12345678901' }, { phone: 'MOBILE_INVALID' }],
    ['phone missing', { phone: undefined }, { phone: 'REQUIRED' }],
    ['phone of the wrong type', { phone: 13812345678 }, { phone: 'MOBILE_INVALID' }],
  ])('%s', (_, change, expected) => {
    expect(issues(RegisterSchema, { ...register, ...change })).toEqual(expected);
  });

  it('reports the mismatch together with other problems', () => {
    expect(issues(RegisterSchema, { ...register, smsCode: '1', confirmPassword: 'zzz999' })).toEqual({
      smsCode: 'SMS_CODE_INVALID',
      confirmPassword: 'PASSWORD_MISMATCH',
    });
  });
});

describe('login schemas', () => {
  it('LoginSchema checks presence only for the password', () => {
    expect(issues(LoginSchema, { phone: '13812345678', password: 'x' })).toEqual({});
    expect(issues(LoginSchema, { phone: '13812345678', password: '' })).toEqual({ password: 'REQUIRED' });
    expect(issues(LoginSchema, { phone: '1381234567' })).toEqual({ phone: 'MOBILE_INVALID', password: 'REQUIRED' });
  });

  it('SmsLoginSchema', () => {
    expect(issues(SmsLoginSchema, { phone: '13812345678', smsCode: '000000' })).toEqual({});
    expect(issues(SmsLoginSchema, { phone: '13812345678', smsCode: '0000000' })).toEqual({ smsCode: 'SMS_CODE_INVALID' });
  });

  it('WechatLoginSchema', () => {
    expect(issues(WechatLoginSchema, { code: '081abc' })).toEqual({});
    expect(issues(WechatLoginSchema, { code: '' })).toEqual({ code: 'REQUIRED' });
  });

  it('ResetPasswordSchema', () => {
    const ok = { phone: '13812345678', smsCode: '123456', password: 'newpass1', confirmPassword: 'newpass1' };
    expect(issues(ResetPasswordSchema, ok)).toEqual({});
    expect(issues(ResetPasswordSchema, { ...ok, confirmPassword: 'newpass2' })).toEqual({ confirmPassword: 'PASSWORD_MISMATCH' });
  });

  it('SendSmsSchema', () => {
    expect(issues(SendSmsSchema, { phone: '13812345678', purpose: 'register' })).toEqual({});
    expect(issues(SendSmsSchema, { phone: '13812345678', purpose: 'spam' })).toEqual({ purpose: 'OPTION_INVALID' });
  });

  it('MobileSchema / PasswordSchema keep their shapes', () => {
    expect(MobileSchema.parse(' 13812345678')).toBe('13812345678');
    expect(PasswordSchema.safeParse('abc#1234 x').success).toBe(true);
    expect(TokenResponseSchema.safeParse({ accessToken: 'a', refreshToken: 'r', user: { id: '1', phone: 'p', name: null } }).success).toBe(true);
  });
});
