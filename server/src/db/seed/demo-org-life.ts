import { countsForMonthlyRule, monthOf, rateMet, todayInChina, type OrgLifeKind } from '@tj/shared';
import type { Db } from '../client';
import { orgLifeAttendees, orgLifeRecords, orgs } from '../schema';
import { branchMemberList } from '../../modules/org-life/service';

type OrgRow = typeof orgs.$inferSelect;

/** `n` months before `month` ('YYYY-MM'). */
const monthsBack = (month: string, n: number) => {
  const t = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

/**
 * 组织生活 of the demo (issue 17 part 2), relative to the seeding day: 1班 met 004's monthly
 * rule two months ago and last month; 2班 met it two months ago and did nothing last month;
 * neither has a record this month, so the branch secretary's first 团日活动 (the E2E) turns
 * the month to 达标 and shows in 计算机学院2024级团总支's counts.
 */
const PLAN: { branch: string; back: number; day: string; kind: OrgLifeKind; topic: string; place: string; share: number }[] = [
  { branch: '计算机科学与技术专业2024级1班团支部', back: 2, day: '12', kind: 'leagueDay', topic: '重温入团誓词主题团日', place: '中山大学东校区团员活动室', share: 1 },
  { branch: '计算机科学与技术专业2024级1班团支部', back: 2, day: '20', kind: 'memberMeeting', topic: '支部团员大会：选举支部委员会', place: '教学楼A201', share: 1 },
  { branch: '计算机科学与技术专业2024级1班团支部', back: 1, day: '08', kind: 'committeeMeeting', topic: '支部委员会：研究本月团日活动安排', place: '学生活动中心', share: 0.3 },
  { branch: '计算机科学与技术专业2024级1班团支部', back: 1, day: '18', kind: 'lecture', topic: '团课：学习习近平总书记关于青年工作的重要思想', place: '教学楼A105', share: 0.8 },
  { branch: '软件工程专业2024级2班团支部', back: 2, day: '15', kind: 'leagueDay', topic: '走进红色教育基地', place: '广州起义纪念馆', share: 0.5 },
];

export async function seedDemoOrgLife(db: Db, byName: Map<string, OrgRow>, operators: Map<string, number>, now = new Date()) {
  const thisMonth = monthOf(todayInChina(now));
  let n = 0;
  for (const p of PLAN) {
    const branch = byName.get(p.branch)!;
    const members = await branchMemberList(db, branch.id);
    const attendees = members.slice(0, Math.max(1, Math.ceil(members.length * p.share)));
    const counted = countsForMonthlyRule(p.kind);
    const [res] = await db.insert(orgLifeRecords).values({
      branchId: branch.id,
      branchPath: branch.path,
      requestId: `demo-seed-${++n}`,
      kind: p.kind,
      heldOn: `${monthsBack(thisMonth, p.back)}-${p.day}`,
      topic: p.topic,
      place: p.place,
      note: null,
      attendeeCount: attendees.length,
      memberCount: members.length,
      counted,
      rateMet: counted && rateMet({ attendees: attendees.length, members: members.length }),
      createdBy: operators.get(p.branch) ?? null,
      updatedBy: operators.get(p.branch) ?? null,
    });
    const recordId = Number(res.insertId);
    await db.insert(orgLifeAttendees).values(attendees.map((a) => ({ recordId, checkinId: a.checkinId, name: a.name })));
  }
}
