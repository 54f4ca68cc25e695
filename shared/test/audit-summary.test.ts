import { auditActionLabel, auditSummary } from '../src';

// The one line the audit log shows per row, from the snapshots each action writes.
describe('auditSummary', () => {
  it.each([
    [{ action: 'org.create', after: { shortName: '1班' } }, '「1班」'],
    [{ action: 'org.delete', before: { shortName: '2班' } }, '「2班」'],
    [{ action: 'org.update', targetName: '1班', after: { shortName: 'x', unknownField: 1 } }, '「1班」 · 修改：简称、unknownField'],
    [{ action: 'org.update', targetName: '1班', after: {} }, '「1班」'],
    [{ action: 'org.import', after: { count: 3 } }, '导入3个组织'],
    [{ action: 'org.alias', before: { alias: '甲' }, after: { alias: '乙' } }, '代称由「甲」改为「乙」'],
    [{ action: 'org.alias', after: { alias: '乙' } }, '代称「乙」'],
    [{ action: 'adminCode.issue', targetName: '1班' }, '「1班」'],
    [{ action: 'admin.set', targetName: '张三', after: { isAdmin: false } }, '张三 · 取消管理员'],
    [{ action: 'admin.request', targetName: '张三', after: { isAdmin: true } }, '张三 · 申请设为管理员'],
    [{ action: 'roster.add', after: { name: '李四', isOperator: true } }, '李四 · 运营者'],
    [{ action: 'roster.update', before: { name: '李四', isOperator: false, isAdmin: true, phone: '1' }, after: { name: '李五', phone: '2', isOperator: true, isAdmin: false } }, '李五 · 姓名改为李五，手机号改为2，设为运营者，取消管理员'],
    [{ action: 'roster.remove', before: { name: '李四' } }, '李四'],
    [{ action: 'roster.import', after: { count: 2 } }, '导入2名团干部'],
    [{ action: 'roster.invite', targetName: '王五' }, '邀请王五'],
    [{ action: 'checkin.approve', targetName: '赵六', after: { kind: 'edit' } }, '赵六 · 修改资料审核通过'],
    [{ action: 'checkin.batchApprove', targetName: '赵六' }, '赵六 · 报到审核通过'],
    [{ action: 'checkin.return', targetName: '赵六', after: { reason: '照片不清' } }, '赵六 · 退回原因：照片不清'],
    [{ action: 'checkin.offlineVerify', targetName: '赵六', after: { note: '已核' } }, '赵六 · 核验说明：已核'],
    [{ action: 'checkin.realName', targetName: '赵六', after: { realNameStatus: 'nope', attempt: 2 } }, '赵六 · 自动复核'],
    [{ action: 'checkin.withdraw', targetName: '赵六', after: { reason: '填错' } }, '赵六 · 原因：填错'],
    [{ action: 'checkin.submit', targetName: '赵六' }, '赵六'],
    [{ action: 'password_reset_code.issue', targetName: '赵六' }, '为赵六生成'],
    [{ action: 'user.password_reset', targetName: '赵六', after: { via: 'sms', phoneChanged: true } }, '赵六 · 短信验证 · 同时更换手机号'],
    [{ action: 'user.password_reset', targetName: '赵六', after: { via: 'admin_code' } }, '赵六 · 使用密码重置码'],
    [{ action: 'transfer.withdraw', targetName: '赵六', after: { comment: '不转了', reason: '个人原因' } }, '赵六 · 说明：不转了 · 理由：个人原因'],
    [{ action: 'something.old', targetName: '赵六' }, '赵六'],
  ])('%j → %s', (item, line) => {
    expect(auditSummary(item, { shortName: '简称' })).toBe(line);
  });

  it('labels known actions and shows old codes as themselves', () => {
    expect(auditActionLabel('something.old')).toBe('something.old');
    expect(auditActionLabel('org.create')).not.toBe('org.create');
  });
});
