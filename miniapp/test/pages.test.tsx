import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import EntryPage from '../src/pages/entry';
import StatusPage from '../src/pages/status';
import MemberHomePage from '../src/member/pages/home';
import { Routes } from '../src/routes';
import { useAppStore } from '../src/stores';

const logIn = () =>
  useAppStore.setState({
    user: { id: 'u1', phone: '13900000000', name: null },
    accessToken: 'a',
    refreshToken: 'r',
  });

describe('entry page', () => {
  it('sends a logged-out user to login', () => {
    render(<EntryPage />);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.login });
  });

  it('sends a logged-in user to the status page', () => {
    logIn();
    render(<EntryPage />);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.status });
  });
});

describe('status page', () => {
  it("shows the user's phone and logs out back to login", () => {
    logIn();
    render(<StatusPage />);
    expect(screen.getByTestId('status-phone').textContent).toBe('13900000000');

    fireEvent.click(screen.getByTestId('logout'));
    expect(useAppStore.getState().user).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: Routes.login });
  });

  it('sends a logged-out visitor to login', () => {
    render(<StatusPage />);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: Routes.login });
  });
});

describe('sub-package placeholders', () => {
  it('shows the member home title', () => {
    logIn();
    render(<MemberHomePage />);
    expect(screen.getByText('团员首页')).toBeTruthy();
  });
});
