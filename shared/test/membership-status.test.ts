import { MembershipDecisionSchema, MembershipExitRequestSchema, MembershipStatuses, ageOutBirthCutoff, agesOut, checkExitRequest, isActiveMembership } from '../src';

describe('团籍状态 [004 FAQ; §10]', () => {
  it('has the six states, 已转出 one of them; only 正常 belongs', () => {
    expect(Object.keys(MembershipStatuses)).toEqual(['normal', 'agedOut', 'resigned', 'expelled', 'lapsed', 'transferredOut']);
    expect(isActiveMembership('normal')).toBe(true);
    expect(isActiveMembership(null)).toBe(true);
    for (const s of ['agedOut', 'resigned', 'expelled', 'lapsed', 'transferredOut'] as const) expect(isActiveMembership(s)).toBe(false);
  });

  it('年满二十八周岁，没有在团内担任职务，不再保留团籍: on the 28th birthday, not the day before, not with a position', () => {
    expect(agesOut('1998-06-02', '2026-06-01', false)).toBe(false);
    expect(agesOut('1998-06-02', '2026-06-02', false)).toBe(true);
    expect(agesOut('1998-06-02', '2026-06-02', true)).toBe(false);
    expect(agesOut('not-a-date', '2026-06-02', false)).toBe(false);
    // born 29 February: 28 on 1 March of a common year
    expect(agesOut('2000-02-29', '2028-02-28', false)).toBe(false);
    expect(agesOut('2000-02-29', '2028-02-29', false)).toBe(true);
  });

  it('the SQL birth-date bound agrees with the rule', () => {
    const today = '2026-06-02';
    const cut = ageOutBirthCutoff(today);
    expect(cut).toBe('1998-06-02');
    for (const b of ['1998-06-01', '1998-06-02', '1998-06-03', '1997-12-31', '1999-01-01']) expect(b <= cut).toBe(agesOut(b, today, false));
  });

  it('the other exits need a reason (and the superior, server side)', () => {
    expect(checkExitRequest('resigned', '本人申请')).toEqual({ ok: true });
    expect(checkExitRequest('agedOut', '本人申请')).toEqual({ ok: false, code: 'OPTION_INVALID' });
    expect(checkExitRequest('expelled', ' ')).toEqual({ ok: false, code: 'MEMBERSHIP_REASON_REQUIRED' });
    expect(MembershipExitRequestSchema.safeParse({ kind: 'lapsed', reason: '连续6个月未交团费' }).success).toBe(true);
    expect(MembershipExitRequestSchema.safeParse({ kind: 'transferredOut', reason: 'x' }).success).toBe(false);
    expect(MembershipDecisionSchema.safeParse({ approve: true }).success).toBe(true);
    const r = MembershipDecisionSchema.safeParse({ approve: false, reason: '' });
    expect(r.success ? null : r.error.issues[0]?.message).toBe('MEMBERSHIP_REASON_REQUIRED');
  });
});
