import { AuditActionLabels, auditActionLabel, auditSummary, isAuditAction } from '../src';

/** Issue 13 item 7: every action the server writes reads as one correct Chinese line. */
describe('audit action labels', () => {
  it('labels every known code in Chinese and shows an unknown (old) code as itself', () => {
    for (const [code, label] of Object.entries(AuditActionLabels)) {
      expect(isAuditAction(code)).toBe(true);
      expect(auditActionLabel(code)).toBe(label);
      expect(label).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(isAuditAction('toString')).toBe(false);
    expect(auditActionLabel('legacy.code')).toBe('legacy.code');
  });
});

describe('audit summaries', () => {
  const cases: [string, Parameters<typeof auditSummary>[0], string][] = [
    ['org created', { action: 'org.create', after: { shortName: '一班' } }, '「一班」'],
    ['org created, name from target', { action: 'org.create', targetName: '二班' }, '「二班」'],
    ['org deleted', { action: 'org.delete', before: { shortName: '三班' } }, '「三班」'],
    ['org edited', { action: 'org.update', targetName: '四班', after: { fullName: 'x', email: 'y' } }, '「四班」 · 修改：组织全称、email'],
    ['org edited, nothing named', { action: 'org.update', targetName: '四班', after: {} }, '「四班」'],
    ['orgs imported', { action: 'org.import', after: { count: 3 } }, '导入3个组织'],
    ['alias first set', { action: 'org.alias', after: { alias: '计科一班' } }, '代称「计科一班」'],
    ['alias changed', { action: 'org.alias', before: { alias: '旧' }, after: { alias: '新' } }, '代称由「旧」改为「新」'],
    ['admin code', { action: 'adminCode.issue', targetName: '五班' }, '「五班」'],
    ['admin registered', { action: 'admin.register', targetName: '王五', after: { position: 'secretary' } }, '王五 · 职务：书记'],
    ['admin set', { action: 'admin.set', targetName: '王五', after: { isAdmin: true } }, '王五 · 设为管理员'],
    ['admin unset', { action: 'admin.set', targetName: '王五', after: { isAdmin: false } }, '王五 · 取消管理员'],
    ['admin requested', { action: 'admin.request', targetName: '王五', after: { isAdmin: true } }, '王五 · 申请设为管理员'],
    ['admin removal requested', { action: 'admin.request', targetName: '王五', after: { isAdmin: false } }, '王五 · 申请取消管理员'],
    // a plain roster add never reads 取消管理员 (the defect of item 7)
    ['roster add', { action: 'roster.add', after: { name: '赵六', position: 'secretary', isOperator: false, isAdmin: false } }, '赵六 · 书记'],
    ['roster add operator', { action: 'roster.add', after: { name: '赵六', position: 'secretary', isOperator: true } }, '赵六 · 书记 · 运营者'],
    [
      'roster update',
      {
        action: 'roster.update',
        before: { name: '赵六', position: 'secretary', phone: '138****0000', isOperator: false, isAdmin: false },
        after: { name: '赵七', position: 'other', phone: '139****0000', isOperator: true, isAdmin: true },
      },
      '赵七 · 姓名改为赵七，职务改为其他，手机号改为139****0000，设为运营者，设为管理员',
    ],
    [
      'roster update, rights removed',
      { action: 'roster.update', targetName: '赵六', before: { isOperator: true, isAdmin: true }, after: { isOperator: false, isAdmin: false } },
      '赵六 · 取消运营者，取消管理员',
    ],
    ['roster update, nothing', { action: 'roster.update', targetName: '赵六' }, '赵六'],
    ['roster remove', { action: 'roster.remove', before: { name: '赵六', position: 'secretary' } }, '赵六 · 书记'],
    ['roster import', { action: 'roster.import', after: { count: 2 } }, '导入2名团干部'],
    ['invite', { action: 'roster.invite', targetName: '钱八' }, '邀请钱八'],
    ['onboard', { action: 'cadre.onboard', targetName: '钱八', after: { position: 'secretary' } }, '钱八 · 职务：书记'],
    ['position changed', { action: 'cadre.position', targetName: '钱八', before: { position: 'secretary' }, after: { position: 'other' } }, '钱八 · 职务由书记改为其他'],
    ['position set', { action: 'cadre.position', targetName: '钱八', after: { position: 'other' } }, '钱八 · 职务：其他'],
    ['approve', { action: 'checkin.approve', targetName: '孙九' }, '孙九 · 报到审核通过'],
    ['approve edit', { action: 'checkin.batchApprove', targetName: '孙九', after: { kind: 'edit' } }, '孙九 · 修改资料审核通过'],
    ['return', { action: 'checkin.return', targetName: '孙九', after: { reason: '照片不清' } }, '孙九 · 退回原因：照片不清'],
    ['offline', { action: 'checkin.offlineVerify', targetName: '孙九', after: { note: '已核验' } }, '孙九 · 核验说明：已核验'],
    ['real name', { action: 'checkin.realName', targetName: '孙九', after: { realNameStatus: 'passed', attempt: 2 } }, '孙九 · 实名校验通过 · 自动复核'],
    ['withdraw', { action: 'checkin.withdraw', targetName: '孙九', after: { reason: '填错' } }, '孙九 · 原因：填错'],
    ['submit', { action: 'checkin.submit', targetName: '孙九' }, '孙九'],
    ['transfer apply', { action: 'transfer.apply', targetName: '周十', after: { direction: 'inProvince' } }, '周十 · 转至广东省内的团支部'],
    [
      'transfer step',
      { action: 'transfer.approve', targetName: '周十', before: { status: 'pendingOut' }, after: { status: 'pendingIn', comment: '同意' } },
      '周十 · 待转出组织审核 → 待转入组织审核 · 说明：同意',
    ],
    ['transfer new', { action: 'transfer.batch', targetName: '周十', after: { status: 'completed', reason: '批量' } }, '周十 · 新建 → 转接成功 · 理由：批量'],
    ['reset code', { action: 'password_reset_code.issue', targetName: '吴一' }, '为吴一生成'],
    ['reset by code', { action: 'user.password_reset', targetName: '吴一', after: { via: 'admin_code', phoneChanged: true } }, '吴一 · 使用密码重置码 · 同时更换手机号'],
    ['reset by sms', { action: 'user.password_reset', targetName: '吴一', after: { via: 'sms' } }, '吴一 · 短信验证'],
    ['anything else', { action: 'user.register', targetName: '吴一' }, '吴一'],
    ['no snapshots', { action: 'user.register', before: [1], after: null }, ''],
  ];
  it.each(cases)('%s', (_name, item, expected) => {
    expect(auditSummary(item, { fullName: '组织全称' })).toBe(expected);
  });
});
