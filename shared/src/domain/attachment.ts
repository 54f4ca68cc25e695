import { ATTACHMENT_MAX_BYTES } from '../limits';
import { fail, OK, type Check } from './check';

/** §7.1 attachments are images only, each at most 2 MB [003: 大小限定为2M, 仅支持图片类型]. */
export function validateImageFile(file: { mime: string; size: number }): Check {
  if (!/^image\/[\w.+-]+$/.test(file.mime)) return fail('ATTACHMENT_NOT_IMAGE');
  if (!(file.size > 0) || file.size > ATTACHMENT_MAX_BYTES) return fail('ATTACHMENT_TOO_LARGE');
  return OK;
}
