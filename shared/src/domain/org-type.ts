import { CommitteePositions, OrgPositions, type OrgType, type Position } from '../enums';
import { fail, OK, type Check } from './check';

/** §3.1 what each org type may contain. Only leading organs may dispatch a 团工委. */
const CHILDREN: Record<OrgType, readonly OrgType[]> = {
  leadingOrgan: ['leadingOrgan', 'grassrootsCommittee', 'workingCommittee', 'generalBranch', 'branch'],
  grassrootsCommittee: ['grassrootsCommittee', 'generalBranch', 'branch'],
  workingCommittee: ['grassrootsCommittee', 'generalBranch', 'branch'],
  generalBranch: ['branch'],
  branch: [],
};

export function canContain(parentType: OrgType, childType: OrgType): boolean {
  return CHILDREN[parentType].includes(childType);
}

export const allowedChildTypes = (parentType: OrgType): readonly OrgType[] => CHILDREN[parentType];

export const checkCanContain = (parentType: OrgType, childType: OrgType): Check => (canContain(parentType, childType) ? OK : fail('ORG_TYPE_NOT_ALLOWED'));

/** §3.1 / §4.1: only a branch holds members, so only a branch can be checked in to. */
export const isBranch = (type: OrgType): boolean => type === 'branch';

/** §3.3: leading organs and grassroots committees also report contacts and 编制 numbers. */
export const needsStaffingFields = (type: OrgType): boolean => type === 'leadingOrgan' || type === 'grassrootsCommittee';

/** §7.3: batch transfer is for 基层团委 / 团工委 / 团总支 only. */
export const canBatchTransfer = (type: OrgType): boolean => type === 'grassrootsCommittee' || type === 'workingCommittee' || type === 'generalBranch';

/** Org types with a committee (委员会): they enter committee members and staff [002 §五]. */
export const isCommittee = (type: OrgType): boolean => type === 'leadingOrgan' || type === 'grassrootsCommittee' || type === 'workingCommittee';

/**
 * §10 the positions offered in an org: every committee the six of 002 §六, a 团总支 / 团支部 the
 * branch list. A position stored under the old lists stays displayable through `Positions`.
 */
export const positionsFor = (type: OrgType): Readonly<Record<string, string>> => (isCommittee(type) ? CommitteePositions : OrgPositions);

export const isPositionAllowed = (type: OrgType, position: string): position is Position => Object.prototype.hasOwnProperty.call(positionsFor(type), position);

export const checkPosition = (type: OrgType, position: string): Check => (isPositionAllowed(type, position) ? OK : fail('POSITION_NOT_ALLOWED'));
