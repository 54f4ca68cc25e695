import { checkDevelopmentNumberForm, devNumberTakenMessage, isDevelopmentNumberRequired, validateDevelopmentNumber } from '../src';
import { id } from './helpers';

const GD = id('44010620000101001');
const XJ = id('65010220000101001');

describe('isDevelopmentNumberRequired (§5.2)', () => {
  it.each([
    ['2016-12', GD, false],
    ['2017-01', GD, true],
    ['2015-12', XJ, false],
    ['2016-01', XJ, true],
    ['2016-12', XJ, true],
    ['2016-12', undefined, false],
    ['2017-01', undefined, true],
  ])('joined %s, ID %s → %s', (joined, idNumber, required) => {
    expect(isDevelopmentNumberRequired(joined, idNumber)).toBe(required);
  });
});

describe('validateDevelopmentNumber (§5.2)', () => {
  it.each([
    ['missing, joined 2016-12 → optional', undefined, '2016-12', GD, null],
    ['missing, joined 2017-01 → required', undefined, '2017-01', GD, 'DEVELOPMENT_NUMBER_REQUIRED'],
    ['empty string, joined 2017-01 → required', '', '2017-01', GD, 'DEVELOPMENT_NUMBER_REQUIRED'],
    ['blanks, joined 2017-01 → required', '   ', '2017-01', GD, 'DEVELOPMENT_NUMBER_REQUIRED'],
    ['Xinjiang (65), missing, joined 2016-01 → required', undefined, '2016-01', XJ, 'DEVELOPMENT_NUMBER_REQUIRED_XINJIANG'],
    ['Xinjiang (65), missing, joined 2015-12 → optional', undefined, '2015-12', XJ, null],
    ['Xinjiang (65), missing, joined 2017-03 → the national message', undefined, '2017-03', XJ, 'DEVELOPMENT_NUMBER_REQUIRED'],
    ['no ID number, joined 2016-06 → optional', '', '2016-06', undefined, null],
    ['valid, joined 2017-01', '201700000001', '2017-01', GD, null],
    ['valid with blanks around', ' 201700000001 ', '2017-01', GD, null],
    ['valid Xinjiang 2016', '201612345678', '2016-05', XJ, null],
    ['year prefix ≠ join year', '201600000001', '2017-01', GD, 'DEVELOPMENT_NUMBER_YEAR_MISMATCH'],
    ['11 digits', '20170000001', '2017-01', GD, 'DEVELOPMENT_NUMBER_LENGTH'],
    ['13 digits', '2017000000001', '2017-01', GD, 'DEVELOPMENT_NUMBER_LENGTH'],
    ['letters', '2017ABCD0001', '2017-01', GD, 'DEVELOPMENT_NUMBER_NOT_DIGITS'],
    ['a hyphen', '2017-0000001', '2017-01', GD, 'DEVELOPMENT_NUMBER_NOT_DIGITS'],
    ['full-width digits', '２０１７00000001', '2017-01', GD, 'DEVELOPMENT_NUMBER_NOT_DIGITS'],
    ['given although optional: still well-formed', '2015000001', '2015-03', GD, 'DEVELOPMENT_NUMBER_LENGTH'],
    ['given although optional: year still checked', '201400000001', '2015-03', GD, 'DEVELOPMENT_NUMBER_YEAR_MISMATCH'],
    ['bad join month', '201700000001', '2017-1', GD, 'JOINED_AT_INVALID'],
  ])('%s', (_, num, joined, idNumber, code) => {
    expect(validateDevelopmentNumber(num, joined, idNumber)).toEqual(code ? { ok: false, code } : { ok: true });
  });

  it('checkDevelopmentNumberForm judges the form alone', () => {
    expect(checkDevelopmentNumberForm('201700000001')).toEqual({ ok: true });
    expect(checkDevelopmentNumberForm('2017')).toEqual({ ok: false, code: 'DEVELOPMENT_NUMBER_LENGTH' });
    expect(checkDevelopmentNumberForm('x')).toEqual({ ok: false, code: 'DEVELOPMENT_NUMBER_NOT_DIGITS' });
  });
});

// 004 FAQ "发展团员编号被占用（即填入编号已被其他人提前使用…）…请求上级组织协助，联系找到对方": the message names where
describe('devNumberTakenMessage', () => {
  it('names the branch using the number, nothing of the person', () => {
    expect(devNumberTakenMessage('计算机专业2024级1班团支部')).toBe('该编号已被 计算机专业2024级1班团支部 的团员使用，请联系所在团组织或其上级组织协助核实处理');
  });
});
