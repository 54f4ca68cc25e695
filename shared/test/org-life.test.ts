import {
  auditSummary,
  checkOrgLifeDate,
  checkOrgLifePeriod,
  countsForMonthlyRule,
  CreateOrgLifeSchema,
  monthsBetween,
  monthVerdict,
  monthVerdictFromCounts,
  orgLifeFormSchema,
  orgLifePeriodSchema,
  participationPercent,
  rateMet,
  ORG_LIFE_KIND_KEYS,
  OrgLifeKinds,
} from '../src';

const photo = (i: number) => ({ fileId: String(i), mime: 'image/jpeg', size: 1000 });
const valid = { requestId: 'req-12345678', kind: 'leagueDay', heldOn: '2026-11-20', topic: '学习团章', place: '教学楼101', attendeeIds: ['1', '2'], note: '', photos: [] };

describe('org life kinds', () => {
  it('are the five of 004 (三会, 团课, 团日活动)', () => {
    expect(Object.values(OrgLifeKinds)).toEqual(['支部团员大会', '支部委员会', '团小组会', '团课', '团日活动']);
    expect(ORG_LIFE_KIND_KEYS.filter(countsForMonthlyRule)).toEqual(['memberMeeting', 'lecture', 'leagueDay']);
  });
});

describe('date and period', () => {
  it('refuses a date after today, an invalid date, and dates before 2000', () => {
    expect(checkOrgLifeDate('2026-12-06', '2026-12-06')).toEqual({ ok: true });
    expect(checkOrgLifeDate('2026-12-07', '2026-12-06')).toEqual({ ok: false, code: 'DATE_IN_FUTURE' });
    expect(checkOrgLifeDate('2026-02-30', '2026-12-06')).toEqual({ ok: false, code: 'DATE_INVALID' });
    expect(checkOrgLifeDate('1999-12-31', '2026-12-06')).toEqual({ ok: false, code: 'DATE_INVALID' });
  });
  it('periods: ordered, ≤ 12 months, not after this month', () => {
    expect(checkOrgLifePeriod('2026-01', '2026-12', '2026-12-06').ok).toBe(true);
    expect(checkOrgLifePeriod('2025-12', '2026-12', '2026-12-06')).toEqual({ ok: false, code: 'ORG_LIFE_PERIOD_TOO_LONG' });
    expect(checkOrgLifePeriod('2026-05', '2026-04', '2026-12-06')).toEqual({ ok: false, code: 'ORG_LIFE_PERIOD_INVALID' });
    expect(checkOrgLifePeriod('2026-12', '2027-01', '2026-12-06')).toEqual({ ok: false, code: 'MONTH_IN_FUTURE' });
    expect(checkOrgLifePeriod('2026-13', '2026-12', '2026-12-06')).toEqual({ ok: false, code: 'MONTH_INVALID' });
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-11', '2026-11')).toEqual(['2026-11']);
  });
});

describe('participation and the monthly rule (004: 每月至少开展1次活动；每次团员参与率50%以上)', () => {
  it('rate: whole percent rounded down; 50% counts as met', () => {
    expect(participationPercent(1, 2)).toBe(50);
    expect(participationPercent(99, 199)).toBe(49);
    expect(participationPercent(3, 0)).toBe(0);
    expect(participationPercent(5, 4)).toBe(100);
    expect(rateMet({ attendees: 1, members: 2 })).toBe(true);
    expect(rateMet({ attendees: 99, members: 199 })).toBe(false);
    expect(rateMet({ attendees: 0, members: 0 })).toBe(false);
  });
  it('month: none → noActivity; every counted ≥ 50% → met; one below → lowParticipation', () => {
    expect(monthVerdict([])).toBe('noActivity');
    expect(monthVerdict([{ kind: 'committeeMeeting', attendees: 3, members: 30 }])).toBe('noActivity');
    expect(monthVerdict([{ kind: 'leagueDay', attendees: 15, members: 30 }])).toBe('met');
    expect(
      monthVerdict([
        { kind: 'leagueDay', attendees: 15, members: 30 },
        { kind: 'lecture', attendees: 14, members: 30 },
      ]),
    ).toBe('lowParticipation');
    // a small committee meeting does not spoil the month
    expect(
      monthVerdict([
        { kind: 'memberMeeting', attendees: 20, members: 30 },
        { kind: 'groupMeeting', attendees: 4, members: 30 },
      ]),
    ).toBe('met');
    expect(monthVerdictFromCounts(2, 0)).toBe('met');
    expect(monthVerdictFromCounts(0, 0)).toBe('noActivity');
  });
});

describe('schemas', () => {
  it('accepts a record and refuses a tenth photo, no attendees, a bad request id', () => {
    expect(CreateOrgLifeSchema.safeParse(valid).success).toBe(true);
    const codes = (v: unknown) => (CreateOrgLifeSchema.safeParse(v).error?.issues ?? []).map((i) => i.message);
    expect(codes({ ...valid, photos: Array.from({ length: 10 }, (_, i) => photo(i + 1)) })).toEqual(['ORG_LIFE_PHOTOS_TOO_MANY']);
    expect(codes({ ...valid, photos: Array.from({ length: 9 }, (_, i) => photo(i + 1)) })).toEqual([]);
    expect(codes({ ...valid, attendeeIds: [] })).toEqual(['ORG_LIFE_ATTENDEES_REQUIRED']);
    expect(codes({ ...valid, requestId: 'x' })).toEqual(['ORG_LIFE_REQUEST_INVALID']);
    expect(codes({ ...valid, topic: '  ' })).toEqual(['ORG_LIFE_TOPIC_REQUIRED']);
    expect(codes({ ...valid, kind: 'party' })).toEqual(['OPTION_INVALID']);
  });
  it('form and period schemas apply the clock rules', () => {
    expect(
      orgLifeFormSchema('2026-11-19')
        .safeParse(valid)
        .error?.issues.map((i) => i.message),
    ).toEqual(['DATE_IN_FUTURE']);
    expect(orgLifeFormSchema('2026-11-20').safeParse(valid).success).toBe(true);
    expect(orgLifePeriodSchema('2026-12-06').safeParse({ from: '2026-01', to: '2026-12' }).success).toBe(true);
    expect(
      orgLifePeriodSchema('2026-12-06')
        .safeParse({ from: '2025-01', to: '2026-12' })
        .error?.issues.map((i) => i.message),
    ).toEqual(['ORG_LIFE_PERIOD_TOO_LONG']);
  });
});

describe('audit summary', () => {
  it('says what was recorded', () => {
    expect(auditSummary({ action: 'orgLife.create', after: { kind: 'leagueDay', heldOn: '2026-11-18', topic: '学习团章', count: 12 } })).toBe('团日活动 · 2026-11-18 · 学习团章 · 参加12人');
  });
});
