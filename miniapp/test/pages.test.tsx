import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import EntryPage from '../src/pages/entry';
import StatusPage from '../src/pages/status';
import { Routes } from '../src/routes';
import { useAppStore } from '../src/stores';

const logIn = () =>
  useAppStore.setState({
    user: { id: 'u1', phone: '13900000000', name: null },
    accessToken: 'a',
    refreshToken: 'r',
  });

describe('entry page', () => {
  it('sends a logged-out user to login (after the weapp-only silent login, a no-op in H5)', async () => {
    render(<EntryPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.login }));
  });

  it('sends a logged-in user without admin positions to the status page', async () => {
    logIn();
    (Taro.request as jest.Mock).mockResolvedValueOnce({ statusCode: 200, header: {}, data: { items: [] } });
    render(<EntryPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.status }));
  });

  it('sends an org admin to the home of the org they administer', async () => {
    logIn();
    const org = {
      id: '7',
      parentId: '1',
      type: 'grassrootsCommittee',
      shortName: '中山大学团委',
      fullName: '中国共产主义青年团中山大学委员会',
      alias: null,
      branchCategory: null,
      depth: 1,
      sortOrder: 0,
      pathNames: ['团广东省委'],
      childCount: 3,
      position: 'secretary',
      isAdmin: true,
      isOperator: true,
    };
    (Taro.request as jest.Mock).mockResolvedValueOnce({ statusCode: 200, header: {}, data: { items: [org] } });
    render(<EntryPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${Routes.adminHome}?orgId=7` }));
    expect(useAppStore.getState().currentOrgId).toBe('7');
  });

  it('falls back to the status page when the org list cannot be loaded', async () => {
    logIn();
    (Taro.request as jest.Mock).mockRejectedValueOnce({ errMsg: 'request:fail' });
    render(<EntryPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.status }));
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

// The member home and cadre pages are no longer placeholders: see member-status.test.tsx
// and cadre-review.test.tsx.
