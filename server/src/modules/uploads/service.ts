import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { ATTACHMENT_MAX_BYTES, TRANSFER_ATTACHMENT_MAX_BYTES_ANY, type UploadResult } from '@tj/shared';
import type { Storage } from '../../adapters/storage/types';
import type { Db, DbOrTx } from '../../db/client';
import { orgLifePhotos, orgs, rosterEntries, transfers, uploads } from '../../db/schema';
import { AppError } from '../../errors';
import { orgAccess } from '../../lib/policy';
import { theRow } from '../../lib/rows';
import { chatImageReadable } from '../chat/service';

export type UploadRow = typeof uploads.$inferSelect;

/**
 * The image type, judged from the bytes (never the file name or the client's content type):
 * JPEG FF D8 FF, PNG's 8-byte signature, WEBP "RIFF….WEBP".
 */
export function sniffImage(data: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 12 && data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export const uploadUrl = (id: number) => `/api/uploads/${id}`;

/** §7.1 images only, ≤ 10 MB (the largest destination's limit, 北京 [003]; each use checks its own); the bytes go to storage first, so a row never points at nothing. */
export async function saveUpload(db: Db, storage: Storage, ownerUserId: number, data: Buffer, now: Date): Promise<UploadResult> {
  if (data.length > TRANSFER_ATTACHMENT_MAX_BYTES_ANY) throw new AppError('UPLOAD_TOO_LARGE', 'file');
  const mime = sniffImage(data);
  if (!mime) throw new AppError('UPLOAD_NOT_IMAGE', 'file');
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  const storageKey = `${month}/${randomBytes(16).toString('hex')}`;
  await storage.put(storageKey, data, mime);
  try {
    const [res] = await db.insert(uploads).values({
      ownerUserId,
      mime,
      size: data.length,
      storageKey,
      sha256: createHash('sha256').update(data).digest('hex'),
      createdAt: now,
    });
    const id = Number(res.insertId);
    return { fileId: String(id), mime, size: data.length, url: uploadUrl(id) };
  } catch (err) {
    await storage.delete(storageKey).catch(() => undefined);
    throw err;
  }
}

/**
 * Who may read an upload: its owner; whoever has the 'operator' reach (lib/policy.ts) over
 * the org it is attached to; and, for a transfer's 证明材料 (attached to the member's
 * branch), the same people on the receiving side — they decide the transfer too (§7.1–7.2);
 * for a 组织生活 photo, every cadre of the branch (issue 17: the branch's cadres and the admins of its chain).
 */
async function mayRead(db: Db, userId: number, upload: UploadRow): Promise<boolean> {
  if (upload.ownerUserId === userId) return true;
  // §6.6 an image sent in a chat: the members of its conversation
  if (await chatImageReadable(db, userId, upload.id)) return true;
  if (upload.orgId == null) return false;
  // Transfers out of that branch are few; the attachment list is checked in the database.
  const receiving = await db
    .select({ toOrgId: transfers.toOrgId, toBranchId: transfers.toBranchId })
    .from(transfers)
    .where(and(eq(transfers.fromBranchId, upload.orgId), sql`json_contains(${transfers.attachmentIds}, ${String(upload.id)})`));
  const orgIds = [...new Set([upload.orgId, ...receiving.flatMap((t) => [t.toOrgId, t.toBranchId])])].filter((id): id is number => id != null);
  const [targets, positions] = await Promise.all([
    db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(inArray(orgs.id, orgIds)),
    db
      .select({ orgId: rosterEntries.orgId, isAdmin: rosterEntries.isAdmin, isOperator: rosterEntries.isOperator })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.userId, userId), isNotNull(rosterEntries.onboardedAt))),
  ]);
  if (targets.some((org) => orgAccess(org, positions).isOperator)) return true;
  // 组织生活 photos (issue 17 part 2): also every cadre of the branch itself, not only its operators
  if (!positions.some((p) => p.orgId === upload.orgId)) return false;
  const [photo] = await db.select({ recordId: orgLifePhotos.recordId }).from(orgLifePhotos).where(eq(orgLifePhotos.uploadId, upload.id));
  return photo != null;
}

/** The bytes of an upload for a reader allowed to see them; everyone else gets 404 (nothing revealed). */
export async function readUpload(db: Db, storage: Storage, userId: number, id: number) {
  const [upload] = await db.select().from(uploads).where(eq(uploads.id, id));
  // e-archive PDFs are served only by modules/archives, which checks the member's chain
  if (!upload || upload.mime === 'application/pdf' || !(await mayRead(db, userId, upload))) throw new AppError('NOT_FOUND');
  const data = await storage.get(upload.storageKey);
  if (!data) throw new AppError('NOT_FOUND');
  return { mime: upload.mime, data };
}

/**
 * Attaches the caller's own upload to an org's record (it becomes readable by that org's
 * operators). Refused unless the upload is the caller's image and not attached elsewhere.
 */
export async function attachUpload(tx: DbOrTx, ownerUserId: number, fileId: string, orgId: number, field: string, maxBytes = ATTACHMENT_MAX_BYTES): Promise<UploadRow> {
  const id = Number(fileId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('UPLOAD_INVALID', field);
  // An upload may weigh up to the largest transfer limit (北京 10M); each use has its own.
  const [big] = await tx.select({ size: uploads.size }).from(uploads).where(eq(uploads.id, id));
  if (big && big.size > maxBytes) throw new AppError('ATTACHMENT_TOO_LARGE', field);
  const [res] = await tx
    .update(uploads)
    .set({ orgId })
    .where(and(eq(uploads.id, id), eq(uploads.ownerUserId, ownerUserId), or(isNull(uploads.orgId), eq(uploads.orgId, orgId))));
  if (res.affectedRows === 0) throw new AppError('UPLOAD_INVALID', field);
  return theRow(await tx.select().from(uploads).where(eq(uploads.id, id)), 'the upload just claimed');
}
