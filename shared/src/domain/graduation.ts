import { isSchoolIndustry, type IndustryCategory, type OrgType } from '../enums';
import { fail, OK, type Check } from './check';
import { isValidMonth, type IsoDate, type IsoMonth } from './dates';

/**
 * 标记团支部毕业时间 [004 §二(二)]: who may mark, what a mark is, when it takes effect, and the
 * 延迟毕业 rule [004 §二(二)4]. Pure, so the mini-program hides the entry by the same rule the
 * server enforces.
 */

/**
 * [004 §二(二)2(1)] 校团委、二级团委、年级团总支 of a school (单位所属行业类别 学校领域) mark; 团的领导机关
 * and 团支部 never do, and a non-school org does not even see the button (2(2)).
 */
export const canMarkGraduation = (org: { type: OrgType; industry: IndustryCategory | null }): boolean =>
  org.industry != null && isSchoolIndustry(org.industry) && org.type !== 'leadingOrgan' && org.type !== 'branch';

/**
 * [004 §二(二)1(3)] 无法确定毕业时间的团支部 must give a reason instead of a month. The document names
 * no options *(decision)*: the cases a school meets.
 */
export const GraduationReasons = {
  scheduleUnknown: '学制或毕业时间暂无法确定',
  notGraduatingClass: '非毕业班级（如教职工团支部）',
  mixedGrades: '团支部成员来自不同年级',
  other: '其他',
} as const;
export type GraduationReason = keyof typeof GraduationReasons;

/** At most this many branches in one batch mark (one screen of a grade's classes). */
export const GRADUATION_BATCH_MAX = 50;

export interface GraduationMarkInput {
  month?: IsoMonth | null;
  reason?: GraduationReason | null;
}

/** [004 §二(二)1(3)] a month or a reason — one or the other, never both, never neither. */
export function checkGraduationMark(m: GraduationMarkInput): Check {
  const hasMonth = m.month != null && m.month !== '';
  const hasReason = m.reason != null;
  if (hasMonth === hasReason) return fail('GRADUATION_MONTH_OR_REASON');
  if (hasMonth && !isValidMonth(m.month as string)) return fail('MONTH_INVALID');
  return OK;
}

/**
 * [004 §二(二)2(3)] on 6 月 1 日 the branches whose graduation falls in that year become 毕业生团组织.
 * A branch of an earlier year still unconverted (marked late, or the server was down) goes too.
 */
export const CONVERSION_MONTH_DAY = '06-01';
export const conversionDate = (year: number): IsoDate => `${year}-${CONVERSION_MONTH_DAY}`;
export const convertsInYear = (month: IsoMonth, year: number): boolean => Number(month.slice(0, 4)) <= year;
/** The instant the year's conversion is due: 6 月 1 日 00:00 in China (UTC+8). */
export const conversionInstant = (year: number): Date => new Date(`${conversionDate(year)}T00:00:00+08:00`);
/** The latest conversion year whose 6 月 1 日 has come on `today`. */
export const conversionYearOn = (today: IsoDate): number => (today.slice(5) >= CONVERSION_MONTH_DAY ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1);

/**
 * [004 §二(二)4(3)] a 延迟毕业团员's expected month must be later than the branch's; a branch marked
 * with a reason has no month to be later than.
 */
export function checkDelayMonth(delayMonth: IsoMonth, branchMonth: IsoMonth | null): Check {
  if (!isValidMonth(delayMonth)) return fail('MONTH_INVALID');
  if (branchMonth == null) return fail('GRADUATION_DELAY_NO_BRANCH_MONTH');
  if (delayMonth <= branchMonth) return fail('GRADUATION_DELAY_NOT_LATER');
  return OK;
}

/** [004 §二(二)4(4)] revoking a delay restores the branch's month: the delay wins while it is set. */
export const effectiveGraduationMonth = (branchMonth: IsoMonth | null, delayMonth: IsoMonth | null): IsoMonth | null => delayMonth ?? branchMonth;

/**
 * [004 §二(二)3(1)] where a graduating member's relation goes, by their destination — shown on the
 * graduating branch's page next to who still has to transfer.
 */
export const GraduateTransferChannels = {
  employed: '已落实工作单位（含自主创业）：转至工作单位团组织；单位未建团组织的，转至单位所在地乡镇街道团组织',
  furtherStudy: '升学：转至录取学校新生所属团组织',
  military: '参军入伍：由学校或本人发起转接，省级团委审核后进入特殊单位专属库',
  unemployed: '离校前未落实就业去向：转至居住地、户籍地或生源地乡镇街道“流动团员团支部”，或在原校保留不超过6个月',
  abroadStudy: '出国（境）学习研究：团组织关系保留在原就读学校',
  delayed: '延迟毕业：由学校标记，编入“延迟毕业团组织”',
} as const;
