import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorMessages } from '@tj/shared';
import ForgotPasswordPage from '../src/account/pages/forgot';
import ResetByCodePage from '../src/account/pages/reset-code';
import SettingsPage from '../src/account/pages/settings';
import ResetCodesPage from '../src/admin/pages/reset-codes';
import LoginPage from '../src/pages/login';
import { Routes } from '../src/routes';
import { useAppStore } from '../src/stores';
import { province } from './admin-fixtures';
import { calls, logIn, serve, withParams } from './checkin-fixtures';

/** Issue 13 item 16: the account flows the API had and the UI hid. */

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const tokens = (phone = '13800000000') => ({ accessToken: 'access-2', refreshToken: 'refresh-2', user: { id: 'u1', phone, name: null } });
const bodyOf = (method: string, path: string) => JSON.parse(calls(method, path)[0][0].data);

afterEach(() => jest.restoreAllMocks());

describe('login page variants', () => {
  it('links 忘记密码, registration and 组织管理员注册 while logged out', () => {
    render(<LoginPage />);
    fireEvent.click(screen.getByTestId('login-forgot'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: Routes.accountForgot });
    fireEvent.click(screen.getByTestId('login-admin-register'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: Routes.adminRegister });
    fireEvent.click(screen.getByTestId('login-to-register'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: Routes.memberRegister });
  });

  it('验证码登录: checks the phone before sending, sends a login code, logs in with it', async () => {
    serve(['POST', '/auth/sms', { data: { expiresInSeconds: 300, resendAfterSeconds: 60 } }], ['POST', '/auth/login/sms', { data: tokens() }]);
    render(<LoginPage />);
    fireEvent.click(screen.getByTestId('login-mode-sms'));
    expect(screen.queryByTestId('login-password')).toBeNull();
    type('login-sms-phone', '12345');
    fireEvent.click(screen.getByTestId('login-sms-send'));
    expect((await screen.findByTestId('login-error')).textContent).toBe(ErrorMessages.MOBILE_INVALID);
    expect(calls('POST', '/auth/sms')).toHaveLength(0);

    type('login-sms-phone', '13800000000');
    fireEvent.click(screen.getByTestId('login-sms-send'));
    await waitFor(() => expect(calls('POST', '/auth/sms')).toHaveLength(1));
    expect(bodyOf('POST', '/auth/sms')).toEqual({ phone: '13800000000', purpose: 'login' });

    type('login-smsCode', '12');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('login-error')).textContent).toBe(ErrorMessages.SMS_CODE_INVALID);
    type('login-smsCode', '123456');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: Routes.status }));
    expect(bodyOf('POST', '/auth/login/sms')).toEqual({ phone: '13800000000', smsCode: '123456' });
    expect(useAppStore.getState().accessToken).toBe('access-2');
  });

  it("shows the server's refusal of an SMS login", async () => {
    serve(['POST', '/auth/login/sms', { status: 400, data: { code: 'SMS_CODE_WRONG', message: ErrorMessages.SMS_CODE_WRONG, field: 'smsCode' } }]);
    render(<LoginPage />);
    fireEvent.click(screen.getByTestId('login-mode-sms'));
    type('login-sms-phone', '13800000000');
    type('login-smsCode', '654321');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('login-error')).textContent).toBe(ErrorMessages.SMS_CODE_WRONG);
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });

  it('resumes the flow a scanned QR started (kept in the store) after a password login', async () => {
    useAppStore.getState().setPendingEntry(`${Routes.cadreEntry}?scene=gAbc`);
    serve(['POST', '/auth/login', { data: tokens() }]);
    render(<LoginPage />);
    type('login-phone', '13800000000');
    type('login-password', 'abc12345');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: `${Routes.cadreEntry}?scene=gAbc` }));
    expect(useAppStore.getState().pendingEntry).toBeNull();
  });

  it('prefers ?redirect= and still forgets the pending flow', async () => {
    useAppStore.getState().setPendingEntry(`${Routes.cadreEntry}?scene=gOld`);
    withParams({ redirect: `${Routes.cadreEntry}?token=t1` });
    serve(['POST', '/auth/login', { data: tokens() }]);
    render(<LoginPage />);
    type('login-phone', '13800000000');
    type('login-password', 'abc12345');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: `${Routes.cadreEntry}?token=t1` }));
    expect(useAppStore.getState().pendingEntry).toBeNull();
  });
});

describe('忘记密码 (SMS)', () => {
  it('checks with the shared rules, then resets and offers the way back to login', async () => {
    serve(['POST', '/auth/sms', { data: { expiresInSeconds: 300, resendAfterSeconds: 60 } }], ['POST', '/auth/password/reset', { status: 204, data: null }]);
    render(<ForgotPasswordPage />);
    type('forgot-phone', '13800000000');
    fireEvent.click(screen.getByTestId('forgot-smsCode-send'));
    await waitFor(() => expect(calls('POST', '/auth/sms')).toHaveLength(1));
    expect(bodyOf('POST', '/auth/sms')).toEqual({ phone: '13800000000', purpose: 'resetPassword' });
    type('forgot-smsCode', '123456');
    type('forgot-password', 'x');
    type('forgot-confirmPassword', 'y');
    fireEvent.click(screen.getByTestId('forgot-submit'));
    expect((await screen.findByTestId('forgot-password-error')).textContent).toBe(ErrorMessages.PASSWORD_INVALID);
    expect(screen.getByTestId('forgot-confirmPassword-error').textContent).toBe(ErrorMessages.PASSWORD_MISMATCH);
    expect(calls('POST', '/auth/password/reset')).toHaveLength(0);

    type('forgot-password', 'new12345');
    type('forgot-confirmPassword', 'new12345');
    fireEvent.click(screen.getByTestId('forgot-submit'));
    await screen.findByTestId('forgot-done');
    expect(bodyOf('POST', '/auth/password/reset')).toEqual({ phone: '13800000000', smsCode: '123456', password: 'new12345', confirmPassword: 'new12345' });
    fireEvent.click(screen.getByTestId('forgot-to-login'));
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.login });
  });

  it("places the server's error at its field", async () => {
    serve(['POST', '/auth/password/reset', { status: 400, data: { code: 'SMS_CODE_WRONG', message: ErrorMessages.SMS_CODE_WRONG, field: 'smsCode' } }]);
    render(<ForgotPasswordPage />);
    type('forgot-phone', '13800000000');
    type('forgot-smsCode', '123456');
    type('forgot-password', 'new12345');
    type('forgot-confirmPassword', 'new12345');
    fireEvent.click(screen.getByTestId('forgot-submit'));
    expect((await screen.findByTestId('forgot-smsCode-field-error')).textContent).toBe(ErrorMessages.SMS_CODE_WRONG);
  });

  it('links to the reset-code page for a lost phone', () => {
    render(<ForgotPasswordPage />);
    fireEvent.click(screen.getByTestId('forgot-use-code'));
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.accountResetCode });
  });
});

describe('使用重置码', () => {
  it('resets with the code, and with a new phone proven by a registration SMS', async () => {
    serve(['POST', '/auth/sms', { data: { expiresInSeconds: 300, resendAfterSeconds: 60 } }], ['POST', '/auth/reset-by-code', { status: 204, data: null }]);
    render(<ResetByCodePage />);
    type('rc-phone', '13800000000');
    type('rc-code', '123456');
    type('rc-password', 'new12345');
    type('rc-confirmPassword', 'new12345');
    fireEvent.click(screen.getByTestId('rc-change-phone'));
    fireEvent.click(screen.getByTestId('rc-submit'));
    expect((await screen.findByTestId('rc-newPhone-error')).textContent).toBe(ErrorMessages.MOBILE_INVALID);
    type('rc-newPhone', '13900000009');
    fireEvent.click(screen.getByTestId('rc-smsCode-send'));
    await waitFor(() => expect(calls('POST', '/auth/sms')).toHaveLength(1));
    expect(bodyOf('POST', '/auth/sms')).toEqual({ phone: '13900000009', purpose: 'register' });
    type('rc-smsCode', '654321');
    fireEvent.click(screen.getByTestId('rc-submit'));
    expect((await screen.findByTestId('reset-code-done')).textContent).toContain('13900000009');
    expect(bodyOf('POST', '/auth/reset-by-code')).toEqual({
      phone: '13800000000',
      code: '123456',
      password: 'new12345',
      confirmPassword: 'new12345',
      newPhone: '13900000009',
      smsCode: '654321',
    });
  });

  it('shows a wrong code at the code field', async () => {
    serve(['POST', '/auth/reset-by-code', { status: 400, data: { code: 'RESET_CODE_WRONG', message: ErrorMessages.RESET_CODE_WRONG, field: 'code' } }]);
    render(<ResetByCodePage />);
    type('rc-phone', '13800000000');
    type('rc-code', '000000');
    type('rc-password', 'new12345');
    type('rc-confirmPassword', 'new12345');
    fireEvent.click(screen.getByTestId('rc-submit'));
    expect((await screen.findByTestId('rc-code-error')).textContent).toBe(ErrorMessages.RESET_CODE_WRONG);
  });
});

describe('账号设置 修改密码', () => {
  it('sends a logged-out visitor to login', () => {
    render(<SettingsPage />);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: Routes.login });
  });

  it('changes the password and keeps this device logged in with the new tokens', async () => {
    logIn();
    serve(['POST', '/auth/password/change', { data: tokens('13900000001') }]);
    render(<SettingsPage />);
    expect(screen.getByTestId('settings-phone').textContent).toBe('13900000001');
    type('settings-oldPassword', 'old12345');
    type('settings-password', 'new12345');
    type('settings-confirmPassword', 'new12399');
    fireEvent.click(screen.getByTestId('settings-submit'));
    expect((await screen.findByTestId('settings-confirmPassword-error')).textContent).toBe(ErrorMessages.PASSWORD_MISMATCH);
    type('settings-confirmPassword', 'new12345');
    fireEvent.click(screen.getByTestId('settings-submit'));
    await screen.findByTestId('settings-done');
    expect(bodyOf('POST', '/auth/password/change')).toEqual({ oldPassword: 'old12345', password: 'new12345', confirmPassword: 'new12345' });
    expect(useAppStore.getState()).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('shows a wrong old password at its field', async () => {
    logIn();
    serve(['POST', '/auth/password/change', { status: 400, data: { code: 'OLD_PASSWORD_WRONG', message: ErrorMessages.OLD_PASSWORD_WRONG, field: 'oldPassword' } }]);
    render(<SettingsPage />);
    type('settings-oldPassword', 'nope1234');
    type('settings-password', 'new12345');
    type('settings-confirmPassword', 'new12345');
    fireEvent.click(screen.getByTestId('settings-submit'));
    expect((await screen.findByTestId('settings-oldPassword-error')).textContent).toBe(ErrorMessages.OLD_PASSWORD_WRONG);
    expect(useAppStore.getState().accessToken).toBe('token-1');
  });
});

describe('admin 密码重置码', () => {
  const org = {
    ...province,
    id: '7',
    parentId: '1',
    type: 'grassrootsCommittee',
    shortName: '中山大学团委',
    fullName: '中国共产主义青年团中山大学委员会',
    depth: 1,
    pathNames: ['团广东省委'],
  };

  it('issues a code for a phone of the subtree and shows it with its expiry', async () => {
    logIn();
    withParams({ orgId: '7' });
    serve(
      ['GET', '/orgs/7', { data: org }],
      ['GET', '/me/orgs', { data: { items: [] } }],
      ['POST', '/orgs/7/reset-codes', { data: { name: '陈思远', code: '482913', expiresAt: '2030-01-02T03:04:00.000Z' } }],
    );
    render(<ResetCodesPage />);
    await screen.findByTestId('reset-phone');
    type('reset-phone', '1380');
    fireEvent.click(screen.getByTestId('reset-issue'));
    expect((await screen.findByTestId('reset-phone-error')).textContent).toBe(ErrorMessages.MOBILE_INVALID);
    expect(calls('POST', '/orgs/7/reset-codes')).toHaveLength(0);
    type('reset-phone', '13800000005');
    fireEvent.click(screen.getByTestId('reset-issue'));
    expect((await screen.findByTestId('reset-code-value')).textContent).toBe('482913');
    expect(screen.getByTestId('reset-who').textContent).toContain('陈思远');
    // China's clock (UTC+8), not the device's zone: the same expiry on every phone.
    expect(screen.getByText(/有效期至/).textContent).toContain('有效期至 2030-01-02 11:04');
    expect(bodyOf('POST', '/orgs/7/reset-codes')).toEqual({ phone: '13800000005' });
  });

  it('says when the phone is nobody of the subtree', async () => {
    logIn();
    withParams({ orgId: '7' });
    serve(
      ['GET', '/orgs/7', { data: org }],
      ['GET', '/me/orgs', { data: { items: [] } }],
      ['POST', '/orgs/7/reset-codes', { status: 400, data: { code: 'PERSON_NOT_IN_SUBTREE', message: ErrorMessages.PERSON_NOT_IN_SUBTREE, field: 'phone' } }],
    );
    render(<ResetCodesPage />);
    await screen.findByTestId('reset-phone');
    type('reset-phone', '13800000006');
    fireEvent.click(screen.getByTestId('reset-issue'));
    expect((await screen.findByTestId('reset-phone-error')).textContent).toBe(ErrorMessages.PERSON_NOT_IN_SUBTREE);
    expect(screen.queryByTestId('reset-result')).toBeNull();
  });
});
