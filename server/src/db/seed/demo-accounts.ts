/**
 * Demo logins printed by `npm start` and used by the E2E tests. Never deploy these.
 * `org` names the org whose roster holds the account (admins are onboarded admins there), as
 * its 书记 and an operator. Every org with one has an alias except 2班 (DEMO_ALIASES): its
 * operator meets the alias step first (§6.4). One entry per line: scripts/start.mjs reads
 * this file's entries (both lists) as text to print them.
 */
export const DEMO_ACCOUNTS = [
  { role: '团员（未报到）', name: '张小青', phone: '13800000001', password: 'demo1234', org: null, admin: false },
  { role: '团广东省委管理员', name: '陈志强', phone: '13800000010', password: 'demo1234', org: '团广东省委', admin: true },
  { role: '团广州市委管理员', name: '林晓东', phone: '13800000011', password: 'demo1234', org: '团广州市委', admin: true },
  { role: '中山大学团委管理员', name: '黄文静', phone: '13800000012', password: 'demo1234', org: '中山大学团委', admin: true },
  { role: '1班团支部书记（运营者，有待审核报到和转接）', name: '李嘉欣', phone: '13800000013', password: 'demo1234', org: '计算机科学与技术专业2024级1班团支部', admin: false },
  { role: '2班团支部书记（运营者，进入时须先设置代称）', name: '王浩然', phone: '13800000014', password: 'demo1234', org: '软件工程专业2024级2班团支部', admin: false },
  { role: '计算机学院2024级团总支管理员（上传1班、2班团员电子档案）', name: '刘思远', phone: '13800000015', password: 'demo1234', org: '计算机学院2024级团总支', admin: true },
] as const;

/**
 * 对标定级 (issue 17, seed/demo-ratings.ts): the committee that reviews 中山大学计算机学院团委's 团总支 and
 * 团支部, and an admin of 1班 who rates it. Seeded after everything else, so no id above moves.
 */
export const DEMO_RATING_ACCOUNTS = [
  { role: '计算机学院团委管理员（对标定级复核）', name: '郑振华', phone: '13800000016', password: 'demo1234', org: '中山大学计算机学院团委', position: 'committeeMember' },
  { role: '1班团支部管理员（对标定级自评）', name: '何雅婷', phone: '13800000017', password: 'demo1234', org: '计算机科学与技术专业2024级1班团支部', position: 'organizationMember' },
] as const;

/** Members whose check-ins seed/demo-members.ts writes (DEMO_MEMBERS); logins of the demo. */
export const DEMO_MEMBER_ACCOUNTS = [
  { role: '团员（报到被退回，可修改后重新提交）', name: '赵雨桐', phone: '13800000002', password: 'demo1234' },
  { role: '团员（已报到，可申请转接）', name: '周子涵', phone: '13800000003', password: 'demo1234' },
  { role: '团员（转接办理中，待1班审核）', name: '吴俊杰', phone: '13800000004', password: 'demo1234' },
] as const;

/** Aliases (§3.2) of the demo operators' orgs; 2班 has none, so 13800000014 must set it first. */
export const DEMO_ALIASES: Record<string, string> = {
  团广东省委: '团广东省委',
  团广州市委: '团广州市委',
  中山大学团委: '中大团委',
  计算机科学与技术专业2024级1班团支部: '计科2024级1班团支部',
  计算机学院2024级团总支: '计算机学院2024级团总支',
};
