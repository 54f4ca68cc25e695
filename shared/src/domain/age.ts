import type { ErrorCode } from '../errors';
import { XINJIANG_PROVINCE_CODE } from '../enums';
import { ADULT_AGE, MEMBERSHIP_AGE_LIMIT } from '../limits';
import { fail, OK, type Check } from './check';
import { isValidDate, isValidMonth, lastDayOfMonth, monthOf, type IsoDate, type IsoMonth } from './dates';

/**
 * Full years (周岁) on `date`. The age goes up on the birthday itself; someone born on
 * 29 February gets a year older on 1 March in common years.
 */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** §5.3 the date the join-age threshold changed from 12 to 13 [004 FAQ (1)(i)]. */
export const JOIN_AGE_13_FROM: IsoMonth = '2017-01';

/** §5.3 minimum age at joining: 13 from 2017-01 and always in Xinjiang, 12 before. */
export const minJoinAge = (joinedAt: IsoMonth, provinceCode?: string): 12 | 13 => (provinceCode === XINJIANG_PROVINCE_CODE || joinedAt >= JOIN_AGE_13_FROM ? 13 : 12);

/**
 * §5.3 join age. `joinedAt` has month precision, so the person counts as old enough if
 * they reach the age by the last day of the join month *(decision: the doubt favours
 * the member; the real join day may be any day of that month)*. `provinceCode` is the
 * ID number's first two digits (undefined for other documents).
 */
export function checkJoinAge(birthDate: IsoDate, joinedAt: IsoMonth, provinceCode?: string): Check {
  if (!isValidDate(birthDate)) return fail('BIRTH_DATE_INVALID');
  if (!isValidMonth(joinedAt)) return fail('JOINED_AT_INVALID');
  const min = minJoinAge(joinedAt, provinceCode);
  if (ageOn(birthDate, lastDayOfMonth(joinedAt)) >= min) return OK;
  const code: ErrorCode = provinceCode === XINJIANG_PROVINCE_CODE ? 'JOIN_AGE_UNDER_13_XINJIANG' : min === 13 ? 'JOIN_AGE_UNDER_13' : 'JOIN_AGE_UNDER_12';
  return fail(code);
}

/** §4.3 入团年月: a real month, not after the current month. */
export function validateJoinedAt(joinedAt: IsoMonth, today: IsoDate): Check {
  if (!isValidMonth(joinedAt)) return fail('JOINED_AT_INVALID');
  return joinedAt > monthOf(today) ? fail('JOINED_AT_FUTURE') : OK;
}

/**
 * §5.3 membership ends at 28 (on the 28th birthday) unless the person holds a League
 * position [004 FAQ: 年满二十八周岁，没有在团内担任职务，不再保留团籍].
 */
export function checkMembershipAge(birthDate: IsoDate, today: IsoDate, holdsPosition: boolean): Check {
  if (!isValidDate(birthDate)) return fail('BIRTH_DATE_INVALID');
  if (holdsPosition) return OK;
  return ageOn(birthDate, today) >= MEMBERSHIP_AGE_LIMIT ? fail('MEMBERSHIP_AGE_EXCEEDED') : OK;
}

/** §4.3 *(decision)*: a guardian / emergency contact is required under 18. */
export const isMinor = (birthDate: IsoDate, today: IsoDate): boolean => ageOn(birthDate, today) < ADULT_AGE;
