import { createHash, randomBytes } from 'node:crypto';
import type { Storage } from '../../adapters/storage/types';
import { audit } from '../../lib/audit';
import type { Db } from '../client';
import { noticeAttachments, noticeTargets, notices, orgs, uploads } from '../schema';
import { minimalPdf } from './demo-pdf';

type OrgRow = typeof orgs.$inferSelect;

/**
 * 工作通知 of the demo (issue 17 part 3): one from 团广东省委 to everyone in the province (with a
 * PDF when storage is given), one from 中山大学团委 to its cadres. Data only — no new orgs.
 */
export const DEMO_NOTICES = [
  {
    org: '团广东省委',
    title: '关于做好2025年度团员教育评议和团籍注册工作的通知',
    body: '各级团组织：\n\n按照团中央统一部署，请各级团组织于3月31日前完成本年度团员教育评议和团籍注册工作。各团支部应召开支部团员大会，逐一开展评议，并在系统中如实录入结果。\n\n请各地各单位高度重视，认真组织实施。\n\n共青团广东省委员会组织部',
    audience: 'everyone' as const,
    attachment: '团员教育评议工作指引.pdf',
  },
  {
    org: '中山大学团委',
    title: '关于报送各学院团干部名册的通知',
    body: '各学院团委、各团总支：\n\n请于本周五前在“团干部名册”中核对并补全本组织团干部信息，确保书记、组织委员等信息准确，已离任人员及时调整。\n\n中山大学团委',
    audience: 'cadres' as const,
    attachment: null,
  },
];

export async function seedDemoNotices(db: Db, byName: Map<string, OrgRow>, operators: Map<string, number>, storage?: Storage, now = new Date()) {
  for (const [i, n] of DEMO_NOTICES.entries()) {
    const org = byName.get(n.org)!;
    const by = operators.get(n.org)!;
    const at = new Date(now.getTime() - (DEMO_NOTICES.length - i) * 3600_000);
    const [res] = await db.insert(notices).values({ orgId: org.id, title: n.title, body: n.body, audience: n.audience, publishedBy: by, publishedAt: at, createdAt: at });
    const noticeId = Number(res.insertId);
    await db.insert(noticeTargets).values({ noticeId, orgId: org.id, audience: n.audience });
    if (n.attachment && storage) {
      const pdf = minimalPdf(n.title);
      const storageKey = `${now.toISOString().slice(0, 7).replace('-', '/')}/${randomBytes(16).toString('hex')}`;
      await storage.put(storageKey, pdf, 'application/pdf');
      const [up] = await db
        .insert(uploads)
        .values({ ownerUserId: by, orgId: org.id, mime: 'application/pdf', size: pdf.length, storageKey, sha256: createHash('sha256').update(pdf).digest('hex'), createdAt: at });
      await db.insert(noticeAttachments).values({ noticeId, uploadId: Number(up.insertId), name: n.attachment, sortOrder: 0 });
    }
    await audit(db, {
      actorUserId: by,
      orgId: org.id,
      action: 'notice.publish',
      targetType: 'notice',
      targetId: noticeId,
      after: { title: n.title, audience: n.audience, targets: [org.id] },
    });
  }
}
