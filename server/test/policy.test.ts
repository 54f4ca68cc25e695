import {
  cadreOfChain,
  concerns,
  mayChangeRosterLine,
  needsChildBranches,
  needsOperatorFact,
  orgAccess,
  resetCodeVerdict,
  reviewScope,
  type OrgLevel,
  type Position,
} from '../src/lib/policy';

/**
 * lib/policy.ts, the rules of §2 as pure functions: table-driven, no database. The HTTP side
 * (the guard loads the right positions, the services ask these) is in org-guard, authz-matrix
 * and the module suites.
 *
 *   1 ─┬─ 2 ─┬─ 3 ── 4 ─┬─ 5 (branch)      9 (another root)
 *      │     └─ 22      └─ 6 (branch)
 *      └─ 7
 */
const ORGS = {
  root: { id: 1, path: '/1/', parentId: null, type: 'leadingOrgan' },
  city: { id: 2, path: '/1/2/', parentId: 1, type: 'leadingOrgan' },
  school: { id: 3, path: '/1/2/3/', parentId: 2, type: 'grassrootsCommittee' },
  grade: { id: 4, path: '/1/2/3/4/', parentId: 3, type: 'generalBranch' },
  branch: { id: 5, path: '/1/2/3/4/5/', parentId: 4, type: 'branch' },
  branch2: { id: 6, path: '/1/2/3/4/6/', parentId: 4, type: 'branch' },
  city2: { id: 7, path: '/1/7/', parentId: 1, type: 'leadingOrgan' },
  school2: { id: 22, path: '/1/2/22/', parentId: 2, type: 'grassrootsCommittee' },
  other: { id: 9, path: '/9/', parentId: null, type: 'leadingOrgan' },
} as const;
type Key = keyof typeof ORGS;

const cadre = (org: Key): Position => ({ orgId: ORGS[org].id, isAdmin: false, isOperator: false });
const operator = (org: Key): Position => ({ orgId: ORGS[org].id, isAdmin: false, isOperator: true });
const admin = (org: Key): Position => ({ orgId: ORGS[org].id, isAdmin: true, isOperator: true });

describe('orgAccess: who reaches an org at which level', () => {
  // [caller's positions, target, cadre, operator, admin]
  const table: Array<[string, Position[], Key, boolean, boolean, boolean]> = [
    ['nobody', [], 'branch', false, false, false],
    ['a cadre of the org', [cadre('school')], 'school', true, false, false],
    ['a cadre above', [cadre('city')], 'branch', true, false, false],
    ['a cadre below', [cadre('branch')], 'school', false, false, false],
    ['a cadre beside', [cadre('city2')], 'school', false, false, false],
    ['an operator of the org', [operator('branch')], 'branch', true, true, false],
    ['an operator above (not an admin)', [operator('grade')], 'branch', true, false, false],
    ['an admin of the org', [admin('school')], 'school', true, true, true],
    ['an admin above', [admin('root')], 'branch', true, true, true],
    ['an admin of a sibling whose id starts alike', [admin('school2')], 'school', false, false, false],
    ['an admin of another root', [admin('other')], 'branch', false, false, false],
    ['an admin below', [admin('branch')], 'grade', false, false, false],
    ['positions elsewhere do not add up', [admin('city2'), cadre('branch')], 'branch', true, false, false],
  ];
  it.each(table)('%s', (_what, positions, target, ...expected) => {
    const access = orgAccess(ORGS[target], positions);
    expect((['cadre', 'operator', 'admin'] as OrgLevel[]).map((l) => access.allows(l))).toEqual(expected);
    expect(access.isOperator).toBe(expected[1]);
    expect(access.isAdmin).toBe(expected[2]);
  });

  it('separates here from above', () => {
    expect(orgAccess(ORGS.school, [admin('school')])).toMatchObject({ isAdminHere: true, isAdminAbove: false, isOperatorHere: true });
    expect(orgAccess(ORGS.school, [admin('city')])).toMatchObject({ isAdminHere: false, isAdminAbove: true, isOperatorHere: false });
    expect(orgAccess(ORGS.school, [operator('school')])).toMatchObject({ isAdminHere: false, isAdminAbove: false, isOperatorHere: true });
  });
});

// 001 annex 2 "组织管理员/组织运营者录入": operators keep their own org's roster; admins keep the
// subtree's and alone touch lines that hold admin rights.
describe('roster keeping: operators of the org, admins of the org or above', () => {
  // [caller, target org, reaches the roster (guard level 'operator'), may change a plain line, may change an admin's line]
  const table: Array<[string, Position[], Key, boolean, boolean, boolean]> = [
    ['a plain cadre of the org', [cadre('school')], 'school', false, false, false],
    ['an operator of the org', [operator('school')], 'school', true, true, false],
    ['an operator above (not an admin)', [operator('city')], 'school', false, false, false],
    ['an operator of a sub-org', [operator('grade')], 'school', false, false, false],
    ['an admin of the org', [admin('school')], 'school', true, true, true],
    ['an admin above', [admin('root')], 'school', true, true, true],
    ['an admin beside', [admin('school2')], 'school', false, false, false],
  ];
  it.each(table)('%s', (_what, positions, target, reaches, plain, adminLine) => {
    const access = orgAccess(ORGS[target], positions);
    expect(access.allows('operator')).toBe(reaches);
    expect(reaches && mayChangeRosterLine(access, { isAdmin: false })).toBe(plain);
    expect(reaches && mayChangeRosterLine(access, { isAdmin: true })).toBe(adminLine);
  });
});

describe('contains: the subtree, by path', () => {
  const table: Array<[Key, Key, boolean]> = [
    ['school', 'school', true],
    ['school', 'branch', true],
    ['school', 'city', false],
    ['school', 'school2', false],
    ['city', 'school2', true],
    ['city', 'city2', false],
    ['root', 'other', false],
  ];
  it.each(table)('%s contains %s: %s', (org, other, expected) => {
    expect(orgAccess(ORGS[org], []).contains(ORGS[other].path)).toBe(expected);
  });
});

describe('isAdminOf: an admin position in one org of the chain', () => {
  const table: Array<[string, Position[], Key, Key, boolean]> = [
    ['admin of the parent', [admin('grade')], 'branch', 'grade', true],
    ['operator of the parent', [operator('grade')], 'branch', 'grade', false],
    ['admin of the grandparent only', [admin('school')], 'branch', 'grade', false],
    ['admin of an org outside the chain', [admin('branch2')], 'branch', 'branch2', false],
  ];
  it.each(table)('%s', (_what, positions, org, of, expected) => {
    expect(orgAccess(ORGS[org], positions).isAdminOf(ORGS[of].id)).toBe(expected);
  });
});

describe('actsFor: the org holding a step, or an admin for a direct child', () => {
  const table: Array<[string, Position[], Key, Key, boolean]> = [
    ['an operator for its own org', [operator('branch')], 'branch', 'branch', true],
    ['an admin for a direct child', [admin('grade')], 'grade', 'branch', true],
    ['an admin above, through the parent', [admin('root')], 'grade', 'branch', true],
    ['an operator (no admin) for a child', [operator('grade')], 'grade', 'branch', false],
    ['an admin for a grandchild', [admin('school')], 'school', 'branch', false],
    ['an admin for a sibling', [admin('branch')], 'branch', 'branch2', false],
  ];
  it.each(table)('%s', (_what, positions, org, holder, expected) => {
    expect(orgAccess(ORGS[org], positions).actsFor(ORGS[holder])).toBe(expected);
  });
});

describe('reviewScope: the branches reviewed through an org', () => {
  // [what, positions, org, orgHasOperator, child branches without operator, scope]
  const table: Array<[string, Position[], Key, boolean | undefined, number[], number[] | null]> = [
    ["the branch's operator", [operator('branch')], 'branch', undefined, [], [5]],
    ["the branch's admin", [admin('branch')], 'branch', undefined, [], [5]],
    ["the parent's admin, the branch having no operator", [admin('grade')], 'branch', false, [], [5]],
    ["the parent's admin, the branch having an operator", [admin('grade')], 'branch', true, [], null],
    ['an admin further up, the branch having no operator', [admin('school')], 'branch', undefined, [], null],
    ['a plain cadre of the branch', [cadre('branch')], 'branch', undefined, [], null],
    ['an admin of a general branch: its child branches without operator', [admin('grade')], 'grade', undefined, [6], [6]],
    ['an operator of a general branch: nothing', [operator('grade')], 'grade', undefined, [6], []],
    ['an admin above a general branch: nothing', [admin('school')], 'grade', undefined, [6], []],
  ];
  it.each(table)('%s', (_what, positions, org, orgHasOperator, children, expected) => {
    const access = orgAccess(ORGS[org], positions);
    const o = ORGS[org];
    expect(
      reviewScope(access, o, { orgHasOperator: needsOperatorFact(access, o) ? orgHasOperator : undefined, childBranchesWithoutOperator: needsChildBranches(access) ? children : [] }),
    ).toEqual(expected);
  });

  it('asks for the operator fact only when the parent admin route is open', () => {
    expect(needsOperatorFact(orgAccess(ORGS.branch, [admin('grade')]), ORGS.branch)).toBe(true);
    expect(needsOperatorFact(orgAccess(ORGS.branch, [operator('branch')]), ORGS.branch)).toBe(false);
    expect(needsOperatorFact(orgAccess(ORGS.grade, [admin('school')]), ORGS.grade)).toBe(false);
  });
});

describe('concerns: a transfer touching the subtree or a direct child', () => {
  const table: Array<[Key, Key[], boolean]> = [
    ['school', ['branch'], true],
    ['school', ['school'], true],
    ['school', ['school2', 'other'], false],
    ['grade', ['city2', 'branch2'], true],
    ['city', ['city2'], false],
  ];
  it.each(table)('%s concerned by %j: %s', (org, touched, expected) => {
    expect(
      concerns(
        orgAccess(ORGS[org], []),
        ORGS[org].id,
        touched.map((k) => ORGS[k]),
      ),
    ).toBe(expected);
  });
});

describe('resetCodeVerdict: only accounts wholly inside the issuer’s subtree', () => {
  const issuer = '/1/2/';
  const table: Array<[string, string[], string | null, boolean, ReturnType<typeof resetCodeVerdict>]> = [
    ['a position below', ['/1/2/3/'], null, true, 'ok'],
    ['a member of a branch below', [], '/1/2/3/4/', true, 'ok'],
    ['a member of the issuing org itself', [], '/1/2/', true, 'ok'],
    ['a position at the issuer', ['/1/2/'], null, true, 'notAllowed'],
    ['a position below and one above', ['/1/2/3/', '/1/'], null, true, 'notAllowed'],
    ['a position below, a branch elsewhere', ['/1/2/3/'], '/1/9/', true, 'notAllowed'],
    ['a position above, a branch below', ['/1/'], '/1/2/5/', true, 'notAllowed'],
    ['a position above only', ['/1/'], null, true, 'notInSubtree'],
    ['a sibling whose id starts alike', [], '/1/22/', true, 'notInSubtree'],
    ['nothing', [], null, true, 'notInSubtree'],
    ['only a draft below', [], '/1/2/3/', false, 'notInSubtree'],
    ['a draft elsewhere with a position below', ['/1/2/3/'], '/9/', false, 'notAllowed'],
  ];
  it.each(table)('%s', (_what, positions, branch, submitted, expected) => {
    expect(resetCodeVerdict(issuer, positions, branch, submitted)).toBe(expected);
  });
});

describe('cadreOfChain: who sees a secretary’s phone unmasked', () => {
  const table: Array<[number[], string, boolean]> = [
    [[5], '/1/2/3/4/5/', true],
    [[1], '/1/2/3/4/5/', true],
    [[6], '/1/2/3/4/5/', false],
    [[22], '/1/2/', false],
    [[], '/1/', false],
  ];
  it.each(table)('viewer in %j, org %s: %s', (viewer, path, expected) => {
    expect(cadreOfChain(new Set(viewer), path)).toBe(expected);
  });
});
