/** §4.3 证件类型; 居民身份证 is the default. */
export const IdDocTypes = {
  residentId: '居民身份证',
  hkMacaoPermit: '港澳居民来往内地通行证',
  taiwanPermit: '台湾居民来往大陆通行证',
  passport: '护照',
} as const;
export type IdDocType = keyof typeof IdDocTypes;

export const Genders = {
  male: '男',
  female: '女',
} as const;
export type Gender = keyof typeof Genders;

/** §4.3 政治面貌. */
export const PoliticalStatuses = {
  leagueMember: '共青团员',
  probationaryPartyMember: '中共预备党员',
  partyMember: '中共党员',
} as const;
export type PoliticalStatus = keyof typeof PoliticalStatuses;

/** The statuses that require 入党年月 (§4.3). */
export const PartyStatuses = ['probationaryPartyMember', 'partyMember'] as const satisfies readonly PoliticalStatus[];

export const isPartyStatus = (s: PoliticalStatus): boolean => (PartyStatuses as readonly string[]).includes(s);

/** §10 全日制学历 / 最高学历. */
export const Educations = {
  primary: '小学',
  juniorHigh: '初中',
  juniorHighStudying: '初中在读',
  seniorHigh: '高中',
  seniorHighStudying: '高中在读',
  vocational: '中职',
  vocationalStudying: '中职在读',
  juniorCollege: '普通专科',
  juniorCollegeStudying: '普通专科在读',
  bachelor: '本科',
  bachelorStudying: '本科在读',
  master: '硕士研究生',
  masterStudying: '硕士研究生在读',
  doctor: '博士研究生',
  doctorStudying: '博士研究生在读',
} as const;
export type Education = keyof typeof Educations;

/** §10 收入. */
export const Incomes = {
  upTo2000: '≤2000元/月',
  from2001To5000: '2001–5000元/月',
  from5001To8000: '5001–8000元/月',
  from8001To10000: '8001–10000元/月',
  over10000: '>10000元/月',
  studentNoIncome: '学生无收入',
  ruralNoFixedIncome: '农村户籍且无固定收入',
} as const;
export type Income = keyof typeof Incomes;

/**
 * §4.3 职业 (optional step). The documents show only "国有企业职工" [003]; the rest is a
 * *(decision)* modelled on the national system's list.
 */
export const Occupations = {
  partyGovernmentStaff: '党政机关工作人员',
  publicInstitutionStaff: '事业单位工作人员',
  stateEnterpriseEmployee: '国有企业职工',
  nonPublicEnterpriseEmployee: '非公有制企业职工',
  socialOrganizationStaff: '社会组织从业人员',
  teacher: '教师',
  universityStudent: '高校学生',
  vocationalStudent: '中职学生',
  middleSchoolStudent: '中学生',
  farmer: '农民',
  migrantWorker: '进城务工人员',
  selfEmployed: '个体工商户',
  freelancer: '自由职业者',
  soldier: '军人',
  unemployed: '待业',
  other: '其他',
} as const;
export type Occupation = keyof typeof Occupations;

// §10 团籍状态 lives in domain/membership-status.ts (MembershipStatuses), with its rules.
