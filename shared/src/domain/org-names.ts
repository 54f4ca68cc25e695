import type { OrgType } from '../enums';
import { fail, OK, type Check } from './check';

/** §3.2 full names start with the League's full name [002 §三 全称填写]. */
export const FULL_NAME_PREFIX = '中国共产主义青年团';

/** The ending of a short name by type, and the ending of the full name that replaces it. */
const ENDINGS: Record<Exclude<OrgType, 'leadingOrgan'>, [string, string]> = {
  grassrootsCommittee: ['团委', '委员会'],
  workingCommittee: ['团工委', '工作委员会'],
  generalBranch: ['团总支', '总支部委员会'],
  branch: ['团支部', '支部委员会'],
};

/**
 * §3.2 proposes the full name from the short name; the creator may correct it [004].
 * 团广州市委 → 中国共产主义青年团广州市委员会; 中山大学团委 → 中国共产主义青年团中山大学委员会.
 * A unit whose own name ends in 委员会 gets 系统委员会 [002 §三]. A short name without the
 * expected ending is taken as the unit name.
 */
export function proposeFullName(shortName: string, orgType: OrgType): string {
  const name = shortName.replace(/\s/gu, '');
  if (name.startsWith(FULL_NAME_PREFIX)) return name;
  if (orgType === 'leadingOrgan') {
    const region = name.replace(/^团/u, '').replace(/委$/u, '');
    return `${FULL_NAME_PREFIX}${region}委员会`;
  }
  const [shortEnding, fullEnding] = ENDINGS[orgType];
  const unit = name.endsWith(shortEnding) ? name.slice(0, -shortEnding.length) : name;
  if (orgType === 'grassrootsCommittee' && unit.endsWith('委员会')) return `${FULL_NAME_PREFIX}${unit}系统委员会`;
  return `${FULL_NAME_PREFIX}${unit}${fullEnding}`;
}

/** §3.2 short name shape: the same endings as the alias, and a name before them. */
export function validateShortName(shortName: string, orgType: OrgType): Check {
  const name = shortName.trim();
  const ok =
    orgType === 'leadingOrgan' ? /^团.+委$/u.test(name) && !name.endsWith('团委') && !name.endsWith('工委') : name.length > ENDINGS[orgType][0].length && name.endsWith(ENDINGS[orgType][0]);
  return ok ? OK : fail('SHORT_NAME_SHAPE');
}

/** §3.2 full name shape: prefix, something in between, the ending of the type. */
export function validateFullName(fullName: string, orgType: OrgType): Check {
  const name = fullName.trim();
  if (!name.startsWith(FULL_NAME_PREFIX)) return fail('FULL_NAME_SHAPE');
  const rest = name.slice(FULL_NAME_PREFIX.length);
  let ok: boolean;
  switch (orgType) {
    case 'branch':
      ok = rest.endsWith('支部委员会') && !rest.endsWith('总支部委员会') && rest.length > '支部委员会'.length;
      break;
    case 'generalBranch':
      ok = rest.endsWith('总支部委员会') && rest.length > '总支部委员会'.length;
      break;
    case 'workingCommittee':
      ok = rest.endsWith('工作委员会') && rest.length > '工作委员会'.length;
      break;
    default:
      ok = rest.endsWith('委员会') && !rest.endsWith('支部委员会') && rest.length > '委员会'.length;
  }
  return ok ? OK : fail('FULL_NAME_SHAPE');
}
