import { createHash, randomBytes } from 'node:crypto';
import { eq, and } from 'drizzle-orm';
import sharp from 'sharp';
import { TRANSFER_ATTACHMENT_WATERMARK } from '@tj/shared';
import type { Storage } from '../../adapters/storage/types';
import type { Db } from '../../db/client';
import { uploads } from '../../db/schema';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * [003: 您上传的材料我们会添加水印] the text repeated diagonally over the image, half
 * transparent, in the image's own format and size. The font is the system's CJK sans
 * (fontconfig); sharp renders the SVG with its bundled librsvg.
 */
export async function watermarkImage(data: Buffer, text = TRANSFER_ATTACHMENT_WATERMARK): Promise<Buffer> {
  const img = sharp(data, { failOn: 'none' }).rotate();
  const meta = await img.metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 1;
  const height = meta.autoOrient?.height ?? meta.height ?? 1;
  const size = Math.max(10, Math.round(Math.min(width, height) / 12));
  const rows: string[] = [];
  for (let y = -height; y < height * 2; y += size * 4) {
    rows.push(`<text x="${-width}" y="${y}" font-size="${size}">${escapeXml(`${text}　`.repeat(Math.ceil((width * 3) / (size * text.length)) + 1))}</text>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g fill="#d00000" fill-opacity="0.35" font-family="Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif" transform="rotate(-30 ${width / 2} ${height / 2})">${rows.join('')}</g></svg>`;
  const out = img.composite([{ input: Buffer.from(svg), top: 0, left: 0 }]);
  const format = meta.format === 'png' ? out.png() : meta.format === 'webp' ? out.webp() : out.jpeg({ quality: 90 });
  return format.toBuffer();
}

/**
 * Stamps each upload once (the `watermarked` flag), writing the stamped bytes under a new
 * key before the row points at them, so a row never points at nothing.
 */
export async function watermarkUploads(db: Db, storage: Storage, ids: number[]): Promise<void> {
  for (const id of ids) {
    const [u] = await db.select().from(uploads).where(eq(uploads.id, id));
    if (!u || u.watermarked) continue;
    const data = await storage.get(u.storageKey);
    if (!data) continue;
    const stamped = await watermarkImage(data);
    const storageKey = `${u.storageKey.split('/').slice(0, 2).join('/')}/${randomBytes(16).toString('hex')}`;
    await storage.put(storageKey, stamped, u.mime);
    const [res] = await db
      .update(uploads)
      .set({ storageKey, size: stamped.length, sha256: createHash('sha256').update(stamped).digest('hex'), watermarked: true })
      .where(and(eq(uploads.id, id), eq(uploads.watermarked, false)));
    await storage.delete(res.affectedRows === 1 ? u.storageKey : storageKey).catch(() => undefined);
  }
}
