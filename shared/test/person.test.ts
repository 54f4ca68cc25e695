import { COMMON_PASSWORDS, maskMiddle, maskMobile, validateMobile, validatePassword, validatePersonName } from '../src';

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

describe('validatePassword (issue 12: 8–64 printable characters, not a common password)', () => {
  const INVALID = { ok: false, code: 'PASSWORD_INVALID' };
  const COMMON = { ok: false, code: 'PASSWORD_TOO_COMMON' };
  it.each([
    ['demo1234', { ok: true }],
    ['abc1234', INVALID],
    ['a'.repeat(7) + 'b', { ok: true }],
    ['ab'.repeat(32), { ok: true }],
    ['ab'.repeat(32) + 'c', INVALID],
    ['correct horse battery staple', { ok: true }],
    ['Tr0ub4dor&3!', { ok: true }],
    ['密码是团建二〇二四', { ok: true }],
    ['😀😀😀😀😀😀😀😀', { ok: true }],
    ['abc\n12345', INVALID],
    ['abc\t12345', INVALID],
    ['', INVALID],
    ['12345678', COMMON],
    ['password', COMMON],
    ['PassWord', COMMON],
    ['qwerty123', COMMON],
    ['11111111', COMMON],
    ['a1234567', COMMON],
    ['woaini1314', COMMON],
  ])('%j → %j', (p, result) => expect(validatePassword(p)).toEqual(result));

  it('the common list holds only passwords the length rule would otherwise accept', () => {
    for (const p of COMMON_PASSWORDS) expect(p.length >= 8 && p.length <= 64 && p === p.toLowerCase()).toBe(true);
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(150);
  });

  it('leaves the demo and test fixture passwords valid', () => {
    for (const p of ['demo1234', 'abc12345', 'new12345', 'bad12345', 'pass1234', 'other123', 'new99999', 'abc99999']) {
      expect(validatePassword(p)).toEqual({ ok: true });
    }
  });
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
