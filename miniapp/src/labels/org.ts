import { OrgTypes, isKeyOf } from '@tj/shared';

export const orgTypeLabel = (type: string): string => (isKeyOf(OrgTypes, type) ? OrgTypes[type] : type);

/** §3.3 labels of the org fields, as the source documents name them. */
export const OrgFieldLabels = {
  type: '组织类别',
  shortName: '组织简称',
  fullName: '组织全称',
  industry: '单位所属行业类别',
  branchCategory: '团支部类别',
  secretaryName: '书记姓名',
  secretaryIdNumber: '书记身份证号码',
  secretaryPhone: '书记手机号码',
  contactPhone: '联系电话',
  email: '电子邮箱',
  adminStaffQuota: '本级团组织行政编制数',
  adminStaffActual: '行政编制实际配备数',
  institutionStaffQuota: '本级团组织事业编制数',
  institutionStaffActual: '事业编制实际配备数',
  youthCount: '14-28周岁青年数',
  partyRecommendedCount: '年度经推入党团员数',
  sortOrder: '组织排序',
} as const;
export type OrgField = keyof typeof OrgFieldLabels;
