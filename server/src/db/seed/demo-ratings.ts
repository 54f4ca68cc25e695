import { sql } from 'drizzle-orm';
import { ratingYearAt, type RatingLevel } from '@tj/shared';
import type { Db } from '../client';
import { orgRatings, orgs, rosterEntries, users } from '../schema';
import { audit } from '../../lib/audit';
import type { Pii } from '../../lib/pii';
import { hashPassword } from '../../modules/auth/password';
import { DEMO_RATING_ACCOUNTS } from './demo-accounts';
import { countRosterLines } from '../../modules/roster/lines';

type OrgRow = typeof orgs.$inferSelect;

/**
 * 对标定级 demo (issue 17): 中山大学计算机学院团委's 团总支 and 团支部 have self-rated this year and wait
 * for its review — one of them after a 不予定级 (重点整顿, re-rated, shown 标红) — while 2024级 (团总支,
 * 1班, 2班) have not rated yet (the E2E rates 1班). The demo tree counts as founded two years ago,
 * so it is inside the "成立 6 个月以上" scope; orgs created later in the demo are not.
 */
export const DEMO_RATINGS: { org: string; self: RatingLevel; changesUsed?: number; review?: RatingLevel; rerated?: RatingLevel }[] = [
  { org: '计算机学院2022级团总支', self: 'star4' },
  { org: '计算机科学与技术专业2022级1班团支部', self: 'star3' },
  { org: '软件工程专业2022级2班团支部', self: 'star4', changesUsed: 2 },
  { org: '软件工程专业2023级2班团支部', self: 'star5' },
  { org: '计算机科学与技术专业2023级1班团支部', self: 'star2', review: 'ungraded', rerated: 'star3' },
  { org: '计算机学院2023级团总支', self: 'star5', review: 'star5' },
];

export async function seedDemoRatings(db: Db, pii: Pii, byName: Map<string, OrgRow>, demoIdNumber: (n: number) => string, now = new Date()) {
  await db.update(orgs).set({ createdAt: sql`${orgs.createdAt} - interval 2 year` });
  const accounts = new Map<string, number>();
  for (const [i, a] of DEMO_RATING_ACCOUNTS.entries()) {
    const idNumber = demoIdNumber(7000 + i * 41);
    const [res] = await db
      .insert(users)
      .values({ phone: a.phone, name: a.name, passwordHash: await hashPassword(a.password), idEnc: pii.encrypt(idNumber), idHash: pii.lookupHash(idNumber), idVerifiedAt: now });
    const userId = Number(res.insertId);
    accounts.set(a.org, userId);
    await countRosterLines(db, byName.get(a.org)!.id, 1);
    await db.insert(rosterEntries).values({
      orgId: byName.get(a.org)!.id,
      name: a.name,
      idEnc: pii.encrypt(idNumber),
      idHash: pii.lookupHash(idNumber),
      phone: a.phone,
      position: a.position,
      isAdmin: true,
      isOperator: true,
      userId,
      onboardedAt: now,
    });
  }
  const reviewer = byName.get('中山大学计算机学院团委')!;
  const reviewerUser = accounts.get(reviewer.shortName) ?? null;
  const year = ratingYearAt(now);
  const earlier = new Date(now.getTime() - 2 * 86_400_000);
  const reviewedAt = new Date(now.getTime() - 86_400_000);
  for (const r of DEMO_RATINGS) {
    const org = byName.get(r.org)!;
    await db.insert(orgRatings).values({
      orgId: org.id,
      year,
      selfLevel: r.rerated ?? r.self,
      selfRatedAt: r.rerated ? now : earlier,
      changesUsed: r.changesUsed ?? 0,
      reviewLevel: r.review ?? null,
      reviewedAt: r.review ? reviewedAt : null,
      reviewedBy: r.review ? reviewerUser : null,
      reviewerOrgId: r.review ? reviewer.id : null,
      createdAt: earlier,
      updatedAt: now,
    });
    await audit(db, {
      actorUserId: null,
      orgId: org.id,
      action: 'rating.self',
      targetType: 'org',
      targetId: org.id,
      after: { year, level: r.self, kind: 'first', changesUsed: r.changesUsed ?? 0 },
    });
    if (r.review) {
      await audit(db, {
        actorUserId: reviewerUser,
        orgId: reviewer.id,
        action: 'rating.review',
        targetType: 'org',
        targetId: org.id,
        before: { level: null, selfLevel: r.self },
        after: { year, level: r.review },
      });
    }
    if (r.rerated) {
      await audit(db, {
        actorUserId: null,
        orgId: org.id,
        action: 'rating.self',
        targetType: 'org',
        targetId: org.id,
        before: { level: r.self },
        after: { year, level: r.rerated, kind: 'rerate', changesUsed: 0 },
      });
    }
  }
}
