import { maskMiddle, maskMobile, validateMobile, validatePassword, validatePersonName } from '../src';

describe('validateMobile (§5.1)', () => {
  it.each([
    ['13812345678', true],
    ['19912345678', true],
    ['12812345678', false],
    ['1381234567', false],
    ['138123456789', false],
    ['23812345678', false],
    ['1381234567a', false],
    ['', false],
  ])('%j → %s', (m, ok) => expect(validateMobile(m)).toEqual(ok ? { ok: true } : { ok: false, code: 'MOBILE_INVALID' }));
});

describe('validatePassword (§4.1: 6–16 letters/digits)', () => {
  it.each([
    ['abc123', true],
    ['abcde', false],
    ['a'.repeat(16), true],
    ['a'.repeat(17), false],
    ['ABCdef123456', true],
    ['abc 123', false],
    ['abc_123', false],
    ['密码abcdef', false],
  ])('%j → %s', (p, ok) => expect(validatePassword(p)).toEqual(ok ? { ok: true } : { ok: false, code: 'PASSWORD_INVALID' }));
});

describe('validatePersonName (§5.1: 2–30, Chinese / · / letters)', () => {
  it.each([
    ['张三', true],
    ['欧阳娜娜', true],
    ['阿依古丽·买买提', true],
    ['John', true],
    ['𠀀三', true], // a surname beyond the BMP is one character
    ['李㐀', true], // CJK Extension A
    ['王〇', true],
    ['张ㄅ', false], // bopomofo is not Han
    ['张', false],
    ['𠀀', false],
    ['中'.repeat(30), true],
    ['中'.repeat(31), false],
    ['·张三', false],
    ['张三·', false],
    ['张··三', false],
    ['张 三', false],
    ['张三1', false],
    ['Zhang San', false],
    ['张三😀', false],
    ['', false],
  ])('%j → %s', (n, ok) => expect(validatePersonName(n)).toEqual(ok ? { ok: true } : { ok: false, code: 'NAME_INVALID' }));
});

describe('masks (§9)', () => {
  it('maskMobile keeps 3 + 4', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
  it('maskMiddle takes other widths and counts code points', () => {
    expect(maskMiddle('张三丰', 1, 0)).toBe('张**');
    expect(maskMiddle('𠀀𠀁𠀂', 1, 1)).toBe('𠀀*𠀂');
    expect(maskMiddle('ab', 1, 1)).toBe('**');
  });
});
