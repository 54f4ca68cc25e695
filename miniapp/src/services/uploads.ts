import Taro from '@tarojs/taro';
import axios, { AxiosError, type AxiosAdapter, type AxiosResponse } from 'axios';
import { ATTACHMENT_MAX_BYTES, ErrorMessages, UploadResultSchema, type Attachment, type UploadResult } from '@tj/shared';
import { ApiError } from './api-error';
import { http } from './http';
import type { PickedFile } from './files';

/**
 * Image uploads (POST /uploads, multipart field "file", ≤ 2 MB). wx.request cannot send
 * multipart, so the call swaps in an adapter: weapp → Taro.uploadFile, H5 → fetch +
 * FormData. It still goes through the one axios instance (token, ApiError).
 */

export type { PickedFile, UploadResult };

const parse = (text: unknown): unknown => {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const imageAdapter: AxiosAdapter = async (config) => {
  const picked = config.data as PickedFile;
  const url = axios.getUri(config);
  const headers = config.headers.toJSON(true) as Record<string, string>;
  delete headers['Content-Type'];
  let status: number;
  let body: unknown;
  try {
    if (picked.kind === 'weapp') {
      const res = await Taro.uploadFile({ url, filePath: picked.path, name: 'file', header: headers });
      status = res.statusCode;
      body = parse(res.data);
    } else {
      const form = new FormData();
      form.append('file', picked.file, picked.file.name);
      const res = await fetch(url, { method: 'POST', headers, body: form });
      status = res.status;
      body = parse(await res.text());
    }
  } catch (error) {
    throw new AxiosError((error as { errMsg?: string })?.errMsg ?? 'Network Error', AxiosError.ERR_NETWORK, config);
  }
  const response: AxiosResponse = { data: body, status, statusText: '', headers: {}, config, request: null };
  if (status >= 200 && status < 300) return response;
  throw new AxiosError(`Request failed with status code ${status}`, AxiosError.ERR_BAD_REQUEST, config, null, response);
};

/** The same limits the server applies (§7.1: images only, ≤ 2 MB), before uploading. */
export function checkImage(mime: string, size: number): ApiError | null {
  if (!/^image\/(jpeg|png|webp)$/.test(mime)) return new ApiError('UPLOAD_NOT_IMAGE', ErrorMessages.UPLOAD_NOT_IMAGE, 'photo');
  if (size > ATTACHMENT_MAX_BYTES) return new ApiError('UPLOAD_TOO_LARGE', ErrorMessages.UPLOAD_TOO_LARGE, 'photo');
  return null;
}

const mimeOfPath = (path: string) => {
  const ext = path.split('.').pop()?.toLowerCase();
  return ext === 'png' ? 'image/png' : ext === 'webp' ? 'image/webp' : 'image/jpeg';
};

/** Weapp: a photo from the camera or the album (compressed by WeChat). */
export async function chooseImageInWeapp(): Promise<{ picked: PickedFile; mime: string; size: number; preview: string }> {
  const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
  const file = res.tempFiles[0];
  return { picked: { kind: 'weapp', path: file.path, name: 'photo' }, mime: mimeOfPath(file.path), size: file.size, preview: file.path };
}

/** Uploads one image; the answer is what a request refers to as an attachment. */
export async function uploadImage(picked: PickedFile, mime: string, size: number): Promise<{ upload: UploadResult; attachment: Attachment }> {
  const problem = checkImage(mime, size);
  if (problem) throw problem;
  const { data } = await http.post<unknown>('/uploads', picked, {
    adapter: imageAdapter,
    transformRequest: [(d: unknown) => d],
    transformResponse: [(d: unknown) => d],
    timeout: 60_000,
  });
  const upload = UploadResultSchema.parse(data);
  const name = picked.kind === 'web' ? picked.file.name : picked.name;
  return { upload, attachment: { fileId: upload.fileId, name, mime: upload.mime, size: upload.size } };
}
