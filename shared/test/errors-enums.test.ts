import {
  BranchCategories,
  CadreNatures,
  Educations,
  ErrorMessages,
  EthnicGroupCodes,
  EthnicGroups,
  IdDocTypes,
  Incomes,
  IndustryCategories,
  MembershipStatuses,
  Occupations,
  OrgTypeCodes,
  OrgTypes,
  PoliticalStatuses,
  Positions,
  Provinces,
  SchoolIndustries,
  TransferDirections,
  errorMessage,
  isErrorCode,
  isKeyOf,
  isPartyStatus,
  isSchoolIndustry,
  issueCode,
  keysOf,
  fromCode,
  OrgTypeSchema,
  CheckinStatusSchema,
  RealNameStatusSchema,
  TransferStatusSchema,
  EthnicGroupSchema,
  type ErrorCode,
} from '../src';

describe('error codes', () => {
  const entries = Object.entries(ErrorMessages);

  it.each(entries)('%s has a Chinese message', (code, message) => {
    expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(errorMessage(code as ErrorCode)).toBe(message);
  });

  it('keeps the wording of the documents', () => {
    expect(ErrorMessages.ALIAS_TOO_LONG).toBe('代称不能超过16个字');
    expect(ErrorMessages.NOT_IN_ROSTER).toBe('您尚未被组织录入系统，请联系本组织管理员/运营者');
    expect(ErrorMessages.TRANSFER_REMARKS_TOO_LONG).toBe('备注最多100字');
    expect(ErrorMessages.DEVELOPMENT_NUMBER_TAKEN).toContain('占用');
  });

  it('isErrorCode / issueCode', () => {
    expect(isErrorCode('REQUIRED')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(3)).toBe(false);
    expect(issueCode('ALIAS_EMPTY')).toBe('ALIAS_EMPTY');
    expect(issueCode('Invalid input')).toBe('VALIDATION_FAILED');
    expect(issueCode(undefined)).toBe('VALIDATION_FAILED');
  });
});

describe('enumerations (§4.3, §10)', () => {
  it('org types with §10 codes', () => {
    expect(keysOf(OrgTypes)).toEqual(['leadingOrgan', 'grassrootsCommittee', 'workingCommittee', 'generalBranch', 'branch']);
    expect(Object.values(OrgTypeCodes)).toEqual([1, 2, 3, 4, 5]);
    expect(fromCode(OrgTypeCodes, 5)).toBe('branch');
  });

  it('56 ethnic groups + 97 其他 + 98 外国血统, keyed by GB/T 3304 code', () => {
    const codes = EthnicGroupCodes;
    expect(codes).toHaveLength(58);
    expect(codes.slice(0, 56)).toEqual(Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(EthnicGroups['01']).toBe('汉族');
    expect(EthnicGroups['05']).toBe('维吾尔族');
    expect(EthnicGroups['56']).toBe('基诺族');
    expect(EthnicGroups['97']).toBe('其他');
    expect(EthnicGroups['98']).toBe('外国血统');
    expect(new Set(Object.values(EthnicGroups)).size).toBe(58);
  });

  it('the §10 lists', () => {
    expect(Object.values(Educations)).toHaveLength(15);
    expect(Object.values(Incomes)).toHaveLength(7);
    expect(Object.values(PoliticalStatuses)).toEqual(['共青团员', '中共预备党员', '中共党员']);
    expect(Object.values(CadreNatures)).toEqual(['专职', '兼职', '挂职']);
    expect(Object.values(IdDocTypes)).toEqual(['居民身份证', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '护照']);
    expect(Object.values(BranchCategories)).toHaveLength(7);
    expect(Object.values(MembershipStatuses)).toEqual(['正常', '满28周岁离团', '自愿退团', '开除团籍', '自行脱团', '已转出']);
    expect(Object.values(TransferDirections)).toEqual(['转至广东省内的团支部', '转至省外']);
    expect(Occupations.stateEnterpriseEmployee).toBe('国有企业职工');
    expect(Positions.secretary).toBe('书记');
    expect(Object.keys(Provinces)).toHaveLength(34);
  });

  it('party statuses and school industries', () => {
    expect(isPartyStatus('leagueMember')).toBe(false);
    expect(isPartyStatus('partyMember')).toBe(true);
    expect(isPartyStatus('probationaryPartyMember')).toBe(true);
    for (const k of keysOf(IndustryCategories)) expect(isSchoolIndustry(k)).toBe((SchoolIndustries as readonly string[]).includes(k));
    expect(isSchoolIndustry('university')).toBe(true);
    expect(isSchoolIndustry('stateEnterprise')).toBe(false);
  });

  it('enum schemas accept the keys and refuse the rest', () => {
    expect(OrgTypeSchema.safeParse('branch').success).toBe(true);
    expect(CheckinStatusSchema.safeParse('editReturned').success).toBe(true);
    expect(RealNameStatusSchema.safeParse('offlinePassed').success).toBe(true);
    expect(TransferStatusSchema.safeParse('awaitingExternal').success).toBe(true);
    expect(EthnicGroupSchema.safeParse('98').success).toBe(true);
    expect(EthnicGroupSchema.safeParse('99').error?.issues[0]?.message).toBe('OPTION_INVALID');
  });

  it('isKeyOf is a safe guard for untrusted input', () => {
    expect(isKeyOf(OrgTypes, 'branch')).toBe(true);
    expect(isKeyOf(OrgTypes, 'constructor')).toBe(false);
    expect(isKeyOf(OrgTypes, 5)).toBe(false);
  });
});
