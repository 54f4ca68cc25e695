import type { ErrorCode } from '../errors';
import type { OrgType } from '../enums';
import { ALIAS_MAX_CHARS } from '../limits';
import { fail, OK, type Check } from './check';
import { countChars } from './text';

/**
 * §3.2 / [002 §三 代称填写]: characters WeChat refuses. The spec's list plus the other
 * curly quotes (“ ‘ ’) that a Chinese keyboard produces for " and ' *(decision)*.
 */
export const ALIAS_FORBIDDEN_CHARS = ['\\', '/', ':', '*', '?', '"', '”', '“', "'", '‘', '’', '<', '>', '|'] as const;

// Any blank, including the ideographic space U+3000 and the invisible zero-width ones.
const BLANK = /[\s\u200B\u2060\uFEFF]/u;

/** The rules of §3.2 that do not depend on the org type. */
export function validateAliasText(alias: string): Check {
  if (alias.trim() === '') return fail('ALIAS_EMPTY');
  if (BLANK.test(alias)) return fail('ALIAS_WHITESPACE');
  if ([...alias].some((c) => (ALIAS_FORBIDDEN_CHARS as readonly string[]).includes(c))) return fail('ALIAS_FORBIDDEN_CHAR');
  if (countChars(alias) > ALIAS_MAX_CHARS) return fail('ALIAS_TOO_LONG');
  return OK;
}

/**
 * §3.2 shape by type [002 §三]: leading organ "团+行政区划名称+委" (团广州市委); grassroots
 * committee / general branch / branch "名称+团委/团总支/团支部"; working committee
 * "名称+团工委". Each needs a name before the ending.
 */
const SHAPES: Record<OrgType, [(a: string) => boolean, ErrorCode]> = {
  leadingOrgan: [(a) => /^团.+委$/u.test(a) && !a.endsWith('团委') && !a.endsWith('工委'), 'ALIAS_SHAPE_LEADING_ORGAN'],
  grassrootsCommittee: [(a) => /.团委$/u.test(a), 'ALIAS_SHAPE_GRASSROOTS_COMMITTEE'],
  workingCommittee: [(a) => /.团工委$/u.test(a), 'ALIAS_SHAPE_WORKING_COMMITTEE'],
  generalBranch: [(a) => /.团总支$/u.test(a), 'ALIAS_SHAPE_GENERAL_BRANCH'],
  branch: [(a) => /.团支部$/u.test(a), 'ALIAS_SHAPE_BRANCH'],
};

/**
 * §3.2 alias (代称): not empty, no blanks, none of the forbidden characters, at most 16
 * characters counted as code points, and the shape of the org type. Uniqueness among
 * siblings is the server's check (ALIAS_TAKEN).
 */
export function validateAlias(alias: string, orgType: OrgType): Check {
  const text = validateAliasText(alias);
  if (!text.ok) return text;
  const [matches, code] = SHAPES[orgType];
  return matches(alias) ? OK : fail(code);
}

/**
 * The examples the alias form shows before input (§3.2, [002 §三]). The document's own
 * class example 新闻学专业本科2017级三班团支部 is 17 characters, over the limit, so it
 * is not shown.
 */
export const AliasExamples: Record<OrgType, readonly string[]> = {
  leadingOrgan: ['团广州市委', '团天河区委'],
  grassrootsCommittee: ['中山大学团委', '娃哈哈集团团委'],
  workingCommittee: ['广东省直机关团工委', '南沙街道团工委'],
  generalBranch: ['金宁社区团总支', '感染内科团总支'],
  branch: ['新河浦社区团支部', '新闻学专业2017级三班团支部', '初中2015级二班团支部'],
};
