import { RealNameEvents, RealNameStatusCodes, RealNameStatuses, fromCode, isRealNameRunning, nextRealNameStatus, type RealNameEvent, type RealNameStatus } from '../src';

type From = RealNameStatus | null;
const FROM: From[] = [null, ...(Object.keys(RealNameStatuses) as RealNameStatus[])];

/** §4.2: the only legal moves (recheck: only while no re-check has run). */
const LEGAL: [From, RealNameEvent, RealNameStatus][] = [
  [null, 'start', 'pending'],
  ['passed', 'start', 'pending'],
  ['failed', 'start', 'pending'],
  ['offlinePassed', 'start', 'pending'],
  ['pending', 'pass', 'passed'],
  ['pending', 'fail', 'failed'],
  ['failed', 'recheck', 'rechecking'],
  ['rechecking', 'pass', 'passed'],
  ['rechecking', 'fail', 'failed'],
  ['failed', 'offlinePass', 'offlinePassed'],
];
const isLegal = (from: From, e: RealNameEvent) => LEGAL.some(([f, a]) => f === from && a === e);
const running = (s: From) => s === 'pending' || s === 'rechecking';

function expectedCode(from: From, e: RealNameEvent): string {
  switch (e) {
    case 'start':
      return 'REAL_NAME_IN_PROGRESS';
    case 'pass':
    case 'fail':
    case 'recheck':
      return 'REAL_NAME_TRANSITION_INVALID';
    case 'offlinePass':
      return running(from) ? 'REAL_NAME_IN_PROGRESS' : 'REAL_NAME_NOT_FAILED';
  }
}

describe('nextRealNameStatus (§4.2)', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, e, to) => {
    expect(nextRealNameStatus(from, e)).toEqual({ ok: true, status: to });
  });

  const illegal = FROM.flatMap((from) => RealNameEvents.filter((e) => !isLegal(from, e)).map((e) => [from, e] as const));

  it('covers every (state, event) pair', () => {
    expect(illegal.length + LEGAL.length).toBe(FROM.length * RealNameEvents.length);
  });

  it.each(illegal)('refuses %s --%s--> with a code, without throwing', (from, e) => {
    expect(nextRealNameStatus(from, e)).toEqual({ ok: false, code: expectedCode(from, e) });
  });

  it('allows only one automatic re-check per submission', () => {
    expect(nextRealNameStatus('failed', 'recheck', { rechecked: true })).toEqual({ ok: false, code: 'REAL_NAME_RECHECK_DONE' });
    expect(nextRealNameStatus('failed', 'recheck', { rechecked: false })).toEqual({ ok: true, status: 'rechecking' });
  });

  it('the full path: fail → re-check → fail (final) → offline verification', () => {
    const steps: [RealNameEvent, { rechecked?: boolean }][] = [
      ['start', {}],
      ['fail', {}],
      ['recheck', {}],
      ['fail', {}],
      ['offlinePass', { rechecked: true }],
    ];
    let s: From = null;
    for (const [e, ctx] of steps) {
      const r = nextRealNameStatus(s, e, ctx);
      if (!r.ok) throw new Error(r.code);
      s = r.status;
    }
    expect(s).toBe('offlinePassed');
  });

  it('refuses an unknown event from untrusted input', () => {
    expect(nextRealNameStatus('pending', 'explode' as RealNameEvent)).toEqual({ ok: false, code: 'REAL_NAME_TRANSITION_INVALID' });
  });

  it.each(FROM)('isRealNameRunning(%s)', (s) => expect(isRealNameRunning(s)).toBe(running(s)));

  it('§10 codes mirror the Guangdong system', () => {
    expect(RealNameStatusCodes).toEqual({ passed: 10, pending: 1, failed: 2, offlinePassed: 3, rechecking: 4 });
    expect(fromCode(RealNameStatusCodes, 10)).toBe('passed');
  });
});
