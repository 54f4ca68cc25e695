import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, TRANSFER_ATTACHMENTS_MAX, TRANSFER_ATTACHMENTS_MIN } from '../limits';
import { IdSchema, codeFor, optionalText } from './common';

/**
 * An uploaded file as a request refers to it: the id the upload endpoint returned, plus
 * its type and size so both sides can check §7.1's limits (images only, ≤ 2 MB).
 */
export const attachmentSchema = (maxBytes: number) =>
  z.object({
    fileId: IdSchema,
    name: optionalText(255),
    mime: z.string({ error: codeFor('ATTACHMENT_NOT_IMAGE') }).regex(/^image\/[\w.+-]+$/, 'ATTACHMENT_NOT_IMAGE'),
    size: z
      .number({ error: codeFor('ATTACHMENT_TOO_LARGE') })
      .int('ATTACHMENT_TOO_LARGE')
      .positive('ATTACHMENT_TOO_LARGE')
      .max(maxBytes, 'ATTACHMENT_TOO_LARGE'),
  });
export const AttachmentSchema = attachmentSchema(ATTACHMENT_MAX_BYTES);
export type Attachment = z.infer<typeof AttachmentSchema>;

/** §7.1 1–5 images [003: 图片最多上传5张]; `maxBytes` per image (a transfer's depends on its destination). */
export const imageAttachmentsSchema = (maxBytes: number) =>
  z
    .array(attachmentSchema(maxBytes), { error: codeFor('ATTACHMENTS_REQUIRED') })
    .min(TRANSFER_ATTACHMENTS_MIN, 'ATTACHMENTS_REQUIRED')
    .max(TRANSFER_ATTACHMENTS_MAX, 'ATTACHMENTS_TOO_MANY');
export const ImageAttachmentsSchema = imageAttachmentsSchema(ATTACHMENT_MAX_BYTES);
