import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorMessages } from '@tj/shared';
import { ExcelImport } from '../src/components/excel-import';
import { API_BASE } from '../src/env';
import { OrgFieldLabels } from '../src/labels/org';
import { logInAdmin } from './admin-fixtures';
import { withDefault } from './mock-defaults';

const fetchMock = jest.fn();
const reply = (status: number, body: unknown) => ({
  status,
  ok: status >= 200 && status < 300,
  text: async () => JSON.stringify(body),
  blob: async () => new Blob(['xlsx']),
});

beforeAll(() => {
  Object.assign(globalThis, { fetch: fetchMock });
  Object.assign(URL, { createObjectURL: withDefault(() => 'blob:template'), revokeObjectURL: jest.fn() });
});

const renderImport = (onImported = jest.fn()) => {
  render(
    <ExcelImport what='下级组织' templatePath='/orgs/1/import/template.xlsx' templateName='模板.xlsx' uploadPath='/orgs/1/import' fieldLabels={OrgFieldLabels} onImported={onImported} />,
  );
  return onImported;
};

const pick = (name = 'orgs.xlsx') =>
  fireEvent.change(screen.getByTestId('import-file'), {
    target: { files: [new File(['PK'], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })] },
  });

describe('ExcelImport', () => {
  beforeEach(logInAdmin);

  it('uploads the picked .xlsx as multipart field "file" with the bearer token', async () => {
    fetchMock.mockResolvedValueOnce(reply(200, { imported: 3 }));
    const onImported = renderImport();
    pick();

    expect((await screen.findByTestId('import-success')).textContent).toBe('已成功导入 3 个下级组织');
    expect(onImported).toHaveBeenCalledWith(3);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${API_BASE}/orgs/1/import`);
    expect(init.method).toBe('POST');
    expect(init.headers.Authorization).toBe('Bearer token-1');
    expect(init.headers['Content-Type']).toBeUndefined();
    expect((init.body as FormData).get('file')).toBeInstanceOf(File);
    expect(screen.getByTestId('import-file-name').textContent).toContain('orgs.xlsx');
  });

  it('lists every refused row with its row number, field and message (nothing imported)', async () => {
    fetchMock.mockResolvedValueOnce(
      reply(400, {
        code: 'IMPORT_ROWS_INVALID',
        message: ErrorMessages.IMPORT_ROWS_INVALID,
        rows: [
          { row: 3, field: 'shortName', code: 'SHORT_NAME_SHAPE', message: ErrorMessages.SHORT_NAME_SHAPE },
          { row: 5, field: 'secretaryPhone', code: 'MOBILE_INVALID', message: ErrorMessages.MOBILE_INVALID },
          { row: 6, code: 'ORG_NAME_TAKEN', message: ErrorMessages.ORG_NAME_TAKEN },
        ],
      }),
    );
    const onImported = renderImport();
    pick();

    const error = await screen.findByTestId('import-error');
    expect(error.textContent).toContain(ErrorMessages.IMPORT_ROWS_INVALID);
    expect(screen.getByTestId('import-row-3').textContent).toBe(`第3行组织简称：${ErrorMessages.SHORT_NAME_SHAPE}`);
    expect(screen.getByTestId('import-row-5').textContent).toBe(`第5行书记手机号码：${ErrorMessages.MOBILE_INVALID}`);
    expect(screen.getByTestId('import-row-6').textContent).toBe(`第6行${ErrorMessages.ORG_NAME_TAKEN}`);
    expect(onImported).not.toHaveBeenCalled();
    expect(screen.queryByTestId('import-success')).toBeNull();

    // the corrected file replaces the error list with the result
    fetchMock.mockResolvedValueOnce(reply(200, { imported: 4 }));
    pick('orgs-fixed.xlsx');
    expect((await screen.findByTestId('import-success')).textContent).toContain('4');
    expect(screen.queryByTestId('import-row-errors')).toBeNull();
  });

  it("shows the server's message for a file it cannot read", async () => {
    fetchMock.mockResolvedValueOnce(reply(400, { code: 'IMPORT_FILE_INVALID', message: '无法读取（服务器）', field: 'file' }));
    renderImport();
    pick();
    expect((await screen.findByTestId('import-error')).textContent).toBe('无法读取（服务器）');
  });

  it('reports a network failure in words', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    renderImport();
    pick();
    expect((await screen.findByTestId('import-error')).textContent).toBe('网络连接失败，请检查网络后重试');
  });

  it('downloads the template with the token and saves it under the given name', async () => {
    fetchMock.mockResolvedValueOnce(reply(200, {}));
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderImport();
    fireEvent.click(screen.getByTestId('import-template'));

    await waitFor(() => expect(click).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${API_BASE}/orgs/1/import/template.xlsx`);
    expect(init.headers.Authorization).toBe('Bearer token-1');
    const anchor = click.mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('模板.xlsx');
    expect(anchor.href).toBe('blob:template');
    click.mockRestore();
  });
});
