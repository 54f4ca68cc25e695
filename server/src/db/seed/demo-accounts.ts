/**
 * Demo logins printed by `npm start` and used by the E2E tests. Never deploy these.
 * `org` names the org whose roster holds the account (admins are onboarded admins there).
 */
export const DEMO_ACCOUNTS = [
  { role: '团员（未报到）', name: '张小青', phone: '13800000001', password: 'demo1234', org: null, admin: false },
  { role: '团广东省委管理员', name: '陈省管', phone: '13800000010', password: 'demo1234', org: '团广东省委', admin: true },
  { role: '团广州市委管理员', name: '林市管', phone: '13800000011', password: 'demo1234', org: '团广州市委', admin: true },
  { role: '中山大学团委管理员', name: '黄校管', phone: '13800000012', password: 'demo1234', org: '中山大学团委', admin: true },
  { role: '班级团支部书记（运营者）', name: '李支书', phone: '13800000013', password: 'demo1234', org: '计算机科学与技术专业2024级1班团支部', admin: false },
] as const;
