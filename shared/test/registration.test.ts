import {
  ApprovalListQuerySchema,
  CAMPAIGN_MAX_DAYS,
  DecideAllSchema,
  MemberDecisionSchema,
  SubmissionDecisionSchema,
  auditSummary,
  checkBranchMayEdit,
  checkCampaignWindow,
  checkMemberOutcome,
  checkSubmissionDecision,
  openCampaignSchema,
  outcomeAllowedInBulk,
  outcomeNeedsReason,
  outcomesOf,
  windowState,
} from '../src';

// 两制 [004 §一 3 "点击“团员教育评议/年度团籍注册”即可查看团员“两制”完成情况"; §二 6 年度团籍注册审批; §二 9]
describe('campaign window (opening a year, China days)', () => {
  const today = '2026-03-10';
  it('accepts a window of this year that has not ended', () => {
    expect(checkCampaignWindow({ year: 2026, startsOn: '2026-03-01', endsOn: '2026-03-31' }, today)).toEqual({ ok: true });
    expect(checkCampaignWindow({ year: 2025, startsOn: '2026-03-10', endsOn: '2026-03-10' }, today)).toEqual({ ok: true });
    expect(checkCampaignWindow({ year: 2027, startsOn: '2026-12-01', endsOn: '2027-01-31' }, today)).toEqual({ ok: true });
  });
  it('refuses a year far from today', () => {
    expect(checkCampaignWindow({ year: 2024, startsOn: '2026-03-01', endsOn: '2026-03-31' }, today)).toEqual({ ok: false, code: 'REG_YEAR_INVALID' });
    expect(checkCampaignWindow({ year: 2028, startsOn: '2026-03-01', endsOn: '2026-03-31' }, today)).toEqual({ ok: false, code: 'REG_YEAR_INVALID' });
    expect(checkCampaignWindow({ year: 2026.5, startsOn: '2026-03-01', endsOn: '2026-03-31' }, today)).toEqual({ ok: false, code: 'REG_YEAR_INVALID' });
  });
  it('refuses impossible, reversed, past and over-long windows', () => {
    expect(checkCampaignWindow({ year: 2026, startsOn: '2026-02-30', endsOn: '2026-03-31' }, today).ok).toBe(false);
    expect(checkCampaignWindow({ year: 2026, startsOn: '2026-04-01', endsOn: '2026-03-31' }, today)).toEqual({ ok: false, code: 'REG_WINDOW_INVALID' });
    expect(checkCampaignWindow({ year: 2026, startsOn: '2026-03-01', endsOn: '2026-03-09' }, today)).toEqual({ ok: false, code: 'REG_WINDOW_PAST' });
    expect(checkCampaignWindow({ year: 2026, startsOn: '2026-03-10', endsOn: '2027-03-11' }, today)).toEqual({ ok: false, code: 'REG_WINDOW_TOO_LONG' });
    expect(CAMPAIGN_MAX_DAYS).toBe(366);
  });
  it('a window is open on both end days', () => {
    const w = { startsOn: '2026-03-01', endsOn: '2026-03-31' };
    expect(windowState(w, '2026-02-28')).toBe('notStarted');
    expect(windowState(w, '2026-03-01')).toBe('open');
    expect(windowState(w, '2026-03-31')).toBe('open');
    expect(windowState(w, '2026-04-01')).toBe('closed');
  });
  it('the form schema reports the rule on its field, with the given today', () => {
    const s = openCampaignSchema('2026-03-10');
    expect(s.safeParse({ kind: 'registration', year: 2026, startsOn: '2026-03-01', endsOn: '2026-03-31' }).success).toBe(true);
    const past = s.safeParse({ kind: 'registration', year: 2026, startsOn: '2026-03-01', endsOn: '2026-03-02' });
    expect(past.success ? null : past.error.issues[0]).toMatchObject({ path: ['endsOn'], message: 'REG_WINDOW_PAST' });
    const year = s.safeParse({ kind: 'review', year: 2020, startsOn: '2026-03-01', endsOn: '2026-03-31' });
    expect(year.success ? null : year.error.issues[0]).toMatchObject({ path: ['year'], message: 'REG_YEAR_INVALID' });
    expect(openCampaignSchema(() => '2026-03-10').safeParse({ kind: 'x', year: 2026, startsOn: '2026-03-01', endsOn: '2026-03-31' }).success).toBe(false);
  });
});

describe('member outcomes', () => {
  it('registration offers 予以注册 / 不予注册; the review the four ratings', () => {
    expect(outcomesOf('registration')).toEqual(['registered', 'refused']);
    expect(outcomesOf('review')).toEqual(['excellent', 'qualified', 'basic', 'unqualified']);
  });
  it('不予注册 and 不合格 need a reason', () => {
    expect(outcomeNeedsReason('refused')).toBe(true);
    expect(outcomeNeedsReason('unqualified')).toBe(true);
    expect(outcomeNeedsReason('basic')).toBe(false);
    expect(checkMemberOutcome('registration', 'refused', ' ')).toEqual({ ok: false, code: 'REG_REASON_REQUIRED' });
    expect(checkMemberOutcome('registration', 'refused', '长期失联')).toEqual({ ok: true });
    expect(checkMemberOutcome('review', 'unqualified', null)).toEqual({ ok: false, code: 'REG_REASON_REQUIRED' });
    expect(checkMemberOutcome('review', 'excellent', undefined)).toEqual({ ok: true });
  });
  it('an outcome of the other kind is refused', () => {
    expect(checkMemberOutcome('registration', 'excellent', null)).toEqual({ ok: false, code: 'REG_OUTCOME_INVALID' });
    expect(checkMemberOutcome('review', 'registered', null)).toEqual({ ok: false, code: 'REG_OUTCOME_INVALID' });
  });
  it('"all at once" takes a favourable outcome of the kind only', () => {
    expect(outcomeAllowedInBulk('registration', 'registered')).toBe(true);
    expect(outcomeAllowedInBulk('registration', 'refused')).toBe(false);
    expect(outcomeAllowedInBulk('review', 'qualified')).toBe(true);
    expect(outcomeAllowedInBulk('review', 'unqualified')).toBe(false);
    expect(outcomeAllowedInBulk('review', 'registered')).toBe(false);
  });
  it('the decision schema asks for the reason on its field', () => {
    const r = MemberDecisionSchema.safeParse({ outcome: 'refused', reason: '' });
    expect(r.success ? null : r.error.issues[0]).toMatchObject({ path: ['reason'], message: 'REG_REASON_REQUIRED' });
    expect(MemberDecisionSchema.safeParse({ outcome: 'registered' }).success).toBe(true);
    expect(MemberDecisionSchema.safeParse({ outcome: 'nope' }).success).toBe(false);
    expect(DecideAllSchema.safeParse({ outcome: 'qualified' }).success).toBe(true);
  });
});

describe('branch and superior steps', () => {
  it('the branch edits inside the window, or after a return whatever the date', () => {
    expect(checkBranchMayEdit(null, 'open')).toEqual({ ok: true });
    expect(checkBranchMayEdit('draft', 'open')).toEqual({ ok: true });
    expect(checkBranchMayEdit('draft', 'closed')).toEqual({ ok: false, code: 'REG_OUTSIDE_WINDOW' });
    expect(checkBranchMayEdit(null, 'notStarted')).toEqual({ ok: false, code: 'REG_OUTSIDE_WINDOW' });
    expect(checkBranchMayEdit('returned', 'closed')).toEqual({ ok: true });
    expect(checkBranchMayEdit('submitted', 'open')).toEqual({ ok: false, code: 'REG_ALREADY_SUBMITTED' });
    expect(checkBranchMayEdit('approved', 'open')).toEqual({ ok: false, code: 'REG_ALREADY_APPROVED' });
  });
  it('the superior decides a waiting submission; a return needs a reason', () => {
    expect(checkSubmissionDecision('submitted', 'approve', null)).toEqual({ ok: true });
    expect(checkSubmissionDecision('submitted', 'return', '')).toEqual({ ok: false, code: 'REG_RETURN_REASON_REQUIRED' });
    expect(checkSubmissionDecision('submitted', 'return', '名单有误')).toEqual({ ok: true });
    expect(checkSubmissionDecision('approved', 'approve', null)).toEqual({ ok: false, code: 'REG_NOT_PENDING' });
    expect(checkSubmissionDecision('draft', 'approve', null)).toEqual({ ok: false, code: 'REG_NOT_PENDING' });
    const r = SubmissionDecisionSchema.safeParse({ decision: 'return' });
    expect(r.success ? null : r.error.issues[0]).toMatchObject({ path: ['reason'], message: 'REG_RETURN_REASON_REQUIRED' });
    expect(SubmissionDecisionSchema.safeParse({ decision: 'approve' }).success).toBe(true);
  });
  it('the approval list filters a date range that runs forward', () => {
    expect(ApprovalListQuerySchema.safeParse({ state: 'submitted', from: '2026-03-01', to: '2026-03-31' }).success).toBe(true);
    const r = ApprovalListQuerySchema.safeParse({ from: '2026-03-31', to: '2026-03-01' });
    expect(r.success ? null : r.error.issues[0]).toMatchObject({ path: ['to'], message: 'REG_WINDOW_INVALID' });
    expect(ApprovalListQuerySchema.safeParse({ state: 'draft' }).success).toBe(false);
  });
  it('the audit log names the year, the kind and the outcome', () => {
    expect(auditSummary({ action: 'twoSystems.open', after: { kind: 'registration', year: 2026 } })).toBe('2026 年度团籍注册');
    expect(auditSummary({ action: 'twoSystems.decide', targetName: '王小明', after: { kind: 'review', year: 2026, outcome: 'unqualified', reason: '无故缺席' } })).toBe(
      '王小明 · 2026 团员教育评议 · 不合格 · 原因：无故缺席',
    );
    expect(auditSummary({ action: 'twoSystems.decideAll', after: { kind: 'x', count: 3 } })).toBe('3人');
  });
});

describe('bad input never throws', () => {
  it('a reason of the wrong type is a validation issue, not an exception', () => {
    expect(MemberDecisionSchema.safeParse({ outcome: 'refused', reason: ['x'] }).success).toBe(false);
    expect(SubmissionDecisionSchema.safeParse({ decision: 'return', reason: { $gt: '' } }).success).toBe(false);
  });
});
