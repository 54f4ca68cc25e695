import type { OrgType } from '@tj/shared';
/**
 * Guangdong as in seed 002 §一: 团广东省委 and its 85 direct subordinates by their real names
 * (the notice's addressee list and its list of 56 universities managed by the province).
 */
export const PROVINCE = { shortName: '团广东省委', regionCode: '440000' };

export const CITIES = [
  ['广州', '440100'],
  ['深圳', '440300'],
  ['珠海', '440400'],
  ['汕头', '440500'],
  ['佛山', '440600'],
  ['韶关', '440200'],
  ['河源', '441600'],
  ['梅州', '441400'],
  ['惠州', '441300'],
  ['汕尾', '441500'],
  ['东莞', '441900'],
  ['中山', '442000'],
  ['江门', '440700'],
  ['阳江', '441700'],
  ['湛江', '440800'],
  ['茂名', '440900'],
  ['肇庆', '441200'],
  ['清远', '441800'],
  ['潮州', '445100'],
  ['揭阳', '445200'],
  ['云浮', '445300'],
] as const;

export const UNIVERSITIES = (
  '中山大学、华南理工大学、暨南大学、华南农业大学、南方医科大学、广州中医药大学、华南师范大学、广东工业大学、' +
  '广东外语外贸大学、广东财经大学、仲恺农业工程学院、广东药科大学、星海音乐学院、广州美术学院、广州体育学院、' +
  '广东技术师范学院、广东金融学院、广东警官学院、广东第二师范学院、广州航海学院、广东轻工职业技术学院、' +
  '广东外语艺术职业学院、广东机电职业技术学院、广东工贸职业技术学院、广东建设职业技术学院、广东理工职业学院、' +
  '广东交通职业技术学院、广东工程职业技术学院、广东食品药品职业学院、广东环境保护工程职业学院、广东青年职业学院、' +
  '广东培正学院、广东白云学院、广州商学院、广州工商学院、私立华联学院、广东岭南职业技术学院、' +
  '广州涉外经济职业技术学院、广州南洋理工职业学院、广州科技职业技术学院、广州华南商贸职业学院、' +
  '广州华立科技职业学院、广州现代信息工程职业技术学院、广州珠江职业技术学院、广州城建职业学院、广州华商职业学院、' +
  '广州华夏职业学院、广州东华职业学院、广东工业大学华立学院、中山大学新华学院、中山大学南方学院、' +
  '华南理工大学广州学院、华南农业大学珠江学院、广东外语外贸大学南国商学院、广东财经大学华商学院、广东技术师范学院天河学院'
).split('、');

/**
 * Transfer destinations with rules of their own, directly under the province: the
 * special-unit pool for enlisted members [004 §二(三)6] and the province's 临时中转团组织
 * [003 五2], each a branch so a member can be placed in it.
 */
export const TRANSFER_ROLE_ORGS = [
  { shortName: '特殊单位专属库', role: 'specialUnitPool' },
  { shortName: '广东省临时中转团组织', role: 'transit' },
] as const;

/** The other direct units of the notice's addressee line. */
export const OTHER_COMMITTEES = [
  { shortName: '省地质局团委', industry: 'publicInstitution' },
  { shortName: '南航集团团委', industry: 'stateEnterprise' },
  { shortName: '广东实验中学团委', industry: 'highSchool' },
  { shortName: '华南师范大学附属中学团委', industry: 'highSchool' },
] as const;

export const WORKING_COMMITTEES = ['省直机关团工委', '省属企业团工委', '省金融团工委', '省社会组织团工委'];

/**
 * Complete paths down to class branches, named by §3.2 / seed 002 §三: parent short name →
 * chain of [type, short name, industry].
 */
export const DEEP_PATHS: { under: string; chain: [type: OrgType, shortName: string, industry: string][] }[] = [
  {
    under: '中山大学团委',
    chain: [
      ['grassrootsCommittee', '中山大学计算机学院团委', 'university'],
      ['generalBranch', '计算机学院2024级团总支', 'university'],
      ['branch', '计算机科学与技术专业2024级1班团支部', 'university'],
    ],
  },
  { under: '计算机学院2024级团总支', chain: [['branch', '软件工程专业2024级2班团支部', 'university']] },
  // issue 16: graduating classes (seed/demo-graduation.ts marks them)
  {
    under: '中山大学计算机学院团委',
    chain: [
      ['generalBranch', '计算机学院2022级团总支', 'university'],
      ['branch', '计算机科学与技术专业2022级1班团支部', 'university'],
    ],
  },
  { under: '计算机学院2022级团总支', chain: [['branch', '软件工程专业2022级2班团支部', 'university']] },
  {
    under: '中山大学计算机学院团委',
    chain: [
      ['generalBranch', '计算机学院2023级团总支', 'university'],
      ['branch', '计算机科学与技术专业2023级1班团支部', 'university'],
    ],
  },
  { under: '计算机学院2023级团总支', chain: [['branch', '软件工程专业2023级2班团支部', 'university']] },
  {
    under: '华南理工大学团委',
    chain: [
      ['grassrootsCommittee', '华南理工大学软件学院团委', 'university'],
      ['generalBranch', '软件学院2023级团总支', 'university'],
      ['branch', '软件工程专业2023级3班团支部', 'university'],
    ],
  },
  {
    under: '团广州市委',
    chain: [
      ['leadingOrgan', '团越秀区委', 'partyGovernment'],
      ['branch', '新河浦社区团支部', 'urbanCommunity'],
    ],
  },
];
