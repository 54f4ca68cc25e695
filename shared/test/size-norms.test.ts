import { SizeWarnings, sizeWarnings } from '../src';

describe('size norms: warnings, never refusals', () => {
  // 002 §二(五) "团支部：团员人数一般在 3 人以上，30 人以下"
  it.each([
    [0, ['BRANCH_UNDER_3']],
    [2, ['BRANCH_UNDER_3']],
    [3, []],
    [30, []],
    [31, ['BRANCH_OVER_30']],
  ] as const)('002 §二 a branch of %i members', (members, expected) => {
    expect(sizeWarnings('branch', { members, ownCadres: 5 })).toEqual(expected);
  });
  // 004 "团委、团工委、团总支完成团干部录入的标准：组织内录入的团干部数量至少 2 名"
  it.each(['grassrootsCommittee', 'workingCommittee', 'generalBranch'] as const)('004 entry standard of a %s: at least 2 cadres', (type) => {
    expect(sizeWarnings(type, { members: 0, ownCadres: 1 })).toEqual(['CADRES_UNDER_2']);
    expect(sizeWarnings(type, { members: 0, ownCadres: 2 })).toEqual([]);
  });
  it('a leading organ has no count standard; every warning has its Chinese text', () => {
    expect(sizeWarnings('leadingOrgan', { members: 0, ownCadres: 0 })).toEqual([]);
    for (const m of Object.values(SizeWarnings)) expect(m).toMatch(/[\u4e00-\u9fa5]/);
  });
});
