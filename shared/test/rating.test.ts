import {
  checkRatingReview,
  isRatingLocked,
  isRectification,
  MAX_SELF_RATING_CHANGES,
  minusMonths,
  RATING_STANDARD,
  RatingLevels,
  ratingExclusion,
  ratingFoundedCutoff,
  ratingLockInstant,
  ratingReviewer,
  ratingStatus,
  ratingYearAt,
  RatingReviewBodySchema,
  selfRatingChangesLeft,
  selfRatingOutcome,
} from '../src';

/** 对标定级 [004 §二(五)]: levels, the 3-change limit, the 12-31 12:00 lock, the scope. */
describe('对标定级 rules', () => {
  const now = new Date('2026-11-01T02:00:00Z');
  const t = (iso: string) => new Date(iso);

  it('the levels are 五星 … 一星 and 不予定级; the standard is the seed table', () => {
    expect(Object.values(RatingLevels)).toEqual(['五星', '四星', '三星', '二星', '一星', '不予定级']);
    expect(RATING_STANDARD.map((d) => [d.dimension, d.weight])).toEqual([
      ['班子建设', '15% 左右'],
      ['团员管理', '20% 左右'],
      ['活动开展', '20% 左右'],
    ]);
    expect(RATING_STANDARD.flatMap((d) => d.items.map((i) => i.no))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(RATING_STANDARD[2].items[0].indicator).toBe('团支部每月至少开展1次活动；每次团员参与率50%以上。');
  });

  it('"每年12月31日中午12:00前，系统将锁定复核结果" — UTC+8, at the boundary', () => {
    expect(ratingLockInstant(2026).toISOString()).toBe('2026-12-31T04:00:00.000Z');
    expect(isRatingLocked(2026, t('2026-12-31T11:59:59+08:00'))).toBe(false);
    expect(isRatingLocked(2026, t('2026-12-31T12:00:00+08:00'))).toBe(true);
    expect(ratingYearAt(t('2026-12-31T23:59:59+08:00'))).toBe(2026);
    expect(ratingYearAt(t('2027-01-01T00:00:00+08:00'))).toBe(2027);
  });

  it('"未复核前 … 最多允许修改 3 次": the first submission, then three changes, then refused', () => {
    expect(MAX_SELF_RATING_CHANGES).toBe(3);
    const base = { reviewLevel: null, reviewedAt: null, selfRatedAt: now };
    expect(selfRatingOutcome(null, 2026, now)).toEqual({ ok: true, kind: 'first', changesUsed: 0 });
    expect(selfRatingOutcome({ ...base, changesUsed: 0 }, 2026, now)).toEqual({ ok: true, kind: 'change', changesUsed: 1 });
    expect(selfRatingOutcome({ ...base, changesUsed: 2 }, 2026, now)).toEqual({ ok: true, kind: 'change', changesUsed: 3 });
    expect(selfRatingOutcome({ ...base, changesUsed: 3 }, 2026, now)).toEqual({ ok: false, code: 'RATING_CHANGE_LIMIT' });
    expect(selfRatingChangesLeft(null, 2026, now)).toBe(3);
    expect(selfRatingChangesLeft({ ...base, changesUsed: 2 }, 2026, now)).toBe(1);
  });

  it('"上级团委完成复核后(“不予定级”除外)，自评结果不允许修改"; 不予定级 reopens a round and lists 重点整顿', () => {
    const reviewed = { changesUsed: 1, selfRatedAt: t('2026-10-01T00:00:00Z'), reviewedAt: t('2026-10-02T00:00:00Z') };
    expect(selfRatingOutcome({ ...reviewed, reviewLevel: 'star3' }, 2026, now)).toEqual({ ok: false, code: 'RATING_REVIEWED' });
    expect(selfRatingChangesLeft({ ...reviewed, reviewLevel: 'star3' }, 2026, now)).toBe(0);
    expect(selfRatingOutcome({ ...reviewed, reviewLevel: 'ungraded' }, 2026, now)).toEqual({ ok: true, kind: 'rerate', changesUsed: 0 });
    expect(isRectification({ reviewLevel: 'ungraded' })).toBe(true);
    expect(isRectification({ reviewLevel: 'star1' })).toBe(false);
    // re-rated after the review: marked changed (标红) for the superior, changes counted again
    const rerated = { ...reviewed, reviewLevel: 'ungraded' as const, selfRatedAt: t('2026-10-03T00:00:00Z'), changesUsed: 0 };
    expect(ratingStatus(rerated)).toBe('rerated');
    expect(selfRatingOutcome(rerated, 2026, now)).toEqual({ ok: true, kind: 'change', changesUsed: 1 });
    expect(ratingStatus(null)).toBe('notRated');
    expect(ratingStatus({ reviewLevel: null, reviewedAt: null, selfRatedAt: now })).toBe('rated');
    expect(ratingStatus({ ...reviewed, reviewLevel: 'star5' })).toBe('reviewed');
  });

  it('after the lock neither the branch nor the superior changes anything', () => {
    const locked = t('2026-12-31T12:00:00+08:00');
    expect(selfRatingOutcome(null, 2026, locked)).toEqual({ ok: false, code: 'RATING_LOCKED' });
    expect(selfRatingChangesLeft(null, 2026, locked)).toBe(0);
    expect(checkRatingReview({ selfLevel: 'star2' }, 2026, locked)).toEqual({ ok: false, code: 'RATING_LOCKED' });
    expect(checkRatingReview({ selfLevel: 'star2' }, 2026, t('2026-12-31T11:59:59+08:00'))).toEqual({ ok: true });
    expect(checkRatingReview(null, 2026, now)).toEqual({ ok: false, code: 'RATING_NOT_SUBMITTED' });
  });

  it('"成立 6 个月以内的团支部(2020 年 10 月 1 日之后)、流动团员团支部、待接转团支部不纳入"; 毕业生团组织 are in', () => {
    expect(minusMonths('2021-04-01', 6)).toBe('2020-10-01');
    expect(minusMonths('2026-08-31', 6)).toBe('2026-02-28');
    expect(minusMonths('2026-03-15', 6)).toBe('2025-09-15');
    const cutoff = ratingFoundedCutoff(2021, t('2021-04-01T10:00:00+08:00'));
    expect(cutoff).toBe('2020-10-01');
    const branch = { type: 'branch' as const, branchCategory: 'ordinary' as const, foundedOn: '2020-10-01' };
    expect(ratingExclusion(branch, cutoff)).toBeNull();
    expect(ratingExclusion({ ...branch, foundedOn: '2020-10-02' }, cutoff)).toBe('tooNew');
    expect(ratingExclusion({ ...branch, branchCategory: 'mobileMembers' }, cutoff)).toBe('mobileMembers');
    expect(ratingExclusion({ ...branch, branchCategory: 'awaitingTransfer' }, cutoff)).toBe('awaitingTransfer');
    expect(ratingExclusion({ ...branch, branchCategory: 'graduate' }, cutoff)).toBeNull();
    expect(ratingExclusion({ ...branch, type: 'generalBranch', branchCategory: null }, cutoff)).toBeNull();
    expect(ratingExclusion({ ...branch, type: 'grassrootsCommittee', branchCategory: null }, cutoff)).toBe('notRatedType');
    // a finished year keeps the scope it closed with
    expect(ratingFoundedCutoff(2026, t('2027-05-01T00:00:00Z'))).toBe('2026-06-30');
  });

  it('the reviewer is the nearest committee above (上级团委), past a 团总支', () => {
    expect(
      ratingReviewer([
        { id: 1, type: 'generalBranch' as const },
        { id: 2, type: 'grassrootsCommittee' as const },
      ]),
    ).toEqual({ id: 2, type: 'grassrootsCommittee' });
    expect(ratingReviewer([{ id: 3, type: 'leadingOrgan' as const }])).toEqual({ id: 3, type: 'leadingOrgan' });
    expect(ratingReviewer([])).toBeNull();
  });

  it('a batch review ticks 1–100 orgs', () => {
    expect(RatingReviewBodySchema.safeParse({ orgIds: ['1', '2'], level: 'star4' }).success).toBe(true);
    expect(RatingReviewBodySchema.safeParse({ orgIds: [], level: 'star4' }).error?.issues[0]?.message).toBe('RATING_BATCH_EMPTY');
    expect(RatingReviewBodySchema.safeParse({ orgIds: ['1'], level: 'star6' }).success).toBe(false);
  });
});
