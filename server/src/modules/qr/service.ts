import { theRow } from '../../lib/rows';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { QrKind } from '@tj/shared';
import type { Db } from '../../db/client';
import { orgs, qrScenes } from '../../db/schema';
import { AppError } from '../../errors';
import { isDuplicate } from '../../lib/mysql-errors';
import { ancestorIds } from '../../lib/org-path';
import type { WechatApi } from '../../adapters/wechat/types';
import { ancestorNames } from '../orgs/view';
import type { OrgRow } from '../orgs/view';

/** The mini-program page a scanned code opens; `scene` carries the token. */
export const ENTRY_PAGE = 'pages/entry/index';

/** One stable scene token per org and kind (≤ 32 chars: wxacode.getUnlimited's limit). */
async function sceneFor(db: Db, org: OrgRow, kind: QrKind): Promise<string> {
  const find = () =>
    db
      .select()
      .from(qrScenes)
      .where(and(eq(qrScenes.orgId, org.id), eq(qrScenes.kind, kind)));
  const [existing] = await find();
  if (existing) return existing.scene;
  try {
    const scene = `${kind === 'checkin' ? 'c' : 'g'}${randomBytes(9).toString('base64url')}`;
    await db.insert(qrScenes).values({ scene, orgId: org.id, kind });
    return scene;
  } catch (err) {
    if (isDuplicate(err)) return theRow(await find(), 'the QR scene').scene; // another request created it first
    throw err;
  }
}

export async function qrCode(db: Db, wechat: WechatApi, org: OrgRow, kind: QrKind, publicBaseUrl: string) {
  if (kind === 'checkin' && org.type !== 'branch') throw new AppError('QR_CHECKIN_BRANCH_ONLY');
  const scene = await sceneFor(db, org, kind);
  const url = `${publicBaseUrl.replace(/\/$/, '')}/${ENTRY_PAGE}?scene=${scene}`;
  // Real WeChat: a mini-program code opening the entry page; simulator: a plain QR of the H5 URL.
  const png = wechat.kind === 'real' ? await wechat.getUnlimitedQrCode(scene, ENTRY_PAGE) : await QRCode.toBuffer(url, { width: 480, margin: 2 });
  const names = await ancestorNames(db, [org]);
  return {
    kind,
    scene,
    url,
    imageDataUrl: `data:image/png;base64,${png.toString('base64')}`,
    orgFullName: org.fullName ?? org.shortName,
    pathNames: ancestorIds(org.path).map((id) => names.get(id) ?? ''),
  };
}

export async function resolveScene(db: Db, scene: string) {
  const [row] = await db.select({ s: qrScenes, org: orgs }).from(qrScenes).innerJoin(orgs, eq(orgs.id, qrScenes.orgId)).where(eq(qrScenes.scene, scene));
  if (!row || row.s.scene !== scene) throw new AppError('NOT_FOUND');
  const names = await ancestorNames(db, [row.org]);
  return {
    kind: row.s.kind,
    orgId: String(row.org.id),
    shortName: row.org.shortName,
    fullName: row.org.fullName ?? row.org.shortName,
    type: row.org.type,
    pathNames: ancestorIds(row.org.path).map((id) => names.get(id) ?? ''),
  };
}
