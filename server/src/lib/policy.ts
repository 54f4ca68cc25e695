import { ancestorIds, isWithin } from './org-path';

/**
 * Who may do what in the org tree (§2): the one place the rules live. Pure functions over the
 * caller's onboarded positions and materialized org paths — no I/O, so the org guard, the
 * services and policy.test.ts all ask the same code. The guard (plugins/org-guard.ts) loads
 * the positions and hands the services an `OrgAccess`; a service that needs a fact the guard
 * does not have (a branch without operator, the orgs a transfer touches) loads it and asks here.
 *
 *  - 'cadre'    query the org and its subtree: a cadre of the org or of any ancestor
 *  - 'operator' review / alias: an operator or admin of the org itself, or an admin above
 *  - 'admin'    build the tree, roster, codes, QR: an admin of the org or of any ancestor
 * *(decision)* An admin's reach covers its whole subtree, so a provincial admin can fix any
 * org below it; nothing outside the subtree is ever reachable.
 */
export type OrgLevel = 'cadre' | 'operator' | 'admin';

/** One onboarded roster line of the caller: the org it is in and its flags. */
export interface Position {
  orgId: number;
  isAdmin: boolean;
  isOperator: boolean;
}

/** What the policy needs of an org. */
export interface OrgRef {
  id: number;
  path: string;
}

export interface OrgAccess {
  /** an admin of the org itself */
  isAdminHere: boolean;
  /** an admin of an org above it */
  isAdminAbove: boolean;
  /** an operator or admin of the org itself */
  isOperatorHere: boolean;
  /** the 'admin' reach: an admin here or above */
  isAdmin: boolean;
  /** the 'operator' reach: an operator/admin here, or an admin above */
  isOperator: boolean;
  /** whether the caller reaches the org at `level` */
  allows(level: OrgLevel): boolean;
  /** an org (by its path) in the org's subtree, the org itself included */
  contains(path: string): boolean;
  /** the caller holds an admin position in `orgId` (an org of the chain: the org or above) */
  isAdminOf(orgId: number): boolean;
  /**
   * §2 / §7.2 the caller acts, through this org, on a step `holder` holds: the org itself, or
   * (for an admin) a direct child [004: 原团支部或者原团支部的直属上级管理员].
   */
  actsFor(holder: { id: number; parentId: number | null }): boolean;
}

/** The caller's access to `org`, from its positions (those outside the org's chain are ignored). */
export function orgAccess(org: OrgRef, positions: readonly Position[]): OrgAccess {
  const above = new Set(ancestorIds(org.path));
  const own = positions.filter((p) => p.orgId === org.id);
  const inAbove = positions.filter((p) => above.has(p.orgId));
  const isAdminHere = own.some((p) => p.isAdmin);
  const isAdminAbove = inAbove.some((p) => p.isAdmin);
  const isOperatorHere = own.some((p) => p.isOperator || p.isAdmin);
  const isAdmin = isAdminHere || isAdminAbove;
  const isOperator = isOperatorHere || isAdminAbove;
  const inChain = own.length + inAbove.length > 0;
  return {
    isAdminHere,
    isAdminAbove,
    isOperatorHere,
    isAdmin,
    isOperator,
    allows: (level) => (level === 'cadre' ? inChain : level === 'operator' ? isOperator : isAdmin),
    contains: (path) => isWithin(path, org.path),
    isAdminOf: (orgId) => (orgId === org.id || above.has(orgId)) && positions.some((p) => p.orgId === orgId && p.isAdmin),
    actsFor: (holder) => holder.id === org.id || (isAdmin && holder.parentId === org.id),
  };
}

/**
 * 001 annex 2 "组织管理员/组织运营者录入": the roster of an org is kept by its own operators and
 * admins and by the admins above it (the guard's 'operator' level). Admin rights stay the
 * admins' (§3.4): an operator who is not an admin may not edit or remove a line that holds
 * them, nor set them (the admin routes are 'admin' level).
 */
export const mayChangeRosterLine = (access: Pick<OrgAccess, 'isAdmin' | 'isOperatorHere'>, line: { isAdmin: boolean }): boolean => access.isAdmin || (access.isOperatorHere && !line.isAdmin);

/**
 * 004 FAQ "团员本人、团员所在团组织及其直属上级团组织管理员都有权限修改" (发展团员编号): an admin of the
 * member's branch or of the branch's direct superior corrects it directly. Not an admin
 * further up: it asks them (the message of a taken number says where to ask).
 */
export const mayCorrectDevNumber = (access: Pick<OrgAccess, 'isAdminOf'>, branch: { id: number; parentId: number | null }): boolean =>
  access.isAdminOf(branch.id) || (branch.parentId != null && access.isAdminOf(branch.parentId));

/** An org as reviewScope needs it: its type (only branches have check-ins) and its parent. */
export interface BranchRef extends OrgRef {
  type: string;
  parentId: number | null;
}

/**
 * §2 who reviews a branch's check-ins: its operators and admins; for a branch with no
 * onboarded operator, the admins of its direct superior *(decision, mirrors [004])*.
 * Whether `org` itself has an operator matters only when `needsOperatorFact` says so (the
 * service then looks it up). The branches the caller reviews through `org`: the org itself
 * when it is such a branch, plus, for an admin of `org`, its direct child branches with no
 * operator. null: the caller reviews nothing through this branch (403).
 */
export function reviewScope(access: OrgAccess, org: BranchRef, facts: { orgHasOperator?: boolean; childBranchesWithoutOperator: readonly number[] }): number[] | null {
  const ids: number[] = [];
  if (org.type === 'branch') {
    if (access.isOperatorHere || (needsOperatorFact(access, org) && facts.orgHasOperator === false)) ids.push(org.id);
    else return null;
  }
  if (access.isAdminHere) ids.push(...facts.childBranchesWithoutOperator);
  return ids;
}

/** Whether reviewScope's answer for `org` depends on the branch having an operator. */
export const needsOperatorFact = (access: OrgAccess, org: BranchRef) => org.type === 'branch' && !access.isOperatorHere && org.parentId != null && access.isAdminOf(org.parentId);

/** Whether reviewScope lists the admin's child branches (the service then loads them). */
export const needsChildBranches = (access: OrgAccess) => access.isAdminHere;

/**
 * A transfer concerns an org when one of the orgs it touches (from, to, assigned branch, a
 * step holder, the org that returned it) is in the org's subtree or is a direct child.
 */
export const concerns = (access: OrgAccess, orgId: number, touched: readonly { path: string; parentId: number | null }[]) =>
  touched.some((o) => access.contains(o.path) || o.parentId === orgId);

/**
 * §10 + issue 12: may the org `issuerPath` issue a reset code for this account? Only an account
 * that belongs wholly to the issuer's subtree: every position it holds (bound, i.e. confirmed
 * by the person) strictly below the issuer's org, and its branch (check-in) inside the
 * subtree. A position at or above the issuer's org, or anywhere else, refuses — an admin can
 * never take over the account of someone with more (or other) reach than its own.
 */
export function resetCodeVerdict(
  issuerPath: string,
  positionPaths: string[],
  branchPath: string | null,
  /** a draft alone does not make a member of the branch, but a draft elsewhere still refuses */
  submitted = true,
): 'ok' | 'notInSubtree' | 'notAllowed' {
  const inside = (path: string) => isWithin(path, issuerPath);
  const below = (path: string) => path !== issuerPath && inside(path);
  const anyInside = positionPaths.some(inside) || (submitted && branchPath != null && inside(branchPath));
  if (!anyInside) return 'notInSubtree';
  if (positionPaths.some((p) => !below(p)) || (branchPath != null && !inside(branchPath))) return 'notAllowed';
  return 'ok';
}

/**
 * §9 a secretary's phone is shown unmasked to the cadres of the org's chain: a viewer with a
 * bound roster line in the org or one of its ancestors.
 */
export function cadreOfChain(viewerOrgIds: ReadonlySet<number>, orgPath: string): boolean {
  return orgPath
    .split('/')
    .filter(Boolean)
    .map(Number)
    .some((id) => viewerOrgIds.has(id));
}
