/** §3.1 and §10: the five org types; codes are the Guangdong system's. */
export const OrgTypes = {
  leadingOrgan: '团的领导机关',
  grassrootsCommittee: '基层团委',
  workingCommittee: '团工委',
  generalBranch: '团总支',
  branch: '团支部',
} as const;
export type OrgType = keyof typeof OrgTypes;

export const OrgTypeCodes = {
  leadingOrgan: 1,
  grassrootsCommittee: 2,
  workingCommittee: 3,
  generalBranch: 4,
  branch: 5,
} as const satisfies Record<OrgType, number>;

/** §3.1 branch categories (组织类别 variants of a 团支部) [004]. */
export const BranchCategories = {
  ordinary: '普通团支部',
  graduate: '毕业生团组织',
  mobileMembers: '流动团员团支部',
  schoolToSociety: '学社衔接临时团支部',
  delayedGraduation: '延迟毕业团组织',
  abroad: '出国（境）学习研究团员团支部',
  awaitingTransfer: '待接转团支部',
} as const;
export type BranchCategory = keyof typeof BranchCategories;

/**
 * §3.3 单位所属行业类别. The documents name the field but not its options *(decision)*: a
 * short list modelled on the national system; the school ones (学校领域) unlock graduation
 * marking [004 §二(二)], see `SchoolIndustries` / `isSchoolIndustry`.
 */
export const IndustryCategories = {
  partyGovernment: '党政机关',
  publicInstitution: '事业单位',
  stateEnterprise: '国有企业',
  nonPublicEnterprise: '非公有制企业',
  socialOrganization: '社会组织',
  townshipSubdistrict: '乡镇街道',
  urbanCommunity: '城市社区',
  rural: '农村',
  university: '普通高等学校',
  vocationalSchool: '中等职业学校',
  highSchool: '普通高中',
  juniorHighSchool: '初中',
  other: '其他',
} as const;
export type IndustryCategory = keyof typeof IndustryCategories;

export const SchoolIndustries = ['university', 'vocationalSchool', 'highSchool', 'juniorHighSchool'] as const satisfies readonly IndustryCategory[];

export const isSchoolIndustry = (industry: IndustryCategory): boolean => (SchoolIndustries as readonly string[]).includes(industry);

/**
 * §10 positions of every committee — 团的领导机关, 基层团委, 团工委 [002 §六: 职务分为书记、副书记、
 * 常委、委员、候补委员、工作人员六种; 002 §五: 团的领导机关、基层团委、团工委录入本委员会委员及机构工作人员].
 */
export const CommitteePositions = {
  secretary: '书记',
  deputySecretary: '副书记',
  standingMember: '常委',
  committeeMember: '委员',
  alternateMember: '候补委员',
  staff: '工作人员',
} as const;
export type CommitteePosition = keyof typeof CommitteePositions;
/** The name the leading organs' list had before issue 15 gave it to every committee. */
export const LeadingOrganPositions = CommitteePositions;
export type LeadingOrganPosition = CommitteePosition;

/** §10 positions of a 团总支 or 团支部 (the branch list). */
export const OrgPositions = {
  secretary: '书记',
  deputySecretary: '副书记',
  organizationMember: '组织委员',
  publicityMember: '宣传委员',
  cultureSportsMember: '文体委员',
  productionMember: '生产委员',
  rightsMember: '权益委员',
  volunteerMember: '志愿委员',
  other: '其他',
} as const;
export type OrgPosition = keyof typeof OrgPositions;

/** Every position, for display of a stored value whatever the org. */
export const Positions = { ...CommitteePositions, ...OrgPositions } as const;
export type Position = keyof typeof Positions;

/** §10 cadre nature (团干部性质). */
export const CadreNatures = {
  fullTime: '专职',
  partTime: '兼职',
  secondment: '挂职',
} as const;
export type CadreNature = keyof typeof CadreNatures;
