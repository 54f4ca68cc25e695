import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorMessages, TRANSFER_REMARKS_MAX_CHARS } from '@tj/shared';
import TransferApplyPage from '../src/member/pages/transfer-apply';
import { ImageAttachments, type UploadedImage } from '../src/components/image-attachments';
import { branch, logIn, myCheckin, serve } from './checkin-fixtures';

jest.mock('../src/services/uploads', () => ({
  uploadImage: jest.requireActual<typeof import('./mock-defaults')>('./mock-defaults').withDefault(async (picked: { file: File }, mime: string, size: number) => ({
    upload: { fileId: picked.file.name, mime, size, url: '' },
    attachment: { fileId: picked.file.name, mime, size },
  })),
}));

const textarea = (testId: string) => screen.getByTestId(testId).querySelector('textarea') as HTMLTextAreaElement;
const png = (name: string, size = 1000) => {
  const f = new File(['x'], name, { type: 'image/png' });
  Object.defineProperty(f, 'size', { value: size });
  return f;
};

const approved = ['GET', '/me/checkin', { data: myCheckin({ status: 'approved', realNameStatus: 'passed', branch, resumeStep: 'confirm' }) }] as const;

describe('transfer application (member)', () => {
  beforeEach(() => {
    logIn();
    serve(['GET', '/me/transfers/current', { data: { transfer: null } }], [...approved]);
    (global.URL as unknown as { createObjectURL: () => string }).createObjectURL = () => 'blob:x';
  });

  it('counts 备注 live and shows the shared 100-character message beyond the limit', async () => {
    render(<TransferApplyPage />);
    await screen.findByTestId('transfer-remarks-count');
    expect(screen.getByTestId('transfer-remarks-count').textContent).toBe(`0/${TRANSFER_REMARKS_MAX_CHARS}`);
    fireEvent.change(textarea('transfer-remarks-input'), { target: { value: '升学' } });
    expect(screen.getByTestId('transfer-remarks-count').textContent).toBe('2/100');
    expect(screen.queryByTestId('transfer-remarks-error')).toBeNull();
    fireEvent.change(textarea('transfer-remarks-input'), { target: { value: '长'.repeat(101) } });
    expect(screen.getByTestId('transfer-remarks-count').textContent).toBe('101/100');
    expect(screen.getByTestId('transfer-remarks-error').textContent).toBe(ErrorMessages.TRANSFER_REMARKS_TOO_LONG);
    expect(ErrorMessages.TRANSFER_REMARKS_TOO_LONG).toBe('备注最多100字');
  });

  it('下一步 checks the form with the shared schema and shows each message at its field', async () => {
    render(<TransferApplyPage />);
    fireEvent.click(await screen.findByTestId('transfer-next'));
    expect(screen.getByTestId('transfer-dest-error').textContent).toBe(ErrorMessages.REQUIRED);
    expect(screen.getByTestId('transfer-contact-error').textContent).toBe(ErrorMessages.REQUIRED);
    expect(screen.getByTestId('transfer-reason-error').textContent).toBe(ErrorMessages.REQUIRED);
    expect(screen.getByTestId('transfer-attachments-error').textContent).toBe(ErrorMessages.ATTACHMENTS_REQUIRED);
    expect(screen.queryByTestId('transfer-verify')).toBeNull();
  });

  it('[003] shows the attachment limit next to the picker and the watermark notice', async () => {
    render(<TransferApplyPage />);
    await screen.findByTestId('transfer-next');
    expect(document.body.textContent).toContain('图片最多上传5张，大小限定为2M，仅支持图片类型');
    expect(screen.getByTestId('transfer-watermark-note').textContent).toContain('我们会添加水印“仅用于组织关系转接”');
  });

  it('[003 五2] 暂不明确 the branch: the destination’s 临时中转团组织 instead of an org name and code', async () => {
    render(<TransferApplyPage />);
    fireEvent.click(await screen.findByTestId('transfer-direction-outOfProvince'));
    expect(screen.getByTestId('transfer-ext-name')).toBeTruthy();
    fireEvent.click(screen.getByTestId('transfer-transit-transit'));
    expect(screen.getByTestId('transfer-transit-note').textContent).toContain('临时中转团组织');
    expect(screen.queryByTestId('transfer-ext-name')).toBeNull();
    expect(screen.queryByTestId('transfer-ext-id')).toBeNull();
  });

  it('tells a member not yet approved on entry, with no form to fill (issue 13 item 14)', async () => {
    serve(
      ['GET', '/me/transfers/current', { data: { transfer: null } }],
      ['GET', '/me/checkin', { data: myCheckin({ status: 'submitted', realNameStatus: 'passed', branch, resumeStep: 'confirm' }) }],
    );
    render(<TransferApplyPage />);
    const notice = (await screen.findByTestId('transfer-apply-not-approved')).textContent;
    expect(notice).toContain(ErrorMessages.CHECKIN_REQUIRED);
    expect(notice).toContain('报到待审核');
    expect(screen.queryByTestId('transfer-next')).toBeNull();
    expect(screen.queryByTestId('transfer-remarks-input')).toBeNull();
    fireEvent.click(screen.getByTestId('transfer-apply-status'));
  });
});

describe('attachments (1–5 images ≤ 2 MB)', () => {
  function Harness({ initial = [] as UploadedImage[], region = null as string | null }) {
    const { useState } = jest.requireActual<typeof import('react')>('react');
    const [value, setValue] = useState<UploadedImage[]>(initial);
    const [error, setError] = useState('');
    return (
      <>
        <ImageAttachments value={value} onChange={setValue} onError={setError} destinationRegion={region} testId='att' />
        <span data-testid='att-error'>{error}</span>
      </>
    );
  }
  beforeEach(() => {
    (global.URL as unknown as { createObjectURL: () => string }).createObjectURL = () => 'blob:x';
  });

  it('refuses a sixth image with 图片最多上传5张 and uploads none of the extra', async () => {
    render(<Harness />);
    const input = screen.getByTestId<HTMLInputElement>('att-file');
    await act(async () => {
      fireEvent.change(input, { target: { files: [png('a.png'), png('b.png'), png('c.png'), png('d.png')] } });
    });
    await waitFor(() => expect(screen.getAllByTestId('att-item')).toHaveLength(4));
    await act(async () => {
      fireEvent.change(input, { target: { files: [png('e.png'), png('f.png')] } });
    });
    expect(screen.getByTestId('att-error').textContent).toBe(ErrorMessages.ATTACHMENTS_TOO_MANY);
    expect(screen.getAllByTestId('att-item')).toHaveLength(4);
    await act(async () => {
      fireEvent.change(input, { target: { files: [png('e.png')] } });
    });
    await waitFor(() => expect(screen.getAllByTestId('att-item')).toHaveLength(5));
    // full: no picker any more
    expect(screen.queryByTestId('att-pick')).toBeNull();
  });

  it('refuses an image over 2 MB and a non-image with the shared messages', async () => {
    render(<Harness />);
    const input = screen.getByTestId<HTMLInputElement>('att-file');
    await act(async () => {
      fireEvent.change(input, { target: { files: [png('big.png', 2 * 1024 * 1024 + 1)] } });
    });
    expect(screen.getByTestId('att-error').textContent).toBe(ErrorMessages.ATTACHMENT_TOO_LARGE);
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(['x'], 'a.pdf', { type: 'application/pdf' })] } });
    });
    expect(screen.getByTestId('att-error').textContent).toBe(ErrorMessages.ATTACHMENT_NOT_IMAGE);
    expect(screen.queryAllByTestId('att-item')).toHaveLength(0);
  });

  it('[003] 福建: 照片最大不超过5M — a 3 MB photo goes, a 6 MB one is refused with that message', async () => {
    render(<Harness region='35' />);
    const input = screen.getByTestId<HTMLInputElement>('att-file');
    await act(async () => {
      fireEvent.change(input, { target: { files: [png('six.png', 6 * 1024 * 1024)] } });
    });
    expect(screen.getByTestId('att-error').textContent).toBe(ErrorMessages.ATTACHMENT_TOO_LARGE_5M);
    await act(async () => {
      fireEvent.change(input, { target: { files: [png('three.png', 3 * 1024 * 1024)] } });
    });
    await waitFor(() => expect(screen.getAllByTestId('att-item')).toHaveLength(1));
  });
});
