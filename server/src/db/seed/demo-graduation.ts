import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { checkins, orgs } from '../schema';
import { audit } from '../../lib/audit';

type OrgRow = typeof orgs.$inferSelect;

/**
 * Issue 16 demo: 中山大学团委 marked its 2022级 classes for 2026-06 (the server's 6 月 1 日 job turns
 * them into 毕业生团组织 at its first start — the catch-up path) and 2023级1班 for 2027-06 with one
 * 延迟毕业团员; 2023级2班 is left unmarked for the demo (and the E2E) to mark.
 */
export const DEMO_GRADUATION = {
  marker: '中山大学团委',
  marks: [
    { branch: '计算机科学与技术专业2022级1班团支部', month: '2026-06' },
    { branch: '软件工程专业2022级2班团支部', month: '2026-06' },
    { branch: '计算机科学与技术专业2023级1班团支部', month: '2027-06' },
  ],
  unmarked: '软件工程专业2023级2班团支部',
  delayed: { member: '林诗涵', month: '2027-12', reason: '因病休学一年，延期毕业' },
} as const;

export async function seedDemoGraduation(db: Db, byName: Map<string, OrgRow>, operators: Map<string, number>, now = new Date()) {
  const marker = byName.get(DEMO_GRADUATION.marker)!;
  const by = operators.get(DEMO_GRADUATION.marker) ?? null;
  for (const m of DEMO_GRADUATION.marks) {
    const b = byName.get(m.branch)!;
    await db.update(orgs).set({ graduationMonth: m.month, graduationMarkedAt: now, graduationMarkedBy: by, graduationMarkedOrgId: marker.id }).where(eq(orgs.id, b.id));
    await audit(db, { actorUserId: by, orgId: marker.id, action: 'graduation.mark', targetType: 'org', targetId: b.id, after: { month: m.month, reason: null } });
  }
  const d = DEMO_GRADUATION.delayed;
  const branchIds = DEMO_GRADUATION.marks.map((m) => byName.get(m.branch)!.id);
  const rows = await db.select().from(checkins).where(inArray(checkins.branchId, branchIds));
  const row = rows.find((r) => (r.approvedData as { name?: string } | null)?.name === d.member);
  if (row) await db.update(checkins).set({ delayedGraduationMonth: d.month, delayedGraduationReason: d.reason }).where(eq(checkins.id, row.id));
}
