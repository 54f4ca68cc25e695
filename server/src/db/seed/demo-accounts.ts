/** Demo logins printed by `npm start` and used by the E2E tests. Never deploy these. */
export const DEMO_ACCOUNTS = [
  { role: '团员（示例）', name: '张小青', phone: '13800000001', password: 'demo1234' },
] as const;
