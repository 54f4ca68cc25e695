import {
  GraduationCorrectSchema,
  GraduationDelaySchema,
  GraduationMarkSchema,
  canMarkGraduation,
  checkDelayMonth,
  checkGraduationMark,
  conversionInstant,
  conversionYearOn,
  convertsInYear,
  effectiveGraduationMonth,
} from '../src';

const issue = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? null : r.error?.issues[0]?.message);

describe('graduation marking [004 §二(二)]', () => {
  it('校团委、二级团委、年级团总支 of a school mark; leading organs, branches and non-school orgs never (2(1), 2(2))', () => {
    expect(canMarkGraduation({ type: 'grassrootsCommittee', industry: 'university' })).toBe(true);
    expect(canMarkGraduation({ type: 'generalBranch', industry: 'highSchool' })).toBe(true);
    expect(canMarkGraduation({ type: 'workingCommittee', industry: 'vocationalSchool' })).toBe(true);
    expect(canMarkGraduation({ type: 'leadingOrgan', industry: 'university' })).toBe(false);
    expect(canMarkGraduation({ type: 'branch', industry: 'university' })).toBe(false);
    expect(canMarkGraduation({ type: 'grassrootsCommittee', industry: 'stateEnterprise' })).toBe(false);
  });

  it('a month or a reason, one or the other (1(3): 两者选填其一，不可同时选择)', () => {
    expect(checkGraduationMark({ month: '2027-06' })).toEqual({ ok: true });
    expect(checkGraduationMark({ reason: 'scheduleUnknown' })).toEqual({ ok: true });
    expect(checkGraduationMark({ month: '2027-06', reason: 'other' })).toEqual({ ok: false, code: 'GRADUATION_MONTH_OR_REASON' });
    expect(checkGraduationMark({})).toEqual({ ok: false, code: 'GRADUATION_MONTH_OR_REASON' });
    expect(checkGraduationMark({ month: '', reason: null })).toEqual({ ok: false, code: 'GRADUATION_MONTH_OR_REASON' });
    expect(checkGraduationMark({ month: '2027-13' })).toEqual({ ok: false, code: 'MONTH_INVALID' });
  });

  it('the batch body: one month for all branches (注意事项(1)), ids as digits, at most 50', () => {
    expect(GraduationMarkSchema.safeParse({ branchIds: ['1', '2'], month: '2027-06' }).success).toBe(true);
    expect(issue(GraduationMarkSchema.safeParse({ branchIds: ['1'], month: '2027-06', reason: 'other' }))).toBe('GRADUATION_MONTH_OR_REASON');
    expect(issue(GraduationMarkSchema.safeParse({ branchIds: [], month: '2027-06' }))).toBe('REQUIRED');
    expect(GraduationMarkSchema.safeParse({ branchIds: Array.from({ length: 51 }, (_, i) => String(i + 1)), month: '2027-06' }).success).toBe(false);
    expect(GraduationMarkSchema.safeParse({ branchIds: ['x'], month: '2027-06' }).success).toBe(false);
    expect(GraduationCorrectSchema.safeParse({ reason: 'other' }).success).toBe(true);
    expect(issue(GraduationCorrectSchema.safeParse({}))).toBe('GRADUATION_MONTH_OR_REASON');
  });

  it('converts on 6 月 1 日 in China: the year whose date has come, branches of that year and earlier (2(3))', () => {
    expect(conversionInstant(2027).toISOString()).toBe('2027-05-31T16:00:00.000Z');
    expect(conversionYearOn('2027-05-31')).toBe(2026);
    expect(conversionYearOn('2027-06-01')).toBe(2027);
    expect(convertsInYear('2027-07', 2027)).toBe(true);
    expect(convertsInYear('2026-01', 2027)).toBe(true);
    expect(convertsInYear('2028-01', 2027)).toBe(false);
  });

  it('a delay must be later than the branch month; a reason-marked branch has none (4(3))', () => {
    expect(checkDelayMonth('2020-08', '2020-07')).toEqual({ ok: true });
    expect(checkDelayMonth('2020-07', '2020-07')).toEqual({ ok: false, code: 'GRADUATION_DELAY_NOT_LATER' });
    expect(checkDelayMonth('2020-06', '2020-07')).toEqual({ ok: false, code: 'GRADUATION_DELAY_NOT_LATER' });
    expect(checkDelayMonth('2020-08', null)).toEqual({ ok: false, code: 'GRADUATION_DELAY_NO_BRANCH_MONTH' });
    expect(checkDelayMonth('2020-99', '2020-07')).toEqual({ ok: false, code: 'MONTH_INVALID' });
    expect(GraduationDelaySchema.safeParse({ month: '2028-01', reason: '挂科重修' }).success).toBe(true);
    expect(issue(GraduationDelaySchema.safeParse({ month: '2028-01', reason: ' ' }))).toBe('MEMBERSHIP_REASON_REQUIRED');
  });

  it('revoking a delay restores the branch month (4(4))', () => {
    expect(effectiveGraduationMonth('2027-06', '2028-01')).toBe('2028-01');
    expect(effectiveGraduationMonth('2027-06', null)).toBe('2027-06');
  });
});
