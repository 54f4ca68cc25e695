import { XINJIANG_PROVINCE_CODE } from '../enums';
import { DEVELOPMENT_NUMBER_DIGITS } from '../limits';
import { fail, OK, type Check } from './check';
import { isValidMonth, type IsoMonth } from './dates';

/** §5.2 the number is required for joins from 2017-01; in Xinjiang (ID prefix 65) from 2016-01. */
export const isDevelopmentNumberRequired = (joinedAt: IsoMonth, idNumber?: string): boolean =>
  joinedAt >= '2017-01' || (idNumber?.trim().startsWith(XINJIANG_PROVINCE_CODE) === true && joinedAt >= '2016-01');

/**
 * §5.2 发展团员编号 [004 FAQ (1)(ii)]: 12 digits whose first four are the join year. A
 * number given for an earlier join, when it is optional, must still be well-formed.
 * Whether it is taken by someone else (DEVELOPMENT_NUMBER_TAKEN) is the server's check.
 */
export function validateDevelopmentNumber(num: string | undefined, joinedAt: IsoMonth, idNumber?: string): Check {
  if (!isValidMonth(joinedAt)) return fail('JOINED_AT_INVALID');
  const value = num?.trim() ?? '';
  if (value === '') {
    if (!isDevelopmentNumberRequired(joinedAt, idNumber)) return OK;
    return fail(joinedAt >= '2017-01' ? 'DEVELOPMENT_NUMBER_REQUIRED' : 'DEVELOPMENT_NUMBER_REQUIRED_XINJIANG');
  }
  const form = checkDevelopmentNumberForm(value);
  if (!form.ok) return form;
  if (value.slice(0, 4) !== joinedAt.slice(0, 4)) return fail('DEVELOPMENT_NUMBER_YEAR_MISMATCH');
  return OK;
}

/** §5.2 the form alone (digits, then length), for when the join month is not known yet. */
export function checkDevelopmentNumberForm(num: string): Check {
  const value = num.trim();
  if (!/^\d+$/.test(value)) return fail('DEVELOPMENT_NUMBER_NOT_DIGITS');
  if (value.length !== DEVELOPMENT_NUMBER_DIGITS) return fail('DEVELOPMENT_NUMBER_LENGTH');
  return OK;
}

/**
 * 004 FAQ "发展团员编号被占用…可根据提示，请求上级组织协助，联系找到对方，协商解决": the refusal names
 * the branch where the number is used — never the other person.
 */
export const devNumberTakenMessage = (branchName: string): string => `该编号已被 ${branchName} 的团员使用，请联系所在团组织或其上级组织协助核实处理`;
