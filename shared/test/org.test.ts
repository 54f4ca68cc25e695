import {
  OrgTypes,
  allowedChildTypes,
  canBatchTransfer,
  canContain,
  checkCanContain,
  checkPosition,
  isBranch,
  isOrgInfoComplete,
  isPositionAllowed,
  missingOrgFields,
  requiredOrgFields,
  ORG_CREATE_REQUIRED,
  needsStaffingFields,
  positionsFor,
  isCommittee,
  Positions,
  proposeFullName,
  validateFullName,
  validateShortName,
  type OrgType,
} from '../src';

const TYPES = Object.keys(OrgTypes) as OrgType[];

describe('canContain (§3.1)', () => {
  const table: Record<OrgType, OrgType[]> = {
    leadingOrgan: ['leadingOrgan', 'grassrootsCommittee', 'workingCommittee', 'generalBranch', 'branch'],
    grassrootsCommittee: ['grassrootsCommittee', 'generalBranch', 'branch'],
    workingCommittee: ['grassrootsCommittee', 'generalBranch', 'branch'],
    generalBranch: ['branch'],
    branch: [],
  };
  const pairs = TYPES.flatMap((p) => TYPES.map((c) => [p, c, table[p].includes(c)] as const));

  it.each(pairs)('%s may contain %s: %s', (parent, child, expected) => {
    expect(canContain(parent, child)).toBe(expected);
    expect(checkCanContain(parent, child)).toEqual(expected ? { ok: true } : { ok: false, code: 'ORG_TYPE_NOT_ALLOWED' });
  });

  it('only a leading organ may have a 团工委', () => {
    expect(TYPES.filter((t) => canContain(t, 'workingCommittee'))).toEqual(['leadingOrgan']);
  });

  it('lists the allowed children', () => {
    expect(allowedChildTypes('branch')).toEqual([]);
    expect(allowedChildTypes('generalBranch')).toEqual(['branch']);
  });
});

describe('org type predicates', () => {
  it.each(TYPES)('%s', (t) => {
    expect(isBranch(t)).toBe(t === 'branch');
    expect(needsStaffingFields(t)).toBe(t === 'leadingOrgan' || t === 'grassrootsCommittee');
    expect(canBatchTransfer(t)).toBe(t === 'grassrootsCommittee' || t === 'workingCommittee' || t === 'generalBranch');
  });
});

describe('positions (§10)', () => {
  // 002 §六 "职务分为书记、副书记、常委、委员、候补委员、工作人员六种"; 002 §五 "团的领导机关、基层团委、
  // 团工委录入本委员会委员及机构工作人员" — so every committee offers the six.
  it.each(['leadingOrgan', 'grassrootsCommittee', 'workingCommittee'] as const)('002 §六 %s offers 书记、副书记、常委、委员、候补委员、工作人员', (t) => {
    expect(isCommittee(t)).toBe(true);
    expect(Object.values(positionsFor(t))).toEqual(['书记', '副书记', '常委', '委员', '候补委员', '工作人员']);
  });
  it('团总支 and 团支部 keep the branch list 书记…其他; a stored position of either list stays readable', () => {
    expect(Positions.organizationMember).toBe('组织委员');
    expect(Positions.staff).toBe('工作人员');
    for (const t of ['generalBranch', 'branch'] as const) {
      expect(isCommittee(t)).toBe(false);
      expect(Object.values(positionsFor(t))).toEqual(['书记', '副书记', '组织委员', '宣传委员', '文体委员', '生产委员', '权益委员', '志愿委员', '其他']);
    }
  });
  it.each([
    ['leadingOrgan', 'standingMember', true],
    ['leadingOrgan', 'staff', true],
    ['leadingOrgan', 'publicityMember', false],
    ['grassrootsCommittee', 'committeeMember', true],
    ['grassrootsCommittee', 'staff', true],
    ['workingCommittee', 'alternateMember', true],
    ['grassrootsCommittee', 'organizationMember', false],
    ['branch', 'publicityMember', true],
    ['branch', 'secretary', true],
    ['branch', 'standingMember', false],
    ['generalBranch', 'nonsense', false],
  ] as const)('%s / %s → %s', (t, p, ok) => {
    expect(isPositionAllowed(t, p)).toBe(ok);
    expect(checkPosition(t, p)).toEqual(ok ? { ok: true } : { ok: false, code: 'POSITION_NOT_ALLOWED' });
  });
});

describe('proposeFullName (§3.2)', () => {
  it.each([
    ['团广州市委', 'leadingOrgan', '中国共产主义青年团广州市委员会'],
    ['团天河区委', 'leadingOrgan', '中国共产主义青年团天河区委员会'],
    ['中山大学团委', 'grassrootsCommittee', '中国共产主义青年团中山大学委员会'],
    ['湛江市坡头区龙头中学团委', 'grassrootsCommittee', '中国共产主义青年团湛江市坡头区龙头中学委员会'],
    ['广东省卫生和计划生育委员会团委', 'grassrootsCommittee', '中国共产主义青年团广东省卫生和计划生育委员会系统委员会'],
    ['深圳市福田区福田街道团工委', 'workingCommittee', '中国共产主义青年团深圳市福田区福田街道工作委员会'],
    ['南方医科大学南方医院感染内科团总支', 'generalBranch', '中国共产主义青年团南方医科大学南方医院感染内科总支部委员会'],
    ['计算机专业2017级3班团支部', 'branch', '中国共产主义青年团计算机专业2017级3班支部委员会'],
    ['广东实验中学 2017 级 18 班团支部', 'branch', '中国共产主义青年团广东实验中学2017级18班支部委员会'],
    ['包装车间', 'branch', '中国共产主义青年团包装车间支部委员会'],
    ['中国共产主义青年团中山大学委员会', 'grassrootsCommittee', '中国共产主义青年团中山大学委员会'],
  ] as const)('%s (%s) → %s', (short, type, full) => {
    expect(proposeFullName(short, type)).toBe(full);
    expect(validateFullName(full, type)).toEqual({ ok: true });
  });
});

describe('validateShortName / validateFullName', () => {
  it.each([
    ['团山东省委', 'leadingOrgan', true],
    ['山东省团委', 'leadingOrgan', false],
    ['北控集团团委', 'grassrootsCommittee', true],
    ['团委', 'grassrootsCommittee', false],
    ['南沙街道团工委', 'workingCommittee', true],
    ['大雅宝社区团总支', 'generalBranch', true],
    ['包装车间团支部', 'branch', true],
    ['包装车间团总支', 'branch', false],
  ] as const)('short name %s (%s) → %s', (name, type, ok) => {
    expect(validateShortName(name, type)).toEqual(ok ? { ok: true } : { ok: false, code: 'SHORT_NAME_SHAPE' });
  });

  it.each([
    ['共青团中山大学委员会', 'grassrootsCommittee'],
    ['中国共产主义青年团委员会', 'grassrootsCommittee'],
    ['中国共产主义青年团某某支部委员会', 'grassrootsCommittee'],
    ['中国共产主义青年团某某总支部委员会', 'branch'],
    ['中国共产主义青年团支部委员会', 'branch'],
    ['中国共产主义青年团某某委员会', 'generalBranch'],
    ['中国共产主义青年团总支部委员会', 'generalBranch'],
    ['中国共产主义青年团某某委员会', 'workingCommittee'],
    ['中国共产主义青年团工作委员会', 'workingCommittee'],
  ] as const)('rejects the full name %s for %s', (name, type) => {
    expect(validateFullName(name, type)).toEqual({ ok: false, code: 'FULL_NAME_SHAPE' });
  });
});

describe('org info completeness (§3.3)', () => {
  const branch = {
    type: 'branch' as const,
    shortName: '包装车间团支部',
    fullName: '中国共产主义青年团包装车间支部委员会',
    industry: 'stateEnterprise',
    secretaryName: '张三',
    secretaryIdNumber: '11010519491231002X',
    secretaryPhone: '13812345678',
  };
  it('a branch needs the common fields and a registered secretary', () => {
    expect(missingOrgFields(branch)).toEqual([]);
    expect(isOrgInfoComplete(branch, true)).toBe(true);
    expect(isOrgInfoComplete(branch, false)).toBe(false);
    expect(missingOrgFields({ ...branch, secretaryPhone: ' ' })).toEqual(['secretaryPhone']);
  });
  // 004 (2.1) "基层团委必填项：组织类别、组织简称、组织全称、单位所属行业类别、本级团组织行政编制数…" — no 联系电话/电子邮箱
  it('a grassroots committee also needs the 编制 numbers (0 allowed), not contact phone or email', () => {
    const committee = { ...branch, type: 'grassrootsCommittee' as const };
    expect(missingOrgFields(committee)).toEqual(['adminStaffQuota', 'adminStaffActual', 'institutionStaffQuota', 'institutionStaffActual']);
    const full = {
      ...committee,
      adminStaffQuota: 0,
      adminStaffActual: 0,
      institutionStaffQuota: 2,
      institutionStaffActual: 1,
    };
    expect(isOrgInfoComplete(full, true)).toBe(true);
    expect(missingOrgFields({ ...full, adminStaffQuota: null })).toEqual(['adminStaffQuota']);
    expect(missingOrgFields({ ...full, industry: null })).toEqual(['industry']);
  });
  // 004 (2.1) "团的领导机关必填项：组织类别、组织简称、组织全称、联系电话、电子邮箱、本级团组织行政编制数…" — no 行业类别
  it('a leading organ needs contact phone, email and 编制 numbers, not an industry', () => {
    const organ = { ...branch, type: 'leadingOrgan' as const, industry: null };
    expect(missingOrgFields(organ)).toEqual(['contactPhone', 'email', 'adminStaffQuota', 'adminStaffActual', 'institutionStaffQuota', 'institutionStaffActual']);
    expect(requiredOrgFields('leadingOrgan')).not.toContain('industry');
  });
  // 004 §二(一)3 "组织简称和组织类别由上级团组织管理员创建，其他具体组织信息由本级团组织管理员填写"
  it('an org created with only 组织简称 and 组织类别 lists everything else as 信息待完善', () => {
    expect(ORG_CREATE_REQUIRED).toEqual(['type', 'shortName']);
    expect(missingOrgFields({ type: 'workingCommittee', shortName: '省直机关团工委' })).toEqual(['fullName', 'secretaryName', 'secretaryIdNumber', 'secretaryPhone', 'industry']);
  });
});
