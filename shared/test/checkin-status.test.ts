import {
  CheckinActions,
  CheckinStatusCodes,
  CheckinStatuses,
  checkRealNameAllowsApproval,
  fromCode,
  isCheckinApproved,
  isCheckinEditable,
  isCheckinPendingReview,
  nextCheckinStatus,
  type CheckinAction,
  type CheckinStatus,
} from '../src';

type From = CheckinStatus | null;
const FROM: From[] = [null, ...(Object.keys(CheckinStatuses) as CheckinStatus[])];

/** §4.2: the only legal moves. */
const LEGAL: [From, CheckinAction, CheckinStatus][] = [
  [null, 'submit', 'submitted'],
  ['returned', 'submit', 'submitted'],
  ['withdrawn', 'submit', 'submitted'],
  ['submitted', 'withdraw', 'withdrawn'],
  ['submitted', 'approve', 'approved'],
  ['submitted', 'return', 'returned'],
  ['approved', 'submitEdit', 'editSubmitted'],
  ['editReturned', 'submitEdit', 'editSubmitted'],
  ['editSubmitted', 'approve', 'approved'],
  ['editSubmitted', 'return', 'editReturned'],
];

const isLegal = (from: From, action: CheckinAction) => LEGAL.some(([f, a]) => f === from && a === action);

/** The expected refusal for every illegal pair. */
function expectedCode(from: From, action: CheckinAction): string {
  const pending = from === 'submitted' || from === 'editSubmitted';
  switch (action) {
    case 'submit':
      if (from === 'transferredOut') return 'CHECKIN_TRANSFERRED_OUT';
      return pending ? 'CHECKIN_PENDING_REVIEW' : 'CHECKIN_ALREADY_APPROVED';
    case 'withdraw':
      return 'CHECKIN_NOT_WITHDRAWABLE';
    case 'approve':
    case 'return':
      return 'CHECKIN_NOT_PENDING';
    case 'submitEdit':
      if (from === 'transferredOut') return 'CHECKIN_TRANSFERRED_OUT';
      return pending ? 'CHECKIN_PENDING_REVIEW' : 'CHECKIN_NOT_APPROVED';
  }
}

describe('nextCheckinStatus (§4.2)', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(nextCheckinStatus(from, action)).toEqual({ ok: true, status: to });
  });

  const illegal = FROM.flatMap((from) => CheckinActions.filter((a) => !isLegal(from, a)).map((a) => [from, a] as const));

  it('covers every (state, action) pair', () => {
    expect(illegal.length + LEGAL.length).toBe(FROM.length * CheckinActions.length);
  });

  it.each(illegal)('refuses %s --%s--> with a code, without throwing', (from, action) => {
    expect(nextCheckinStatus(from, action)).toEqual({ ok: false, code: expectedCode(from, action) });
  });

  it('refuses an unknown action from untrusted input', () => {
    expect(nextCheckinStatus('submitted', 'delete' as CheckinAction)).toEqual({ ok: false, code: 'VALIDATION_FAILED' });
  });

  it('resubmission after a return is repeatable', () => {
    let s: From = null;
    for (const a of ['submit', 'return', 'submit', 'return', 'submit', 'withdraw', 'submit', 'approve'] as CheckinAction[]) {
      const r = nextCheckinStatus(s, a);
      if (!r.ok) throw new Error(r.code);
      s = r.status;
    }
    expect(s).toBe('approved');
  });
});

describe('check-in predicates', () => {
  it.each(FROM)('%s', (s) => {
    expect(isCheckinApproved(s)).toBe(s === 'approved' || s === 'editSubmitted' || s === 'editReturned');
    expect(isCheckinPendingReview(s)).toBe(s === 'submitted' || s === 'editSubmitted');
    expect(isCheckinEditable(s)).toBe(s === null || s === 'returned' || s === 'withdrawn');
  });
});

describe('§10 codes', () => {
  it('mirror the Guangdong system', () => {
    expect(CheckinStatusCodes).toEqual({ withdrawn: 0, submitted: 1, returned: 2, approved: 3, editSubmitted: 4, editReturned: 5, transferredOut: 6 }); // 6 (已转出) is ours: §10 lists no code for it
    expect(fromCode(CheckinStatusCodes, 3)).toBe('approved');
    expect(fromCode(CheckinStatusCodes, 9)).toBeUndefined();
  });
});

describe('checkRealNameAllowsApproval (§4.2)', () => {
  it.each([
    ['passed', null],
    ['offlinePassed', null],
    ['pending', 'REAL_NAME_IN_PROGRESS'],
    ['rechecking', 'REAL_NAME_IN_PROGRESS'],
    [null, 'REAL_NAME_IN_PROGRESS'],
    ['failed', 'REAL_NAME_FAILED'],
  ] as const)('%s', (s, code) => expect(checkRealNameAllowsApproval(s)).toEqual(code ? { ok: false, code } : { ok: true }));
});
