import { CheckinStatuses, RealNameStatuses, isKeyOf, type CertStep, type CertificationDraft } from '@tj/shared';
import type { Tone } from '../components/status-tag';

/** The words the check-in screens show: step titles, field labels, status names. */

export const CertStepTitles: Record<CertStep, string> = {
  identity: '身份信息',
  league: '团员信息',
  contact: '联系方式',
  optional: '选填信息',
};

export const CertFieldLabels = {
  name: '真实姓名',
  idType: '证件类型',
  idNumber: '证件号码',
  birthDate: '出生日期',
  gender: '性别',
  joinedAt: '入团年月',
  branchId: '所在团组织',
  income: '收入',
  holdsPosition: '是否在本支部担任团干职务',
  position: '职务',
  positionSince: '任现职年月',
  developmentNumber: '发展团员编号',
  joinUnit: '入团时所在单位',
  phone: '手机号码',
  ethnicity: '民族',
  politicalStatus: '政治面貌',
  partyJoinedAt: '入党年月',
  fullTimeEducation: '全日制学历',
  highestEducation: '最高学历',
  isVolunteer: '是否志愿者',
  volunteerSince: '注册志愿者时间',
  guardianContact: '监护人或紧急联系人的联系方式',
  householdRegistration: '户籍所在地',
  occupation: '职业',
  workUnit: '工作单位/学习单位',
  email: '电子邮箱',
  qq: 'QQ',
  wechat: '微信号',
  weibo: '微博号',
  militaryService: '服兵役情况',
  extraInfo: '附加信息',
} as const satisfies Record<keyof CertificationDraft, string>;
export type CertField = keyof typeof CertFieldLabels;

export const checkinStatusLabel = (s: string | null): string => (s && isKeyOf(CheckinStatuses, s) ? CheckinStatuses[s] : '尚未报到');

export const realNameLabel = (s: string | null): string => (s && isKeyOf(RealNameStatuses, s) ? RealNameStatuses[s] : '未开始');

export function checkinStatusTone(s: string | null): Tone {
  switch (s) {
    case 'approved':
      return 'green';
    case 'submitted':
    case 'editSubmitted':
      return 'blue';
    case 'returned':
    case 'editReturned':
      return 'red';
    case 'withdrawn':
      return 'orange';
    default:
      return 'gray';
  }
}

export function realNameTone(s: string | null): Tone {
  switch (s) {
    case 'passed':
    case 'offlinePassed':
      return 'green';
    case 'failed':
      return 'red';
    case 'pending':
    case 'rechecking':
      return 'orange';
    default:
      return 'gray';
  }
}
