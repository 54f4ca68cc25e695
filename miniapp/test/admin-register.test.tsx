import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorMessages, SMS_RESEND_AFTER_SECONDS, idCheckChar } from '@tj/shared';
import AdminRegisterPage from '../src/admin/pages/register';
import { Routes } from '../src/routes';
import { useAppStore } from '../src/stores';
import { request, serve } from './admin-fixtures';

const id = (first17: string) => first17 + idCheckChar(first17);
const target = { orgId: '12', shortName: '中山大学团委', fullName: '中国共产主义青年团中山大学委员会', type: 'grassrootsCommittee', pathNames: ['团广东省委', '团广州市委'] };

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const errorOf = (field: string) => screen.queryByTestId(`register-${field}-error`)?.textContent;
const confirmPicker = async (testId: string) => {
  fireEvent.click(screen.getByTestId(testId));
  const button = await waitFor(() => {
    const el = [...document.querySelectorAll('.nut-picker-confirm-btn')].pop();
    if (!el) throw new Error('picker not open');
    return el as HTMLElement;
  });
  fireEvent.click(button);
};

async function reachForm() {
  render(<AdminRegisterPage />);
  type('register-code', 'Ab3dE5gH');
  fireEvent.click(screen.getByTestId('register-lookup'));
  await screen.findByTestId('register-org');
}

describe('admin registration page', () => {
  it('checks the code shape with the shared rule before asking the server', () => {
    render(<AdminRegisterPage />);
    type('register-code', 'abc');
    fireEvent.click(screen.getByTestId('register-lookup'));
    expect(errorOf('code')).toBe(ErrorMessages.ADMIN_CODE_INVALID);
    expect(request).not.toHaveBeenCalled();
  });

  it("shows the server's answer for an expired code at the code field", async () => {
    serve(['POST', '/admin-codes/lookup', { status: 400, data: { code: 'ADMIN_CODE_EXPIRED', message: '注册码已过期（服务器）' } }]);
    render(<AdminRegisterPage />);
    type('register-code', 'Ab3dE5gH');
    fireEvent.click(screen.getByTestId('register-lookup'));
    await waitFor(() => expect(errorOf('code')).toBe('注册码已过期（服务器）'));
    expect(screen.queryByTestId('register-org')).toBeNull();
  });

  it('shows the org the code belongs to, with its full path, before any personal data', async () => {
    serve(['POST', '/admin-codes/lookup', { data: target }]);
    await reachForm();
    expect(screen.getByTestId('register-org-name').textContent).toBe(target.fullName);
    expect(screen.getByTestId('register-org').textContent).toContain('团广东省委 › 团广州市委 › 中山大学团委 · 基层团委');
    expect(JSON.parse(request.mock.calls[0][0].data)).toEqual({ code: 'Ab3dE5gH' });
  });

  it('shows every registration problem next to its field', async () => {
    serve(['POST', '/admin-codes/lookup', { data: target }]);
    await reachForm();
    type('register-idNumber', id('44010619900101123'));
    type('register-password', 'abc12345');
    type('register-confirmPassword', 'abc12346');
    fireEvent.click(screen.getByTestId('register-submit'));

    expect(errorOf('position')).toBe(ErrorMessages.REQUIRED);
    expect(errorOf('name')).toBe(ErrorMessages.NAME_INVALID);
    expect(errorOf('idNumber')).toBeUndefined();
    expect(errorOf('phone')).toBe(ErrorMessages.MOBILE_INVALID);
    expect(errorOf('smsCode')).toBe(ErrorMessages.SMS_CODE_INVALID);
    expect(errorOf('confirmPassword')).toBe(ErrorMessages.PASSWORD_MISMATCH);
    expect(errorOf('joinedAt')).toBe(ErrorMessages.REQUIRED);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('applies the join-age rule (§5.3) to ID number and 入团年月', async () => {
    serve(['POST', '/admin-codes/lookup', { data: target }]);
    await reachForm();
    // born 2015: joining this month is far below 13
    type('register-idNumber', id('44010620150101123'));
    await confirmPicker('register-joinedAt');
    expect(screen.getByTestId('register-joinedAt').textContent).toMatch(/^\d{4}年\d{2}月/);
    fireEvent.click(screen.getByTestId('register-submit'));
    expect(errorOf('joinedAt')).toBe(ErrorMessages.JOIN_AGE_UNDER_13);
  });

  it('checks the phone before sending the SMS code, then counts down the shared wait', async () => {
    serve(['POST', '/admin-codes/lookup', { data: target }], ['POST', '/auth/sms', { data: { sent: true } }]);
    await reachForm();
    fireEvent.click(screen.getByTestId('register-sms'));
    await waitFor(() => expect(errorOf('phone')).toBe(ErrorMessages.MOBILE_INVALID));
    expect(request).toHaveBeenCalledTimes(1);

    type('register-phone', '13900000077');
    fireEvent.click(screen.getByTestId('register-sms'));
    await waitFor(() => expect(screen.getByTestId('register-sms').textContent).toBe(`${SMS_RESEND_AFTER_SECONDS}秒后重新获取`));
    expect(JSON.parse(request.mock.calls[1][0].data)).toEqual({ phone: '13900000077', purpose: 'adminRegister' });
  });

  it('registers, logs in and opens the org home', async () => {
    serve(
      ['POST', '/admin-codes/lookup', { data: target }],
      ['POST', '/auth/admin-register', { data: { accessToken: 'new-a', refreshToken: 'new-r', user: { id: 'u9', phone: '13900000077', name: '黄校管' } } }],
      ['GET', '/me/orgs', { data: { items: [] } }],
    );
    await reachForm();
    await confirmPicker('register-position');
    expect(screen.getByTestId('register-position').textContent).toContain('书记');
    type('register-name', '黄校管');
    type('register-idNumber', id('44010619900101123'));
    await confirmPicker('register-joinedAt');
    type('register-phone', '13900000077');
    type('register-smsCode', '123456');
    type('register-password', 'abc12345');
    type('register-confirmPassword', 'abc12345');
    fireEvent.click(screen.getByTestId('register-submit'));

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: `${Routes.adminHome}?orgId=12` }));
    const sent = JSON.parse(request.mock.calls[1][0].data);
    expect(sent).toMatchObject({ orgId: '12', position: 'secretary', code: 'Ab3dE5gH', name: '黄校管', phone: '13900000077', smsCode: '123456' });
    expect(sent.joinedAt).toMatch(/^\d{4}-\d{2}$/);
    expect(useAppStore.getState()).toMatchObject({ accessToken: 'new-a', homeOrgId: '12', currentOrgId: '12' });
  });

  it("puts the server's field error next to the field", async () => {
    serve(
      ['POST', '/admin-codes/lookup', { data: target }],
      ['POST', '/auth/admin-register', { status: 400, data: { code: 'SMS_CODE_WRONG', message: '验证码错误（服务器）', field: 'smsCode' } }],
    );
    await reachForm();
    await confirmPicker('register-position');
    type('register-name', '黄校管');
    type('register-idNumber', id('44010619900101123'));
    await confirmPicker('register-joinedAt');
    type('register-phone', '13900000077');
    type('register-smsCode', '654321');
    type('register-password', 'abc12345');
    type('register-confirmPassword', 'abc12345');
    fireEvent.click(screen.getByTestId('register-submit'));
    await waitFor(() => expect(errorOf('smsCode')).toBe('验证码错误（服务器）'));
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });
});
