import { fail, OK, type Check } from './check';
import { transferAttachmentMaxBytes, transferAttachmentTooLargeCode } from './transfer-attachments';

/** §7.1 attachments are images only, each at most 2 MB [003: 大小限定为2M, 仅支持图片类型]. */
export function validateImageFile(file: { mime: string; size: number }, destinationRegion: string | null = null): Check {
  if (!/^image\/[\w.+-]+$/.test(file.mime)) return fail('ATTACHMENT_NOT_IMAGE');
  if (!(file.size > 0)) return fail('ATTACHMENT_TOO_LARGE');
  // [003] a transfer's limit depends on its destination: 福建 5M, 北京 10M, the rest 2M.
  if (file.size > transferAttachmentMaxBytes(destinationRegion)) return fail(transferAttachmentTooLargeCode(destinationRegion));
  return OK;
}
