import {
  CertContactSchema,
  CertIdentitySchema,
  CertLeagueSchema,
  CertOptionalSchema,
  CertStepEditPolicy,
  CertSteps,
  CertificationDraftSchema,
  CertificationSchema,
  deriveIdentity,
  makeCertContactSchema,
  makeCertIdentitySchema,
  makeCertLeagueSchema,
  makeCertificationSchema,
  todayInChina,
} from '../src';
import { id, issues, parsed } from './helpers';

const TODAY = '2024-06-15';
const ADULT_ID = id('44010620000229001'); // born 2000-02-29, male
const XJ_ID = id('65010220040515123'); // born 2004-05-15, Xinjiang
const MINOR_ID = id('44010620070101002'); // born 2007-01-01, 17 on TODAY

const identity = { name: '张三', idType: 'residentId', idNumber: ADULT_ID, joinedAt: '2016-05', branchId: 'b1' };
const league = { income: 'studentNoIncome', holdsPosition: false, joinUnit: '广州市第一中学' };
const contact = {
  phone: '13812345678',
  ethnicity: '01',
  politicalStatus: 'leagueMember',
  fullTimeEducation: 'bachelorStudying',
  highestEducation: 'seniorHigh',
  isVolunteer: false,
};
const form = { ...identity, ...league, ...contact };

const whole = makeCertificationSchema(TODAY);

describe('the whole certification form (§4.3)', () => {
  it('accepts a complete form; optional fields may be empty', () => {
    const out = parsed(whole, { ...form, email: '', qq: '', wechat: null, occupation: undefined });
    expect(out).toMatchObject({ idType: 'residentId', idNumber: ADULT_ID, joinedAt: '2016-05' });
  });

  it('defaults the document type to 居民身份证 and normalizes a lowercase x', () => {
    const withX = id('44010620040515123');
    expect(withX.endsWith('X')).toBe(true);
    const { idType: _, ...rest } = form;
    const out = parsed(whole, { ...rest, idNumber: withX.toLowerCase(), joinedAt: '2018-01', developmentNumber: '201800000001' });
    expect(out.idType).toBe('residentId');
    expect(out.idNumber).toBe(withX);
  });

  it('reports every missing required field with its own code', () => {
    expect(issues(whole, {})).toEqual({
      name: 'REQUIRED',
      idNumber: 'REQUIRED',
      joinedAt: 'REQUIRED',
      branchId: 'REQUIRED',
      income: 'REQUIRED',
      holdsPosition: 'REQUIRED',
      joinUnit: 'REQUIRED',
      phone: 'REQUIRED',
      ethnicity: 'REQUIRED',
      politicalStatus: 'REQUIRED',
      fullTimeEducation: 'REQUIRED',
      highestEducation: 'REQUIRED',
      isVolunteer: 'REQUIRED',
    });
  });

  it('reports wrong values of the list fields as OPTION_INVALID', () => {
    expect(issues(whole, { ...form, income: 'rich', ethnicity: '57', idType: 'driverLicense' })).toEqual({
      income: 'OPTION_INVALID',
      ethnicity: 'OPTION_INVALID',
      idType: 'OPTION_INVALID',
    });
  });

  it('accepts 其他 (97) and 外国血统 (98)', () => {
    expect(issues(whole, { ...form, ethnicity: '97' })).toEqual({});
    expect(issues(whole, { ...form, ethnicity: '98' })).toEqual({});
  });

  describe('identity', () => {
    it.each([
      ['bad check character', { idNumber: ADULT_ID.slice(0, 17) + (ADULT_ID[17] === '0' ? '1' : '0') }, { idNumber: 'ID_NUMBER_CHECKSUM' }],
      ['17 characters', { idNumber: ADULT_ID.slice(0, 17) }, { idNumber: 'ID_NUMBER_LENGTH' }],
      ['birth in the future', { idNumber: id('44010620240616001') }, { idNumber: 'ID_NUMBER_BIRTH_DATE_FUTURE' }],
      ['bad name', { name: '张3' }, { name: 'NAME_INVALID' }],
    ])('%s', (_, change, expected) => expect(issues(whole, { ...form, ...change })).toEqual(expected));

    it('derives birth date and gender from a mainland ID, ignoring typed ones', () => {
      expect(issues(whole, { ...form, birthDate: '1990-01-01', gender: 'female' })).toEqual({});
      expect(deriveIdentity({ idNumber: ADULT_ID }, TODAY)).toEqual({
        birthDate: '2000-02-29',
        gender: 'male',
        provinceCode: '44',
        normalizedIdNumber: ADULT_ID,
      });
      expect(deriveIdentity({ idType: 'residentId', idNumber: 'bad' }, TODAY)).toEqual({});
      expect(deriveIdentity({ idType: 'residentId' }, TODAY)).toEqual({});
    });

    it('requires birth date and gender for other documents', () => {
      const hk = { ...form, idType: 'hkMacaoPermit', idNumber: 'H12345678' };
      expect(issues(whole, hk)).toEqual({ birthDate: 'REQUIRED', gender: 'REQUIRED' });
      expect(issues(whole, { ...hk, birthDate: '2000-01-01', gender: 'female' })).toEqual({});
      expect(issues(whole, { ...hk, birthDate: '2024-06-16', gender: 'female' })).toEqual({ birthDate: 'BIRTH_DATE_FUTURE' });
      expect(issues(whole, { ...hk, birthDate: '2001-02-29', gender: 'female' })).toEqual({ birthDate: 'DATE_INVALID' });
      expect(issues(whole, { ...hk, idNumber: 'X1234', birthDate: '2000-01-01', gender: 'male' })).toEqual({ idNumber: 'HK_MACAO_PERMIT_INVALID' });
      expect(deriveIdentity({ idType: 'passport', idNumber: 'E1234567', birthDate: '2000-01-01', gender: 'male' })).toEqual({
        birthDate: '2000-01-01',
        gender: 'male',
      });
      expect(deriveIdentity({ idType: 'passport', birthDate: 'soon', gender: 'x' })).toEqual({ birthDate: undefined, gender: undefined });
    });

    it('no province rule for other documents: 12 at joining before 2017 is fine', () => {
      const pass = { ...form, idType: 'passport', idNumber: 'E12345678', birthDate: '2004-05-15', gender: 'male', joinedAt: '2016-12' };
      expect(issues(whole, pass)).toEqual({});
    });
  });

  describe('入团年月 and join age (§5.3)', () => {
    it.each([
      ['joined this month', '2024-06', '202400000001', {}],
      ['joined next month', '2024-07', '202400000001', { joinedAt: 'JOINED_AT_FUTURE' }],
      ['bad month', '2024-13', undefined, { joinedAt: 'JOINED_AT_INVALID' }],
      ['missing', undefined, undefined, { joinedAt: 'REQUIRED' }],
    ])('%s', (_, joinedAt, developmentNumber, expected) => {
      expect(issues(whole, { ...form, joinedAt, developmentNumber })).toEqual(expected);
    });

    // ADULT_ID: born 2000-02-29 → 12 on 2012-03-01, 13 on 2013-03-01
    it.each([
      ['12 at joining, 2012-03, before 2017 → ok', ADULT_ID, '2012-03', {}],
      ['12 on 29 February 2012 (a leap year) → ok in 2012-02', ADULT_ID, '2012-02', {}],
      ['11 in 2011-12 → under 12', ADULT_ID, '2011-12', { joinedAt: 'JOIN_AGE_UNDER_12' }],
      ['Xinjiang: 12 in 2016-12 → under 13', XJ_ID, '2016-12', { joinedAt: 'JOIN_AGE_UNDER_13_XINJIANG' }],
      ['Xinjiang: 13 in 2017-05 → ok', XJ_ID, '2017-05', {}],
    ])('%s', (_, idNumber, joinedAt, expected) => {
      const developmentNumber = joinedAt >= '2016-01' && idNumber === XJ_ID ? `${joinedAt.slice(0, 4)}00000001` : undefined;
      expect(issues(whole, { ...form, idNumber, joinedAt, developmentNumber, guardianContact: '13900000000' })).toEqual(expected);
    });

    it('12 vs 13 years old at joining in 2017', () => {
      const born2004 = id('44010620040515123');
      const base = { ...form, idNumber: born2004, guardianContact: '13900000000' };
      expect(issues(whole, { ...base, joinedAt: '2017-04', developmentNumber: '201700000001' })).toEqual({ joinedAt: 'JOIN_AGE_UNDER_13' });
      expect(issues(whole, { ...base, joinedAt: '2017-05', developmentNumber: '201700000001' })).toEqual({});
    });
  });

  describe('development number (§5.2)', () => {
    it.each([
      ['joined 2016-12, none', '2016-12', ADULT_ID, undefined, {}],
      ['joined 2017-01, none', '2017-01', ADULT_ID, undefined, { developmentNumber: 'DEVELOPMENT_NUMBER_REQUIRED' }],
      ['joined 2017-01, empty', '2017-01', ADULT_ID, '', { developmentNumber: 'DEVELOPMENT_NUMBER_REQUIRED' }],
      ['joined 2017-01, valid', '2017-01', ADULT_ID, '201712345678', {}],
      ['joined 2017-01, year 2016', '2017-01', ADULT_ID, '201612345678', { developmentNumber: 'DEVELOPMENT_NUMBER_YEAR_MISMATCH' }],
      ['joined 2017-01, 13 digits', '2017-01', ADULT_ID, '2017123456789', { developmentNumber: 'DEVELOPMENT_NUMBER_LENGTH' }],
      ['joined 2017-01, letters', '2017-01', ADULT_ID, '2017abc45678', { developmentNumber: 'DEVELOPMENT_NUMBER_NOT_DIGITS' }],
      ['Xinjiang joined 2016-12, none', '2017-05', XJ_ID, undefined, { developmentNumber: 'DEVELOPMENT_NUMBER_REQUIRED' }],
    ])('%s', (_, joinedAt, idNumber, developmentNumber, expected) => {
      expect(issues(whole, { ...form, joinedAt, idNumber, developmentNumber, guardianContact: '13900000000' })).toEqual(expected);
    });

    it('Xinjiang (65) from 2016-01; other documents never count as Xinjiang', () => {
      const xjOld = id('65010219900101001');
      expect(issues(whole, { ...form, idNumber: xjOld, joinedAt: '2016-01' })).toEqual({ developmentNumber: 'DEVELOPMENT_NUMBER_REQUIRED_XINJIANG' });
      expect(issues(whole, { ...form, idNumber: xjOld, joinedAt: '2015-12' })).toEqual({});
      const other = { ...form, idType: 'taiwanPermit', idNumber: '12345678', birthDate: '1990-01-01', gender: 'male', joinedAt: '2016-06' };
      expect(issues(whole, other)).toEqual({});
    });
  });

  describe('conditional fields', () => {
    it('担任团干职务 = yes requires 职务 and 任现职年月', () => {
      expect(issues(whole, { ...form, holdsPosition: true })).toEqual({
        position: 'CERT_POSITION_REQUIRED',
        positionSince: 'CERT_POSITION_SINCE_REQUIRED',
      });
      expect(issues(whole, { ...form, holdsPosition: true, position: 'secretary', positionSince: '2023-09' })).toEqual({});
      expect(issues(whole, { ...form, holdsPosition: true, position: 'standingMember', positionSince: '2024-07' })).toEqual({
        position: 'OPTION_INVALID',
        positionSince: 'MONTH_IN_FUTURE',
      });
    });

    it.each(['probationaryPartyMember', 'partyMember'])('%s requires 入党年月, not in the future', (politicalStatus) => {
      expect(issues(whole, { ...form, politicalStatus })).toEqual({ partyJoinedAt: 'PARTY_JOINED_AT_REQUIRED' });
      expect(issues(whole, { ...form, politicalStatus, partyJoinedAt: '2023-07' })).toEqual({});
      expect(issues(whole, { ...form, politicalStatus, partyJoinedAt: '2024-07' })).toEqual({ partyJoinedAt: 'MONTH_IN_FUTURE' });
    });

    it('a volunteer needs 注册志愿者时间', () => {
      expect(issues(whole, { ...form, isVolunteer: true })).toEqual({ volunteerSince: 'VOLUNTEER_SINCE_REQUIRED' });
      expect(issues(whole, { ...form, isVolunteer: true, volunteerSince: '2020-03-05' })).toEqual({});
      expect(issues(whole, { ...form, isVolunteer: true, volunteerSince: '2024-06-16' })).toEqual({ volunteerSince: 'DATE_IN_FUTURE' });
    });

    it('under 18 requires a guardian or emergency contact; 18 today does not', () => {
      const minor = { ...form, idNumber: MINOR_ID, joinedAt: '2021-05', developmentNumber: '202100000001' };
      expect(issues(whole, minor)).toEqual({ guardianContact: 'GUARDIAN_CONTACT_REQUIRED' });
      expect(issues(whole, { ...minor, guardianContact: ' ' })).toEqual({ guardianContact: 'GUARDIAN_CONTACT_REQUIRED' });
      expect(issues(whole, { ...minor, guardianContact: '父亲 13900000000' })).toEqual({});
      expect(issues(makeCertificationSchema('2025-01-01'), minor)).toEqual({});
    });

    it('optional fields keep their formats', () => {
      expect(issues(whole, { ...form, email: 'nope', qq: '0123' })).toEqual({ email: 'EMAIL_INVALID', qq: 'QQ_INVALID' });
      expect(issues(whole, { ...form, email: 'a@b.cn', qq: '10001', occupation: 'teacher', extraInfo: '无' })).toEqual({});
      expect(issues(whole, { ...form, workUnit: '单'.repeat(101) })).toEqual({ workUnit: 'TEXT_TOO_LONG' });
    });
  });

  describe('membership age (§5.3) when the roster answer is given', () => {
    const old = id('44010619960615001'); // 28 on 2024-06-15
    const base = { ...form, idNumber: old, joinedAt: '2010-05' };
    it('the 28th birthday today without a position → refused', () => {
      expect(issues(makeCertificationSchema({ today: TODAY, holdsRosterPosition: false }), base)).toEqual({ idNumber: 'MEMBERSHIP_AGE_EXCEEDED' });
    });
    it('with a position → accepted; without the roster answer → not judged', () => {
      expect(issues(makeCertificationSchema({ today: TODAY, holdsRosterPosition: true }), base)).toEqual({});
      expect(issues(whole, base)).toEqual({});
    });
    it('the day before → accepted', () => {
      expect(issues(makeCertificationSchema({ today: '2024-06-14', holdsRosterPosition: false }), base)).toEqual({});
    });
    it('other documents report it on the birth date', () => {
      const pass = { ...base, idType: 'passport', idNumber: 'E12345678', birthDate: '1990-01-01', gender: 'male' };
      expect(issues(makeCertificationSchema({ today: TODAY, holdsRosterPosition: false }), pass)).toEqual({ birthDate: 'MEMBERSHIP_AGE_EXCEEDED' });
    });
  });

  it('takes the clock as a function read at parse time', () => {
    let today = '2016-12-31';
    const schema = makeCertificationSchema(() => today);
    const input = { ...form, joinedAt: '2017-01', developmentNumber: '201700000001', guardianContact: '13900000000' };
    expect(issues(schema, input)).toEqual({ joinedAt: 'JOINED_AT_FUTURE' });
    today = '2017-01-01';
    expect(issues(schema, input)).toEqual({});
  });

  it('the default CertificationSchema uses the current date in China', () => {
    const nextMonth = (() => {
      const [y = NaN, m = NaN] = todayInChina().split('-').map(Number);
      return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    })();
    expect(issues(CertificationSchema, { ...form, joinedAt: nextMonth })).toMatchObject({ joinedAt: 'JOINED_AT_FUTURE' });
    expect(issues(CertificationSchema, form)).toEqual({});
  });
});

describe('the step schemas', () => {
  it('step 1 checks identity alone', () => {
    expect(issues(makeCertIdentitySchema(TODAY), identity)).toEqual({});
    expect(issues(makeCertIdentitySchema(TODAY), { ...identity, joinedAt: '2011-12' })).toEqual({ joinedAt: 'JOIN_AGE_UNDER_12' });
    expect(issues(CertIdentitySchema, identity)).toEqual({});
    expect(issues(makeCertIdentitySchema({ today: TODAY }), { ...identity, idType: 'passport', idNumber: 'E1' })).toEqual({
      idNumber: 'PASSPORT_INVALID',
      birthDate: 'REQUIRED',
      gender: 'REQUIRED',
    });
  });

  it('step 2 judges the development number fully only with the identity context', () => {
    expect(issues(CertLeagueSchema, league)).toEqual({});
    expect(issues(CertLeagueSchema, { ...league, developmentNumber: '20171234567' })).toEqual({ developmentNumber: 'DEVELOPMENT_NUMBER_LENGTH' });
    expect(issues(CertLeagueSchema, { ...league, developmentNumber: '2017-1234567' })).toEqual({ developmentNumber: 'DEVELOPMENT_NUMBER_NOT_DIGITS' });
    expect(issues(CertLeagueSchema, { ...league, developmentNumber: '201612345678' })).toEqual({});
    const ctx = { identity: { idType: 'residentId', idNumber: ADULT_ID, joinedAt: '2017-03' } };
    expect(issues(makeCertLeagueSchema(ctx), league)).toEqual({ developmentNumber: 'DEVELOPMENT_NUMBER_REQUIRED' });
    expect(issues(makeCertLeagueSchema(ctx), { ...league, developmentNumber: '201612345678' })).toEqual({
      developmentNumber: 'DEVELOPMENT_NUMBER_YEAR_MISMATCH',
    });
    expect(issues(makeCertLeagueSchema(ctx), { ...league, developmentNumber: '201712345678' })).toEqual({});
    expect(issues(makeCertLeagueSchema({ ...ctx, today: TODAY }), { ...league, holdsPosition: true, position: 'other', positionSince: '2024-06' })).toEqual({
      developmentNumber: 'DEVELOPMENT_NUMBER_REQUIRED',
    });
  });

  it('step 3 requires the guardian contact when the identity shows a minor', () => {
    expect(issues(CertContactSchema, contact)).toEqual({});
    expect(issues(makeCertContactSchema({ today: TODAY, identity: { idNumber: MINOR_ID } }), contact)).toEqual({
      guardianContact: 'GUARDIAN_CONTACT_REQUIRED',
    });
    expect(issues(makeCertContactSchema({ today: TODAY, identity: { idNumber: ADULT_ID } }), contact)).toEqual({});
    expect(issues(makeCertContactSchema({ today: TODAY }), { ...contact, phone: '123' })).toEqual({ phone: 'MOBILE_INVALID' });
  });

  it('step 4 requires nothing', () => {
    expect(issues(CertOptionalSchema, {})).toEqual({});
  });

  it('a draft accepts any subset of well-formed fields', () => {
    expect(issues(CertificationDraftSchema, { name: '张三' })).toEqual({});
    expect(issues(CertificationDraftSchema, { phone: '1' })).toEqual({ phone: 'MOBILE_INVALID' });
  });

  it('every field belongs to exactly one step, and each step has an edit policy', () => {
    const all = [...CertSteps.identity, ...CertSteps.league, ...CertSteps.contact, ...CertSteps.optional];
    expect(new Set(all).size).toBe(all.length);
    expect(Object.keys(CertificationSchema.shape).sort()).toEqual([...all].sort());
    expect(CertStepEditPolicy).toEqual({ identity: 'locked', league: 'review', contact: 'free', optional: 'free' });
  });
});
