import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorMessages } from '@tj/shared';
import { API_BASE } from '../src/env';
import LoginPage from '../src/pages/login';
import { Routes } from '../src/routes';
import { STORE_KEY, useAppStore } from '../src/stores';

const request = Taro.request as jest.Mock;

function fillAndSubmit(phone: string, password: string) {
  fireEvent.change(screen.getByTestId('login-phone'), { target: { value: phone } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('login-submit'));
}

describe('login page', () => {
  it('shows the title, both inputs and the login button', () => {
    render(<LoginPage />);
    expect(screen.getByText('智慧团建')).toBeTruthy();
    expect(screen.getByTestId('login-phone').getAttribute('name')).toBe('phone');
    expect(screen.getByTestId('login-password').getAttribute('type')).toBe('password');
    expect(screen.getByTestId('login-submit').textContent).toContain('登录');
    expect(screen.queryByTestId('login-error')).toBeNull();
  });

  it('refuses a malformed phone with the shared message, without calling the server', async () => {
    render(<LoginPage />);
    fillAndSubmit('1380000', 'secret1');
    expect((await screen.findByTestId('login-error')).textContent).toBe(ErrorMessages.MOBILE_INVALID);
    expect(request).not.toHaveBeenCalled();
  });

  it('asks for the password when it is empty', async () => {
    render(<LoginPage />);
    fillAndSubmit('13800000000', '');
    expect((await screen.findByTestId('login-error')).textContent).toBe('请输入密码');
    expect(request).not.toHaveBeenCalled();
  });

  it("shows the server's own message when login is refused", async () => {
    request.mockResolvedValueOnce({
      statusCode: 401,
      header: {},
      data: { code: 'INVALID_CREDENTIALS', message: '手机号或密码错误（服务器）' },
    });
    render(<LoginPage />);
    fillAndSubmit('13800000000', 'wrong12');

    expect((await screen.findByTestId('login-error')).textContent).toBe('手机号或密码错误（服务器）');
    expect(request).toHaveBeenCalledTimes(1);
    const call = request.mock.calls[0][0];
    expect(call).toMatchObject({ url: `${API_BASE}/auth/login`, method: 'POST' });
    expect(JSON.parse(call.data)).toEqual({ phone: '13800000000', password: 'wrong12' });
    expect(useAppStore.getState().user).toBeNull();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });

  it('shows a network message when the server cannot be reached', async () => {
    request.mockRejectedValueOnce({ errMsg: 'request:fail' });
    render(<LoginPage />);
    fillAndSubmit('13800000000', 'secret1');
    expect((await screen.findByTestId('login-error')).textContent).toBe('网络连接失败，请检查网络后重试');
  });

  it('stores the session and opens the status page on success', async () => {
    request.mockResolvedValueOnce({
      statusCode: 200,
      header: {},
      data: {
        accessToken: 'access-1',
        refreshToken: 'refresh-1',
        user: { id: 'u1', phone: '13800000000', name: null },
      },
    });
    render(<LoginPage />);
    fillAndSubmit(' 13800000000 ', 'secret1');

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: Routes.status }));
    expect(useAppStore.getState().user?.phone).toBe('13800000000');
    expect(Taro.getStorageSync(STORE_KEY)).toContain('access-1');
    expect(screen.queryByTestId('login-error')).toBeNull();
  });
});
