import {
  AdminCodeSchema,
  AliasSchema,
  CheckinReviewSchema,
  OfflineVerifySchema,
  OrgCreateSchema,
  OrgUpdateSchema,
  RosterEntrySchema,
  SetAliasSchema,
  aliasSchemaFor,
  makeAdminRegisterSchema,
  makeOrgCreateSchema,
  makeOrgUpdateSchema,
  positionSchemaFor,
  rosterEntrySchemaFor,
  rosterUpdateSchemaFor,
  setPositionSchemaFor,
  checkAdminCodeUsable,
  isAdminCodeExpired,
  validateAdminCode,
  AdminRegisterSchema,
} from '../src';
import { id, issues, parsed } from './helpers';

const SECRETARY_ID = id('44010619950101001');
const branch = {
  type: 'branch',
  shortName: '包装车间团支部',
  fullName: '中国共产主义青年团包装车间支部委员会',
  industry: 'stateEnterprise',
  secretaryName: '李四',
  secretaryIdNumber: SECRETARY_ID,
  secretaryPhone: '13812345678',
};
const committee = {
  ...branch,
  type: 'grassrootsCommittee',
  shortName: '中山大学团委',
  fullName: '中国共产主义青年团中山大学委员会',
  industry: 'university',
  contactPhone: '020-84112345',
  email: 'tw@example.edu.cn',
  adminStaffQuota: 0,
  adminStaffActual: 0,
  institutionStaffQuota: 5,
  institutionStaffActual: 4,
};

describe('OrgCreateSchema (§3.3)', () => {
  it('accepts a branch with only the common fields', () => {
    expect(parsed(OrgCreateSchema, branch)).toMatchObject({ type: 'branch' });
    expect(issues(OrgCreateSchema, { ...branch, branchCategory: 'mobileMembers' })).toEqual({});
  });

  it('accepts a grassroots committee with contacts and 编制 numbers (0 allowed)', () => {
    expect(issues(OrgCreateSchema, committee)).toEqual({});
  });

  // 004 §二(一)3 "各级团组织的组织简称和组织类别由上级团组织管理员创建，其他具体组织信息由本级团组织管理员填写"
  it('the superior gives only 组织简称 and 组织类别; everything else may wait (and is checked when given)', () => {
    for (const [type, shortName] of [
      ['grassrootsCommittee', '北控集团团委'],
      ['leadingOrgan', '团广州市委'],
      ['workingCommittee', '南沙街道团工委'],
      ['branch', '包装车间团支部'],
    ] as const) {
      expect(issues(OrgCreateSchema, { type, shortName })).toEqual({});
    }
    expect(issues(OrgCreateSchema, { type: 'branch' })).toEqual({ shortName: 'REQUIRED' });
    expect(issues(OrgCreateSchema, { shortName: '包装车间团支部' })).toEqual({ type: 'REQUIRED' });
  });

  it.each([
    ['youth count 10000', { youthCount: 10000 }, {}],
    ['youth count 10001', { youthCount: 10001 }, { youthCount: 'YOUTH_COUNT_TOO_LARGE' }],
    ['party-recommended 1000', { partyRecommendedCount: 1000 }, {}],
    ['party-recommended 1001', { partyRecommendedCount: 1001 }, { partyRecommendedCount: 'PARTY_RECOMMENDED_TOO_LARGE' }],
    ['negative 编制', { adminStaffQuota: -1 }, { adminStaffQuota: 'NUMBER_INVALID' }],
    ['fractional 编制', { adminStaffActual: 1.5 }, { adminStaffActual: 'NUMBER_INVALID' }],
    ['编制 as text', { institutionStaffQuota: '3' }, { institutionStaffQuota: 'NUMBER_INVALID' }],
    ['sort order', { sortOrder: 3 }, {}],
    ['bad email', { email: 'tw@' }, { email: 'EMAIL_INVALID' }],
    ['bad contact phone', { contactPhone: '12345' }, { contactPhone: 'CONTACT_PHONE_INVALID' }],
    ['mobile contact phone', { contactPhone: '13812345678' }, {}],
    ['landline with extension', { contactPhone: '020-87185624-123' }, {}],
    ['bad secretary ID', { secretaryIdNumber: SECRETARY_ID.slice(0, 17) + 'Y' }, { secretaryIdNumber: 'ID_NUMBER_FORMAT' }],
    ['bad secretary phone', { secretaryPhone: '1' }, { secretaryPhone: 'MOBILE_INVALID' }],
    ['short name of another type', { shortName: '中山大学团总支' }, { shortName: 'SHORT_NAME_SHAPE' }],
    ['full name of another type', { fullName: '中国共产主义青年团中山大学总支部委员会' }, { fullName: 'FULL_NAME_SHAPE' }],
    ['a branch category on a committee', { branchCategory: 'graduate' }, { branchCategory: 'BRANCH_CATEGORY_ONLY_FOR_BRANCH' }],
    ['no industry (the org completes it)', { industry: undefined }, {}],
    ['unknown industry', { industry: 'mining' }, { industry: 'OPTION_INVALID' }],
  ])('%s', (_, change, expected) => {
    expect(issues(OrgCreateSchema, { ...committee, ...change })).toEqual(expected);
  });

  it('checks §3.1 containment against the parent type', () => {
    expect(issues(makeOrgCreateSchema('generalBranch'), branch)).toEqual({});
    expect(issues(makeOrgCreateSchema('generalBranch'), committee)).toEqual({ type: 'ORG_TYPE_NOT_ALLOWED' });
    expect(issues(makeOrgCreateSchema('grassrootsCommittee'), { ...branch, type: 'workingCommittee', shortName: 'x团工委', fullName: '中国共产主义青年团x工作委员会' })).toEqual({
      type: 'ORG_TYPE_NOT_ALLOWED',
    });
    expect(issues(makeOrgCreateSchema('branch'), { ...branch, type: 'kingdom' })).toEqual({ type: 'OPTION_INVALID' });
  });
});

describe('OrgUpdateSchema (§3.2 immutables)', () => {
  it('refuses type and short name; full name and industry are set once, by the server’s check of the stored value', () => {
    expect(issues(OrgUpdateSchema, { shortName: '新名字团支部', industry: 'rural', sortOrder: 2 })).toEqual({ shortName: 'ORG_FIELD_IMMUTABLE' });
    expect(issues(OrgUpdateSchema, { type: 'branch', fullName: 'x' })).toEqual({ type: 'ORG_FIELD_IMMUTABLE' });
    expect(issues(makeOrgUpdateSchema('branch'), { fullName: '中国共产主义青年团中山大学委员会' })).toEqual({ fullName: 'FULL_NAME_SHAPE' });
  });

  it('accepts any subset of the mutable fields', () => {
    expect(issues(OrgUpdateSchema, {})).toEqual({});
    expect(issues(OrgUpdateSchema, { secretaryPhone: '13912345678', youthCount: 50 })).toEqual({});
  });

  it('by type: a committee may not clear a required field; only branches have a category', () => {
    expect(issues(makeOrgUpdateSchema('leadingOrgan'), { email: '' })).toEqual({ email: 'REQUIRED' });
    // 004 (2.1): no 联系电话/电子邮箱 among a 基层团委's required fields
    expect(issues(makeOrgUpdateSchema('grassrootsCommittee'), { email: '' })).toEqual({});
    expect(issues(makeOrgUpdateSchema('grassrootsCommittee'), { adminStaffQuota: null })).toEqual({ adminStaffQuota: 'REQUIRED' });
    expect(issues(makeOrgUpdateSchema('grassrootsCommittee'), { email: 'a@b.cn' })).toEqual({});
    expect(issues(makeOrgUpdateSchema('grassrootsCommittee'), { branchCategory: 'graduate' })).toEqual({ branchCategory: 'BRANCH_CATEGORY_ONLY_FOR_BRANCH' });
    expect(issues(makeOrgUpdateSchema('branch'), { branchCategory: 'graduate', email: '' })).toEqual({});
  });
});

describe('roster (§6.1)', () => {
  const entry = { name: '王五', idNumber: id('44010619980101001'), phone: '13812345678', position: 'secretary' };

  it('defaults the operator flag to false', () => {
    expect(parsed(rosterEntrySchemaFor('branch'), entry)).toMatchObject({ isOperator: false });
  });

  it.each([
    ['leadingOrgan', 'standingMember', {}],
    ['leadingOrgan', 'staff', {}],
    ['leadingOrgan', 'publicityMember', { position: 'POSITION_NOT_ALLOWED' }],
    ['branch', 'publicityMember', {}],
    ['branch', 'standingMember', { position: 'POSITION_NOT_ALLOWED' }],
    ['generalBranch', 'emperor', { position: 'OPTION_INVALID' }],
  ] as const)('%s / %s', (type, position, expected) => {
    expect(issues(rosterEntrySchemaFor(type), { ...entry, position })).toEqual(expected);
    expect(issues(RosterEntrySchema, { ...entry, orgType: type, position })).toEqual(expected);
  });

  it('checks every field', () => {
    expect(issues(RosterEntrySchema, { orgType: 'castle', name: '王', idNumber: '1', phone: '2', position: 'secretary', isOperator: 'yes', cadreNature: 'x' })).toEqual({
      orgType: 'OPTION_INVALID',
      name: 'NAME_INVALID',
      idNumber: 'ID_NUMBER_LENGTH',
      phone: 'MOBILE_INVALID',
      isOperator: 'VALIDATION_FAILED',
      cadreNature: 'OPTION_INVALID',
    });
    expect(issues(RosterEntrySchema, { ...entry, orgType: 'branch', isOperator: true, cadreNature: 'partTime' })).toEqual({});
  });

  it('updates and the position chosen on first entry', () => {
    expect(issues(rosterUpdateSchemaFor('branch'), { isOperator: true })).toEqual({});
    expect(issues(rosterUpdateSchemaFor('branch'), { position: 'alternateMember' })).toEqual({ position: 'POSITION_NOT_ALLOWED' });
    // a change of nothing was a 500 (an UPDATE with no SET): refused instead (issue 12 item 11)
    expect(rosterUpdateSchemaFor('branch').safeParse({}).success).toBe(false);
    expect(rosterUpdateSchemaFor('branch').safeParse({ unknown: 1 }).error?.issues[0]?.message).toBe('VALIDATION_FAILED');
    expect(issues(setPositionSchemaFor('leadingOrgan'), { position: 'alternateMember' })).toEqual({});
    expect(issues(setPositionSchemaFor('branch'), { position: 'alternateMember' })).toEqual({ position: 'POSITION_NOT_ALLOWED' });
    expect(issues(setPositionSchemaFor('branch'), {})).toEqual({ position: 'REQUIRED' });
    expect(positionSchemaFor('branch').options).toContain('volunteerMember');
  });
});

describe('alias schemas (§3.2)', () => {
  it('AliasSchema / SetAliasSchema apply the type-independent rules', () => {
    expect(issues(AliasSchema, '中山大学团委')).toEqual({});
    expect(issues(AliasSchema, '中山 大学')).toEqual({ '(root)': 'ALIAS_WHITESPACE' });
    expect(issues(SetAliasSchema, {})).toEqual({ alias: 'ALIAS_EMPTY' });
    expect(issues(SetAliasSchema, { alias: '中'.repeat(17) })).toEqual({ alias: 'ALIAS_TOO_LONG' });
  });

  it('aliasSchemaFor adds the shape of the type', () => {
    expect(issues(aliasSchemaFor('branch'), { alias: '新河浦社区团支部' })).toEqual({});
    expect(issues(aliasSchemaFor('branch'), { alias: '新河浦社区团委' })).toEqual({ alias: 'ALIAS_SHAPE_BRANCH' });
  });
});

describe('admin registration code (§3.4)', () => {
  it.each([
    ['aB3dE5gH', true],
    ['12345678', true],
    ['aB3dE5g', false],
    ['aB3dE5gH9', false],
    ['aB3dE5g!', false],
    ['aB3dE5g ', false],
  ])('%j → %s', (code, ok) => {
    expect(validateAdminCode(code).ok).toBe(ok);
  });

  it('is valid for 20 days and single use', () => {
    const day = 24 * 3600 * 1000;
    expect(isAdminCodeExpired(0, 20 * day - 1)).toBe(false);
    expect(isAdminCodeExpired(0, 20 * day)).toBe(true);
    expect(checkAdminCodeUsable({ issuedAtMs: 0 }, day)).toEqual({ ok: true });
    expect(checkAdminCodeUsable({ issuedAtMs: 0, usedAtMs: null }, 21 * day)).toEqual({ ok: false, code: 'ADMIN_CODE_EXPIRED' });
    expect(checkAdminCodeUsable({ issuedAtMs: 0, usedAtMs: 5 }, day)).toEqual({ ok: false, code: 'ADMIN_CODE_USED' });
  });

  it('AdminCodeSchema trims and is case-sensitive', () => {
    expect(AdminCodeSchema.parse(' aB3dE5gH ')).toBe('aB3dE5gH');
    expect(issues(AdminCodeSchema, 'short')).toEqual({ '(root)': 'ADMIN_CODE_INVALID' });
  });

  const reg = {
    orgId: 'o1',
    position: 'secretary',
    code: 'aB3dE5gH',
    name: '赵六',
    idNumber: id('44010619980101001'),
    phone: '13812345678',
    smsCode: '123456',
    password: 'abc12345',
    confirmPassword: 'abc12345',
    joinedAt: '2011-05',
  };
  const schema = makeAdminRegisterSchema('2024-06-15');

  it.each([
    ['valid', {}, {}],
    ['join age under 13 (2017+)', { idNumber: id('44010620040601001'), joinedAt: '2017-05' }, { joinedAt: 'JOIN_AGE_UNDER_13' }],
    ['join month in the future', { joinedAt: '2024-07' }, { joinedAt: 'JOINED_AT_FUTURE' }],
    ['bad month', { joinedAt: '2024' }, { joinedAt: 'JOINED_AT_INVALID' }],
    ['password mismatch', { confirmPassword: 'x' }, { confirmPassword: 'PASSWORD_MISMATCH' }],
    ['bad ID: no age check', { idNumber: 'x', joinedAt: '2017-01' }, { idNumber: 'ID_NUMBER_LENGTH' }],
  ])('%s', (_, change, expected) => {
    expect(issues(schema, { ...reg, ...change })).toEqual(expected);
  });

  it('the default schema uses the current date', () => {
    expect(issues(AdminRegisterSchema, reg)).toEqual({});
  });
});

describe('check-in review (§4.1, §4.2)', () => {
  const photo = { fileId: 'p1', mime: 'image/jpeg', size: 1000 };
  it('approve, or return with a reason', () => {
    expect(issues(CheckinReviewSchema, { action: 'approve' })).toEqual({});
    expect(issues(CheckinReviewSchema, { action: 'return', reason: '姓名有误' })).toEqual({});
    expect(issues(CheckinReviewSchema, { action: 'return' })).toEqual({ reason: 'RETURN_REASON_REQUIRED' });
    expect(issues(CheckinReviewSchema, { action: 'return', reason: '' })).toEqual({ reason: 'RETURN_REASON_REQUIRED' });
    expect(issues(CheckinReviewSchema, { action: 'return', reason: '长'.repeat(201) })).toEqual({ reason: 'TEXT_TOO_LONG' });
    expect(Object.values(issues(CheckinReviewSchema, {}))).toEqual(['OPTION_INVALID']);
  });
  it('offline verification needs a note and a photo', () => {
    expect(issues(OfflineVerifySchema, { note: '已现场核验身份证原件', photo })).toEqual({});
    expect(issues(OfflineVerifySchema, { note: '', photo: { ...photo, mime: 'text/plain' } })).toEqual({
      note: 'OFFLINE_NOTE_REQUIRED',
      'photo.mime': 'ATTACHMENT_NOT_IMAGE',
    });
    // Issue 13 item 10: a missing photo is named, not the generic VALIDATION_FAILED.
    expect(issues(OfflineVerifySchema, { note: '已现场核验身份证原件' })).toEqual({ photo: 'OFFLINE_PHOTO_REQUIRED' });
  });
});
