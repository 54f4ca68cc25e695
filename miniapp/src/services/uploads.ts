import Taro from '@tarojs/taro';
import { ATTACHMENT_MAX_BYTES, ErrorMessages, UploadResultSchema, type Attachment, type UploadResult } from '@tj/shared';
import { ApiError } from './api-error';
import { http } from './http';
import { passThrough, uploadAdapter, type PickedFile } from './files';

/**
 * Image uploads (POST /uploads, multipart field "file", ≤ 2 MB) through the multipart
 * adapter of ./files: weapp → Taro.uploadFile, H5 → fetch + FormData, still on the one axios
 * instance (token, ApiError).
 */

export type { PickedFile, UploadResult };

/** The same limits the server applies (§7.1: images only, ≤ 2 MB), before uploading. */
export function checkImage(mime: string, size: number, maxBytes = ATTACHMENT_MAX_BYTES): ApiError | null {
  if (!/^image\/(jpeg|png|webp)$/.test(mime)) return new ApiError('UPLOAD_NOT_IMAGE', ErrorMessages.UPLOAD_NOT_IMAGE, 'photo');
  if (size > maxBytes) return new ApiError('UPLOAD_TOO_LARGE', ErrorMessages.UPLOAD_TOO_LARGE, 'photo');
  return null;
}

const mimeOfPath = (path: string) => {
  const ext = path.split('.').pop()?.toLowerCase();
  return ext === 'png' ? 'image/png' : ext === 'webp' ? 'image/webp' : 'image/jpeg';
};

/** Weapp: a photo from the camera or the album (compressed by WeChat). */
export async function chooseImageInWeapp(): Promise<{ picked: PickedFile; mime: string; size: number; preview: string }> {
  const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
  const [file] = res.tempFiles;
  if (!file) throw new Error('chooseImage: no file');
  return { picked: { kind: 'weapp', path: file.path, name: 'photo' }, mime: mimeOfPath(file.path), size: file.size, preview: file.path };
}

/** Uploads one image; the answer is what a request refers to as an attachment. */
export async function uploadImage(picked: PickedFile, mime: string, size: number, maxBytes = ATTACHMENT_MAX_BYTES): Promise<{ upload: UploadResult; attachment: Attachment }> {
  const problem = checkImage(mime, size, maxBytes);
  if (problem) throw problem;
  const { data } = await http.post<unknown>('/uploads', picked, {
    adapter: uploadAdapter,
    transformRequest: passThrough,
    transformResponse: passThrough,
    timeout: 60_000,
  });
  const upload = UploadResultSchema.parse(data);
  const name = picked.kind === 'web' ? picked.file.name : picked.name;
  return { upload, attachment: { fileId: upload.fileId, name, mime: upload.mime, size: upload.size } };
}
