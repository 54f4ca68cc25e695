import { CampaignKinds, MemberOutcomes } from './registration';
import { RatingLevels } from './rating';
import { OrgLifeKinds } from './org-life';
import { Positions, RealNameStatuses, TransferDirections, TransferStatuses, isKeyOf } from '../enums';

/**
 * §9 操作日志: every action code the server writes, in the documents' words. The server's
 * `audit()` only takes an `AuditAction`, so a new code cannot be written without a label
 * here (and server/test/audit-actions.test.ts scans the source to make sure of it).
 */
export const AuditActionLabels = {
  'org.create': '新建下级组织',
  'org.update': '修改组织信息',
  'org.delete': '删除下级组织',
  'org.import': '批量导入下级组织',
  'org.alias': '设置组织代称',
  'adminCode.issue': '生成管理员注册码',
  'adminCode.reissue': '重新生成管理员注册码',
  'adminCode.export': '导出管理员注册码',
  'admin.register': '管理员注册入驻',
  'admin.set': '变更组织管理员',
  'admin.request': '申请变更组织管理员',
  'roster.add': '录入团干部',
  'roster.update': '修改团干部信息',
  'roster.remove': '移出团干部名册',
  'roster.import': '批量导入团干部',
  'roster.invite': '发送入驻邀请',
  'cadre.onboard': '团干部入驻',
  'cadre.position': '修改任职职务',
  'cadre.confirm': '确认任职',
  'cadre.decline': '否认任职',
  'checkin.submit': '提交报到',
  'checkin.submitEdit': '提交资料修改',
  'checkin.withdraw': '撤回报到',
  'checkin.approve': '报到审核通过',
  'checkin.batchApprove': '批量审核通过',
  'checkin.return': '退回报到',
  'checkin.offlineVerify': '线下核验通过',
  'checkin.realName': '实名校验',
  'member.devNumberCorrect': '管理员修改发展团员编号',
  'transfer.apply': '申请组织关系转接',
  'transfer.withdraw': '撤回转接申请',
  'transfer.appeal': '转接申诉',
  'transfer.appealApprove': '申诉通过',
  'transfer.appealReject': '申诉驳回',
  'transfer.reject': '退回转接',
  'transfer.approveOut': '同意转出',
  'transfer.approveIn': '同意转入',
  'transfer.orgIn': '办理转入',
  'transfer.orgOut': '办理转出',
  'transfer.batch': '批量接转',
  'transfer.expire': '转接超时自动退回',
  'transfer.externalConfirm': '转入系统确认接收',
  'transfer.externalReject': '转入系统退回',
  'transfer.withdrawByOrg': '发起组织撤销转接',
  'transfer.inbound': '省外系统转入广东',
  'transfer.inboundCheckedIn': '省外转入团员报到成功',
  'transfer.inboundReported': '报到成功结果已反馈省外系统',
  'user.register': '注册账号',
  'user.password_reset': '重置密码',
  'user.wechat_bind': '绑定微信',
  'user.wechat_unbind': '解绑微信',
  'password_reset_code.issue': '生成密码重置码',
  'password_reset_code.attempt': '使用密码重置码',
  'user.password_change': '修改密码',
  'twoSystems.open': '发起年度团籍注册或团员教育评议',
  'twoSystems.decide': '办理团员注册或评议',
  'twoSystems.decideAll': '一键办理团员注册或评议',
  'twoSystems.submit': '提交上级审批',
  'twoSystems.approve': '审批通过',
  'twoSystems.return': '审批退回',
  'rating.self': '对标定级自评',
  'rating.review': '对标定级上级复核',
  'orgLife.create': '录入组织生活记录',
  'orgLife.update': '修改组织生活记录',
  'graduation.mark': '标记团支部毕业时间',
  'graduation.correct': '更正团支部毕业时间',
  'graduation.convert': '变更为毕业生团组织',
  'graduation.delay': '标记延迟毕业团员',
  'graduation.revokeDelay': '撤销延迟毕业团员',
  'membership.request': '申请团籍变更',
  'membership.approve': '同意团籍变更',
  'membership.reject': '不同意团籍变更',
  'membership.ageOut': '满二十八周岁离团',
  'member.enter': '录入团员',
  'member.import': '批量导入团员',
  'member.edit': '修改录入的团员信息',
  'member.claim': '认领团员信息',
  'member.claimDecline': '认领团员信息时选择不是我',
  'archive.upload': '上传团员电子档案',
  'archive.approve': '团员电子档案审批同意',
  'archive.reject': '团员电子档案审批不同意',
  'identityCorrection.request': '申请更正身份信息',
  'identityCorrection.approve': '同意更正身份信息',
  'identityCorrection.reject': '不同意更正身份信息',
  'notice.publish': '发布工作通知',
} as const satisfies Record<string, string>;
export type AuditAction = keyof typeof AuditActionLabels;

export const isAuditAction = (v: unknown): v is AuditAction => isKeyOf(AuditActionLabels, v);

/** The label of a stored code; a code no longer written (old rows) shows as itself. */
export const auditActionLabel = (action: string): string => (isAuditAction(action) ? AuditActionLabels[action] : action);

/** What the log list receives for one row (the API's AuditItem, minus what the summary ignores). */
export interface AuditSummaryInput {
  action: string;
  /** The person or org the action was about, resolved by the server (null when gone). */
  targetName?: string | null;
  before?: unknown;
  after?: unknown;
}

type Snap = Record<string, unknown>;
const snap = (v: unknown): Snap => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Snap) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const quoted = (v: unknown): string => (str(v) ? `「${str(v)}」` : '');
const position = (v: unknown): string => (isKeyOf(Positions, v) ? Positions[v] : str(v));
const transferStatus = (v: unknown): string => (isKeyOf(TransferStatuses, v) ? TransferStatuses[v] : '');
const join = (...parts: (string | false | null | undefined)[]): string => parts.filter((p): p is string => Boolean(p)).join(' · ');

/** An org edit names the fields it changed; the caller passes its field labels (the form owns them). */
export type FieldLabels = Partial<Record<string, string>>;

function rosterChanges(before: Snap, after: Snap): string[] {
  const out: string[] = [];
  if (after.name !== undefined && after.name !== before.name) out.push(`姓名改为${str(after.name)}`);
  if (after.position !== undefined && after.position !== before.position) out.push(`职务改为${position(after.position)}`);
  if (after.phone !== undefined && after.phone !== before.phone) out.push(`手机号改为${str(after.phone)}`);
  if (typeof after.isOperator === 'boolean' && after.isOperator !== before.isOperator) out.push(after.isOperator ? '设为运营者' : '取消运营者');
  if (typeof after.isAdmin === 'boolean' && after.isAdmin !== before.isAdmin) out.push(after.isAdmin ? '设为管理员' : '取消管理员');
  return out;
}

/**
 * One line saying what happened to whom, from the snapshots the server wrote with the
 * action (each action writes its own shape, see the audit() calls in server/src).
 */
export function auditSummary(item: AuditSummaryInput, fieldLabels: FieldLabels = {}): string {
  const b = snap(item.before);
  const a = snap(item.after);
  const who = item.targetName ?? '';
  const action = item.action as AuditAction;
  switch (action) {
    case 'org.create':
      return quoted(a.shortName ?? who);
    case 'org.delete':
      return quoted(b.shortName ?? who);
    case 'org.update': {
      const fields = Object.keys(a).map((k) => fieldLabels[k] ?? k);
      return join(quoted(who), fields.length ? `修改：${fields.join('、')}` : '');
    }
    case 'org.import':
      return join(typeof a.count === 'number' && `导入${a.count}个组织`);
    case 'org.alias':
      return str(b.alias) ? `代称由「${str(b.alias)}」改为「${str(a.alias)}」` : `代称「${str(a.alias)}」`;
    case 'adminCode.issue':
    case 'adminCode.reissue':
      return join(quoted(who));
    case 'admin.register':
      return join(who, a.position !== undefined && `职务：${position(a.position)}`);
    case 'admin.set':
      return join(who, typeof a.isAdmin === 'boolean' && (a.isAdmin ? '设为管理员' : '取消管理员'));
    case 'admin.request':
      return join(who, typeof a.isAdmin === 'boolean' && (a.isAdmin ? '申请设为管理员' : '申请取消管理员'));
    case 'roster.add':
      return join(str(a.name) || who, a.position !== undefined && position(a.position), a.isOperator === true && '运营者');
    case 'roster.update': {
      const changes = rosterChanges(b, a);
      return join(str(a.name) || who, changes.length ? changes.join('，') : '');
    }
    case 'roster.remove':
      return join(str(b.name) || who, b.position !== undefined && position(b.position));
    case 'roster.import':
      return join(typeof a.count === 'number' && `导入${a.count}名团干部`);
    case 'roster.invite':
      return join(who && `邀请${who}`);
    case 'cadre.onboard':
      return join(who, a.position !== undefined && `职务：${position(a.position)}`);
    case 'cadre.position':
      return join(who, b.position && b.position !== a.position ? `职务由${position(b.position)}改为${position(a.position)}` : `职务：${position(a.position)}`);
    case 'checkin.approve':
    case 'checkin.batchApprove':
      return join(who, a.kind === 'edit' ? '修改资料审核通过' : '报到审核通过');
    case 'checkin.return':
      return join(who, str(a.reason) && `退回原因：${str(a.reason)}`);
    case 'checkin.offlineVerify':
      return join(who, str(a.note) && `核验说明：${str(a.note)}`);
    case 'checkin.realName': {
      const rn = isKeyOf(RealNameStatuses, a.realNameStatus) ? RealNameStatuses[a.realNameStatus] : '';
      return join(who, rn && `实名校验${rn}`, a.attempt === 2 && '自动复核');
    }
    case 'checkin.withdraw':
      return join(who, str(a.reason) && `原因：${str(a.reason)}`);
    case 'checkin.submit':
    case 'checkin.submitEdit':
      return join(who);
    case 'identityCorrection.approve':
    case 'identityCorrection.reject':
      return join(who, str(a.reason) && `不同意原因：${str(a.reason)}`);
    case 'transfer.apply':
      return join(who, isKeyOf(TransferDirections, a.direction) && TransferDirections[a.direction]);
    case 'archive.upload':
      return join(
        who,
        a.kind === 'change' ? '申请变更电子档案' : a.kind === 'replace' ? '替换档案' : '上传档案',
        a.status === 'certified' && '无需审批',
        str(a.reason) && `理由：${str(a.reason)}`,
      );
    case 'archive.approve':
      return join(who, a.kind === 'change' ? '同意变更' : '团员身份已认证');
    case 'archive.reject':
      return join(who, str(a.reason) && `理由：${str(a.reason)}`);
    case 'notice.publish':
      return join(who, str(a.title) && `《${str(a.title)}》`);
    case 'password_reset_code.issue':
      return join(who && `为${who}生成`);
    case 'user.password_reset':
      return join(who, a.via === 'admin_code' ? '使用密码重置码' : a.via === 'sms' ? '短信验证' : '', a.phoneChanged === true && '同时更换手机号');
    default:
      if (action.startsWith('twoSystems.')) {
        const kind = isKeyOf(CampaignKinds, a.kind) ? `${str(a.year)} ${CampaignKinds[a.kind]}` : '';
        const outcome = isKeyOf(MemberOutcomes, a.outcome) ? MemberOutcomes[a.outcome] : '';
        return join(who, kind, outcome, typeof a.count === 'number' && `${a.count}人`, str(a.reason) && `原因：${str(a.reason)}`);
      }
      if (action.startsWith('rating.')) {
        const level = isKeyOf(RatingLevels, a.level) ? RatingLevels[a.level] : '';
        const before = isKeyOf(RatingLevels, b.level) ? RatingLevels[b.level] : '';
        return join(who, str(a.year) && `${str(a.year)}年度`, level && (before ? `${before} → ${level}` : level), a.kind === 'rerate' && '整改后重新自评');
      }
      if (action.startsWith('orgLife.')) {
        const kind = isKeyOf(OrgLifeKinds, a.kind) ? OrgLifeKinds[a.kind] : '';
        return join(kind, str(a.heldOn), str(a.topic), typeof a.count === 'number' && `参加${a.count}人`);
      }
      if (action.startsWith('transfer.')) {
        const to = transferStatus(a.status);
        return join(who, to && `${transferStatus(b.status) || '新建'} → ${to}`, str(a.comment) && `说明：${str(a.comment)}`, str(a.reason) && `理由：${str(a.reason)}`);
      }
      return join(who);
  }
}
