import { createHash, randomBytes } from 'node:crypto';
import { theRow } from '../../lib/rows';
import { eq } from 'drizzle-orm';
import type { Storage } from '../../adapters/storage/types';
import { audit } from '../../lib/audit';
import type { Db } from '../client';
import { checkins, memberArchives, orgs, uploads, users } from '../schema';
import { minimalPdf } from './demo-pdf';

type OrgRow = typeof orgs.$inferSelect;

/**
 * 团员电子档案 of the demo (issue 16.2): every approved demo member joined in 2020 or later, so
 * each needs one. Those with a transfer (and the member who may apply for one) are certified;
 * 冯诗婷's waits for 中山大学计算机学院团委; 罗浩宇 and 谢思颖 (2024 joins) and the rest are
 * 尚未认证 — the prompt, the list and the E2E upload start from them.
 */
export const DEMO_ARCHIVES: { member: string; status: 'certified' | 'pending' }[] = [
  { member: '周子涵', status: 'certified' },
  { member: '吴俊杰', status: 'certified' },
  { member: '曾志文', status: 'certified' },
  { member: '钱嘉怡', status: 'certified' },
  { member: '邓梓轩', status: 'certified' },
  { member: '冯诗婷', status: 'pending' },
];

export async function seedDemoArchives(db: Db, storage: Storage, byName: Map<string, OrgRow>, operators: Map<string, number>, now = new Date()) {
  const general = byName.get('计算机学院2024级团总支')!;
  const committee = byName.get('中山大学计算机学院团委')!;
  const uploader = operators.get('计算机学院2024级团总支')!;
  const approver = operators.get('中山大学团委')!;
  for (const a of DEMO_ARCHIVES) {
    const { c } = theRow(await db.select({ c: checkins }).from(checkins).innerJoin(users, eq(users.id, checkins.userId)).where(eq(users.name, a.member)), 'the demo member');
    const pdf = minimalPdf(`入团志愿书 ${a.member}`);
    const storageKey = `${now.toISOString().slice(0, 7).replace('-', '/')}/${randomBytes(16).toString('hex')}`;
    await storage.put(storageKey, pdf, 'application/pdf');
    const [res] = await db
      .insert(uploads)
      .values({ ownerUserId: uploader, mime: 'application/pdf', size: pdf.length, storageKey, sha256: createHash('sha256').update(pdf).digest('hex'), createdAt: now });
    const certified = a.status === 'certified';
    await db.insert(memberArchives).values({
      checkinId: c.id,
      status: a.status,
      fileId: Number(res.insertId),
      uploadedBy: uploader,
      uploadedByOrgId: general.id,
      uploadedAt: now,
      approverOrgId: certified ? null : committee.id,
      decidedBy: certified ? approver : null,
      decidedAt: certified ? now : null,
    });
    await audit(db, { actorUserId: uploader, orgId: general.id, action: 'archive.upload', targetType: 'checkin', targetId: c.id, after: { kind: 'first', status: 'pending' } });
    if (certified) await audit(db, { actorUserId: approver, orgId: committee.id, action: 'archive.approve', targetType: 'checkin', targetId: c.id, after: { kind: 'upload' } });
  }
}
