import Taro from '@tarojs/taro';
import axios, { AxiosError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { ErrorBodySchema, ErrorMessages, ImportResultSchema, isErrorCode, type ImportRowError } from '@tj/shared';
import { ApiError } from './api-error';
import { http } from './http';

/**
 * Excel and image files. Taro.request (the http adapter) only carries JSON, and wx.request
 * cannot send multipart at all, so file calls swap in their own adapter per request:
 * H5 uses fetch + FormData / Blob, weapp uses Taro.uploadFile / downloadFile. Going through
 * the one axios instance keeps the bearer token and the ApiError handling in one place.
 */
const isWeapp = () => process.env.TARO_ENV === 'weapp';

/** What the user picked: a browser File (H5) or a temp file path (weapp). */
export type PickedFile = { kind: 'web'; file: File } | { kind: 'weapp'; path: string; name: string };

/** An Excel import refused as a whole: every bad row with its sheet row number. */
export class ImportRowsError extends ApiError {
  readonly rows: ImportRowError[];

  constructor(message: string, rows: ImportRowError[], status?: number) {
    super('IMPORT_ROWS_INVALID', message, undefined, status);
    this.name = 'ImportRowsError';
    this.rows = rows;
  }
}

const headersOf = (config: InternalAxiosRequestConfig): Record<string, string> => {
  const all = config.headers.toJSON(true);
  // The browser / wx.uploadFile set the multipart boundary themselves.
  delete all['Content-Type'];
  return all;
};

const parseJson = (text: unknown): unknown => {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Rows of a refused import travel outside `{ code, message, field }`: keep them. */
function failure(config: InternalAxiosRequestConfig, status: number, body: unknown): never {
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success && parsed.data.rows?.length) {
    throw new ImportRowsError(
      parsed.data.message || ErrorMessages.IMPORT_ROWS_INVALID,
      parsed.data.rows.map((r) => ({ ...r, code: isErrorCode(r.code) ? r.code : 'VALIDATION_FAILED' })),
      status,
    );
  }
  const response: AxiosResponse = { data: body, status, statusText: '', headers: {}, config, request: null };
  throw new AxiosError(`Request failed with status code ${status}`, AxiosError.ERR_BAD_REQUEST, config, null, response);
}

const ok = (config: InternalAxiosRequestConfig, status: number, data: unknown): AxiosResponse => ({
  data,
  status,
  statusText: '',
  headers: {},
  config,
  request: null,
});

const networkError = (config: InternalAxiosRequestConfig, error: unknown) =>
  new AxiosError((error as { errMsg?: string; message?: string })?.errMsg ?? 'Network Error', AxiosError.ERR_NETWORK, config);

/** Sends a PickedFile as multipart field "file" (Excel here, images in ./uploads). */
export const uploadAdapter: AxiosAdapter = async (config) => {
  const picked = config.data as PickedFile;
  const url = axios.getUri(config);
  let status: number;
  let body: unknown;
  try {
    if (picked.kind === 'weapp') {
      const res = await Taro.uploadFile({ url, filePath: picked.path, name: 'file', header: headersOf(config) });
      status = res.statusCode;
      body = parseJson(res.data);
    } else {
      const form = new FormData();
      form.append('file', picked.file, picked.file.name);
      const res = await fetch(url, { method: 'POST', headers: headersOf(config), body: form });
      status = res.status;
      body = parseJson(await res.text());
    }
  } catch (error) {
    throw networkError(config, error);
  }
  if (status >= 200 && status < 300) return ok(config, status, body);
  return failure(config, status, body);
};

/**
 * Like uploadAdapter, reporting progress to axios' `onUploadProgress` (a 20 MB 入团志愿书 takes
 * a while on a phone): weapp through the UploadTask's onProgressUpdate, H5 through XHR's
 * upload events (fetch has none).
 */
export const progressUploadAdapter: AxiosAdapter = async (config) => {
  const picked = config.data as PickedFile;
  const url = axios.getUri(config);
  const report = (loaded: number, total: number) => config.onUploadProgress?.({ loaded, total, progress: total > 0 ? loaded / total : undefined, bytes: 0, lengthComputable: total > 0 });
  let status: number;
  let body: unknown;
  try {
    if (picked.kind === 'weapp') {
      const task = Taro.uploadFile({ url, filePath: picked.path, name: 'file', header: headersOf(config) });
      task.onProgressUpdate((p) => report(p.totalBytesSent, p.totalBytesExpectedToSend));
      const res = await task;
      status = res.statusCode;
      body = parseJson(res.data);
    } else {
      const form = new FormData();
      form.append('file', picked.file, picked.file.name);
      ({ status, body } = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', url);
        for (const [k, v] of Object.entries(headersOf(config))) xhr.setRequestHeader(k, v);
        xhr.upload.onprogress = (e) => report(e.loaded, e.lengthComputable ? e.total : picked.file.size);
        xhr.onload = () => resolve({ status: xhr.status, body: parseJson(xhr.responseText) });
        xhr.onerror = () => reject(new Error('Network Error'));
        xhr.send(form);
      }));
    }
  } catch (error) {
    throw networkError(config, error);
  }
  if (status >= 200 && status < 300) return ok(config, status, body);
  return failure(config, status, body);
};

/** H5: the file as a Blob; weapp: the temp path wx.downloadFile saved it to. */
type Downloaded = { kind: 'web'; blob: Blob } | { kind: 'weapp'; path: string };

const downloadAdapter: AxiosAdapter = async (config) => {
  const url = axios.getUri(config);
  try {
    if (isWeapp()) {
      const res = await Taro.downloadFile({ url, header: headersOf(config) });
      if (res.statusCode >= 200 && res.statusCode < 300) {
        return ok(config, res.statusCode, { kind: 'weapp', path: res.tempFilePath } satisfies Downloaded);
      }
      return failure(config, res.statusCode, undefined);
    }
    const res = await fetch(url, { headers: headersOf(config) });
    if (res.ok) return ok(config, res.status, { kind: 'web', blob: await res.blob() } satisfies Downloaded);
    return failure(config, res.status, parseJson(await res.text()));
  } catch (error) {
    if (error instanceof ApiError || error instanceof AxiosError) throw error;
    throw networkError(config, error);
  }
};

export const passThrough = [(data: unknown) => data];

/** Weapp: lets the user pick an .xlsx from a chat (the only file source a mini-program has). */
export async function chooseExcelInWeapp(): Promise<PickedFile> {
  const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
  const [file] = res.tempFiles;
  if (!file) throw new Error('chooseMessageFile: no file');
  return { kind: 'weapp', path: file.path, name: file.name };
}

/** Uploads a picked .xlsx as multipart field "file"; rejects with ImportRowsError or ApiError. */
export async function uploadExcel(path: string, picked: PickedFile): Promise<{ imported: number }> {
  const { data } = await http.post<unknown>(path, picked, {
    adapter: uploadAdapter,
    transformRequest: passThrough,
    transformResponse: passThrough,
    timeout: 60_000,
  });
  return ImportResultSchema.parse(data);
}

function saveBlob(blob: Blob, filename: string) {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Fetches a file (Excel template, code export) with the session's token. H5 saves it via a
 * download link; weapp opens it in WeChat's viewer, whose menu can forward or save it.
 */
export async function downloadExcel(path: string, filename: string): Promise<void> {
  const { data } = await http.get<Downloaded>(path, {
    adapter: downloadAdapter,
    transformResponse: passThrough,
    timeout: 60_000,
  });
  if (data.kind === 'weapp') {
    await Taro.openDocument({ filePath: data.path, fileType: 'xlsx', showMenu: true });
  } else {
    saveBlob(data.blob, filename);
  }
}

/**
 * A PDF behind the bearer token (电子档案): weapp opens it in WeChat's viewer (forward / save
 * from its menu); H5 saves it through a download link.
 */
export async function downloadPdf(path: string, filename: string): Promise<void> {
  const { data } = await http.get<Downloaded>(path, { adapter: downloadAdapter, transformResponse: passThrough, timeout: 120_000 });
  if (data.kind === 'weapp') await Taro.openDocument({ filePath: data.path, fileType: 'pdf', showMenu: true });
  else saveBlob(data.blob, filename);
}

/** Weapp: a PDF from a chat (the only file source a mini-program has). */
export async function choosePdfInWeapp(): Promise<{ picked: PickedFile; size: number }> {
  const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] });
  const file = res.tempFiles[0];
  if (!file) throw new Error('no file chosen');
  return { picked: { kind: 'weapp', path: file.path, name: file.name }, size: file.size };
}

/**
 * An image behind the bearer token (GET /uploads/:id): <Image> cannot send the header, so the
 * bytes come through the download adapter and the page shows a local URL — an object URL
 * (H5; `release` frees it) or WeChat's temp file path.
 */
export async function loadPrivateImage(path: string): Promise<{ src: string; release: () => void }> {
  const { data } = await http.get<Downloaded>(path.replace(/^\/api(?=\/)/, ''), {
    adapter: downloadAdapter,
    transformResponse: passThrough,
    timeout: 60_000,
  });
  if (data.kind === 'weapp') return { src: data.path, release: () => undefined };
  const src = URL.createObjectURL(data.blob);
  return { src, release: () => URL.revokeObjectURL(src) };
}

/** Saves a PNG data URL: weapp → photo album (after writing a temp file); H5 → download. */
export async function saveImage(dataUrl: string, filename: string): Promise<void> {
  if (isWeapp()) {
    const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`;
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({
        filePath,
        data: dataUrl.replace(/^data:image\/\w+;base64,/, ''),
        encoding: 'base64',
        success: () => resolve(),
        fail: reject,
      }),
    );
    await Taro.saveImageToPhotosAlbum({ filePath });
    return;
  }
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
