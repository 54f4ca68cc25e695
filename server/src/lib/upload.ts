import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // a ZIP container, as every .xlsx is

/** The single uploaded file of a multipart request (field "file"), checked by content. */
export async function readXlsxUpload(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('IMPORT_FILE_INVALID', 'file');
  const part = await req.file();
  if (!part) throw new AppError('IMPORT_FILE_INVALID', 'file');
  const data = await part.toBuffer();
  if (part.file.truncated) throw new AppError('IMPORT_FILE_INVALID', 'file');
  if (data.length < 4 || !data.subarray(0, 4).equals(XLSX_MAGIC)) throw new AppError('IMPORT_FILE_INVALID', 'file');
  return data;
}
