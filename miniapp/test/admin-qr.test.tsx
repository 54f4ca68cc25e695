import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import QrPage from '../src/admin/pages/qr';
import { logInAdmin, province, serve, withParams } from './admin-fixtures';

const qr = (kind: 'checkin' | 'cadre', url: string) => ({
  kind,
  scene: 'g12abc',
  url,
  imageDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
  orgFullName: province.fullName,
  pathNames: [],
});

/** Issue 13 item 19: admins print the code and forward its link. */
describe('QR page', () => {
  beforeEach(() => {
    logInAdmin();
    withParams({ orgId: '1' });
  });

  it('shows the link under the image and copies it', async () => {
    const url = 'http://127.0.0.1:3000/pages/entry/index?scene=g12abc';
    serve(['GET', '/orgs/1', { data: province }], ['GET', '/orgs/1/qr/cadre', { data: qr('cadre', url) }]);
    render(<QrPage />);
    expect((await screen.findByTestId('qr-url')).textContent).toBe(url);
    // the link comes after the image, inside the printable card
    const image = screen.getByTestId('qr-image');
    expect(image.compareDocumentPosition(screen.getByTestId('qr-url')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(screen.getByTestId('qr-copy'));
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: url });
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '链接已复制', icon: 'none' }));
  });

  it('says so when copying fails', async () => {
    serve(['GET', '/orgs/1', { data: province }], ['GET', '/orgs/1/qr/cadre', { data: qr('cadre', 'http://x/y') }]);
    (Taro.setClipboardData as jest.Mock).mockImplementationOnce(() => Promise.reject(new Error('denied')));
    render(<QrPage />);
    fireEvent.click(await screen.findByTestId('qr-copy'));
    expect((await screen.findByTestId('qr-error')).textContent).toBe('复制失败，请长按链接手动复制');
  });
});
