import type { ErrorCode } from '../errors';
import { ATTACHMENT_MAX_BYTES } from '../limits';

const MB = 1024 * 1024;

/**
 * [003 screenshots] the attachment limit depends on where the transfer goes: to 福建
 * "照片最大不超过5M", to 北京 "照片最大不超过10M", everywhere else "大小限定为2M".
 */
export function transferAttachmentMaxBytes(destinationRegion: string | null | undefined): number {
  if (destinationRegion === '35') return 5 * MB;
  if (destinationRegion === '11') return 10 * MB;
  return ATTACHMENT_MAX_BYTES;
}

/** The largest limit of any destination: what an upload may weigh before it is attached. */
export const TRANSFER_ATTACHMENT_MAX_BYTES_ANY = 10 * MB;

/** The hint shown next to the picker, and the refusal when a file is over the limit. */
export function transferAttachmentLimitText(destinationRegion: string | null | undefined): string {
  const mb = transferAttachmentMaxBytes(destinationRegion) / MB;
  return mb === 2 ? '大小限定为2M，仅支持图片类型' : `照片最大不超过${mb}M，仅支持图片类型`;
}

/** The refusal of an image over the destination's limit, in its own words. */
export function transferAttachmentTooLargeCode(destinationRegion: string | null | undefined): ErrorCode {
  const mb = transferAttachmentMaxBytes(destinationRegion) / MB;
  return mb === 5 ? 'ATTACHMENT_TOO_LARGE_5M' : mb === 10 ? 'ATTACHMENT_TOO_LARGE_10M' : 'ATTACHMENT_TOO_LARGE';
}

/** [003] "您上传的材料我们会添加水印" — the text stamped on every stored transfer attachment image. */
export const TRANSFER_ATTACHMENT_WATERMARK = '仅用于组织关系转接';
