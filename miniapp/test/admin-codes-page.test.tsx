import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import CodesPage from '../src/admin/pages/codes';
import { API_BASE } from '../src/env';
import { logInAdmin, province, request, serve, withParams } from './admin-fixtures';
import { withDefault } from './mock-defaults';

/**
 * Issue 13 item 2: the codes page lists the codes in force whenever it opens, re-issuing a
 * code in force asks first (the old one stops working), and exporting keeps the codes shown.
 */
const summary = (id: string, shortName: string, fullName: string) => ({
  id,
  parentId: '1',
  type: 'leadingOrgan',
  shortName,
  fullName,
  alias: null,
  branchCategory: null,
  depth: 1,
  sortOrder: 0,
  pathNames: ['团广东省委'],
  childCount: 0,
});
const guangzhou = summary('2', '团广州市委', '中国共产主义青年团广州市委员会');
const shenzhen = summary('3', '团深圳市委', '中国共产主义青年团深圳市委员会');
const code = (orgId: string, orgName: string, value: string) => ({ orgId, orgName, code: value, expiresAt: '2025-12-11T16:00:00.000Z' });

const calls = (method: string, path: string) => request.mock.calls.filter(([o]) => o.method === method && o.url.replace(/^\/api/, '').replace(/\?.*$/, '') === path);

const fetchMock = jest.fn();
beforeAll(() => {
  Object.assign(globalThis, { fetch: fetchMock });
  Object.assign(URL, { createObjectURL: withDefault(() => 'blob:codes'), revokeObjectURL: jest.fn() });
});

beforeEach(() => {
  logInAdmin();
  withParams({ orgId: '1' });
  serve(
    ['GET', '/orgs/1', { data: province }],
    ['GET', '/orgs/1/children', { data: { items: [guangzhou, shenzhen] } }],
    ['GET', '/orgs/1/admin-codes', { data: { items: [code('2', '团广州市委', 'Gz3dE5gH')] } }],
    ['POST', '/orgs/1/children/2/admin-code', { data: code('2', '团广州市委', 'NewCode9') }],
    ['POST', '/orgs/1/children/3/admin-code', { data: code('3', '团深圳市委', 'Sz3dE5gH') }],
    ['POST', '/orgs/1/admin-codes/export', { data: { items: [code('2', '团广州市委', 'Gz3dE5gH'), code('3', '团深圳市委', 'Sz7xY2kQ')] } }],
  );
});

describe('admin codes page', () => {
  it('lists the codes in force on opening, with their expiry', async () => {
    render(<CodesPage />);
    expect((await screen.findByTestId('codes-code-2')).textContent).toBe('Gz3dE5gH');
    expect(screen.getByTestId('codes-row-2').textContent).toContain('有效期至 2025-12-12 00:00');
    expect(screen.getByTestId('codes-issue-2').textContent).toBe('重新生成');
    // no code in force: nothing shown, a plain 生成注册码
    expect(screen.queryByTestId('codes-code-3')).toBeNull();
    expect(screen.getByTestId('codes-issue-3').textContent).toBe('生成注册码');
  });

  it('re-issuing a code in force asks first and says the old one stops working', async () => {
    render(<CodesPage />);
    await screen.findByTestId('codes-code-2');
    fireEvent.click(screen.getByTestId('codes-issue-2'));
    expect(await screen.findByText(/重新生成后，原注册码将立即失效/)).toBeTruthy();
    expect(calls('POST', '/orgs/1/children/2/admin-code')).toHaveLength(0);

    // 取消: nothing issued, the code stays
    fireEvent.click(screen.getByText('取消'));
    await waitFor(() => expect(screen.queryByText(/重新生成后，原注册码将立即失效/)).toBeNull());
    expect(calls('POST', '/orgs/1/children/2/admin-code')).toHaveLength(0);
    expect(screen.getByTestId('codes-code-2').textContent).toBe('Gz3dE5gH');

    // 重新生成 in the dialog: issued, the new code shown
    fireEvent.click(screen.getByTestId('codes-issue-2'));
    await screen.findByText(/重新生成后，原注册码将立即失效/);
    const buttons = screen.getAllByText('重新生成');
    fireEvent.click(buttons[buttons.length - 1]!);
    await waitFor(() => expect(screen.getByTestId('codes-code-2').textContent).toBe('NewCode9'));
    expect(calls('POST', '/orgs/1/children/2/admin-code')).toHaveLength(1);
  });

  it('issues a first code without asking', async () => {
    render(<CodesPage />);
    fireEvent.click(await screen.findByTestId('codes-issue-3'));
    expect((await screen.findByTestId('codes-code-3')).textContent).toBe('Sz3dE5gH');
    expect(screen.queryByText(/重新生成后，原注册码将立即失效/)).toBeNull();
  });

  it('exports with a POST that keeps the codes handed out, then downloads the sheet with a GET', async () => {
    fetchMock.mockResolvedValueOnce({ status: 200, ok: true, text: async () => '', blob: async () => new Blob(['xlsx']) });
    render(<CodesPage />);
    await screen.findByTestId('codes-code-2');
    fireEvent.click(screen.getByTestId('codes-export'));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(calls('POST', '/orgs/1/admin-codes/export')).toHaveLength(1);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${API_BASE}/orgs/1/admin-codes.xlsx`);
    expect(init.method ?? 'GET').toBe('GET');
    expect(screen.getByTestId('codes-code-2').textContent).toBe('Gz3dE5gH');
    expect((await screen.findByTestId('codes-code-3')).textContent).toBe('Sz7xY2kQ');
  });
});
