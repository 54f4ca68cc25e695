import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ARCHIVE_MAX_BYTES, isPdfHeader, isPdfXrefAt, pdfStartXref } from '@tj/shared';
import type { Storage } from '../../adapters/storage/types';
import { AppError } from '../../errors';

export interface StoredPdf {
  storageKey: string;
  size: number;
  sha256: string;
}

/** The bytes of the file's end that must hold `startxref … %%EOF` (writers add little after it). */
const TAIL_BYTES = 1024;

/**
 * Streams a PDF straight to storage (a 20 MB 入团志愿书 is never held in memory), judging it by
 * its content on the way: the `%PDF-` header in the first bytes and the size limit as chunks
 * pass, then — written — the parse sanity check of the trailer (startxref pointing at a
 * cross-reference section inside the file). Anything else is removed and refused.
 */
export async function storePdf(storage: Storage, source: Readable, now: Date): Promise<StoredPdf> {
  const storageKey = `${now.toISOString().slice(0, 7).replace('-', '/')}/${randomBytes(16).toString('hex')}`;
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let seen = 0;
  let size: number;
  try {
    size = await storage.putStream(storageKey, source, 'application/pdf', (chunk) => {
      seen += chunk.length;
      if (seen > ARCHIVE_MAX_BYTES) throw new AppError('ARCHIVE_TOO_LARGE', 'file');
      if (head.length < 8) {
        head = Buffer.concat([head, chunk.subarray(0, 8 - head.length)]);
        if (head.length >= 8 && !isPdfHeader(head)) throw new AppError('ARCHIVE_NOT_PDF', 'file');
      }
      hash.update(chunk);
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    // @fastify/multipart ends the stream with this when the part passes the route's fileSize
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('ARCHIVE_TOO_LARGE', 'file');
    throw err;
  }
  try {
    if (size < 8 || !isPdfHeader(head)) throw new AppError('ARCHIVE_NOT_PDF', 'file');
    const tailStart = Math.max(0, size - TAIL_BYTES);
    const tail = await storage.readRange(storageKey, tailStart, size - tailStart);
    const xref = tail ? pdfStartXref(tail, size) : null;
    const at = xref != null ? await storage.readRange(storageKey, xref, 32) : null;
    if (!at || !isPdfXrefAt(at)) throw new AppError('ARCHIVE_NOT_PDF', 'file');
  } catch (err) {
    await storage.delete(storageKey).catch(() => undefined);
    throw err;
  }
  return { storageKey, size, sha256: hash.digest('hex') };
}

/** The single file part of a multipart request (field "file"), as a stream limited one byte past 20 MB. */
export async function pdfPart(req: FastifyRequest): Promise<Readable> {
  if (!req.isMultipart()) throw new AppError('ARCHIVE_NOT_PDF', 'file');
  const part = await req.file({ limits: { fileSize: ARCHIVE_MAX_BYTES + 1, files: 1 } });
  if (!part || part.fieldname !== 'file') throw new AppError('ARCHIVE_NOT_PDF', 'file');
  return part.file;
}
