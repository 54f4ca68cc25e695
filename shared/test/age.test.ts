import {
  ageOn,
  checkJoinAge,
  checkMembershipAge,
  daysInMonth,
  isLeapYear,
  isMinor,
  isValidDate,
  isValidMonth,
  lastDayOfMonth,
  minJoinAge,
  monthOf,
  resolveToday,
  todayInChina,
  validateJoinedAt,
} from '../src';

describe('dates', () => {
  it.each([
    [2000, true],
    [1900, false],
    [2016, true],
    [2017, false],
    [2100, false],
    [2400, true],
  ])('isLeapYear(%i) = %s', (y, leap) => expect(isLeapYear(y)).toBe(leap));

  it('daysInMonth', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-02-28', true],
    ['2023-04-31', false],
    ['2023-12-31', true],
    ['2023-13-01', false],
    ['2023-00-10', false],
    ['2023-01-00', false],
    ['0999-01-01', false],
    ['2023-1-01', false],
    ['2023/01/01', false],
    ['', false],
  ])('isValidDate(%j) = %s', (s, ok) => expect(isValidDate(s)).toBe(ok));

  it.each([
    ['2017-01', true],
    ['2016-12', true],
    ['2017-13', false],
    ['2017-00', false],
    ['2017-1', false],
    ['0999-01', false],
    ['2017-01-01', false],
  ])('isValidMonth(%j) = %s', (s, ok) => expect(isValidMonth(s)).toBe(ok));

  it('monthOf / lastDayOfMonth', () => {
    expect(monthOf('2024-06-15')).toBe('2024-06');
    expect(lastDayOfMonth('2016-02')).toBe('2016-02-29');
    expect(lastDayOfMonth('2017-02')).toBe('2017-02-28');
    expect(lastDayOfMonth('2017-04')).toBe('2017-04-30');
    expect(lastDayOfMonth('2017-12')).toBe('2017-12-31');
  });

  it('todayInChina uses UTC+8 whatever the host zone', () => {
    expect(todayInChina(new Date('2024-06-14T15:59:59Z'))).toBe('2024-06-14');
    expect(todayInChina(new Date('2024-06-14T16:00:00Z'))).toBe('2024-06-15');
    expect(todayInChina()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('resolveToday takes a date, a clock or nothing', () => {
    expect(resolveToday('2020-01-01')).toBe('2020-01-01');
    expect(resolveToday(() => '2021-01-01')).toBe('2021-01-01');
    expect(resolveToday(undefined)).toBe(todayInChina());
  });
});

describe('ageOn', () => {
  it.each([
    ['2000-06-15', '2024-06-14', 23],
    ['2000-06-15', '2024-06-15', 24],
    ['2000-06-15', '2024-06-16', 24],
    ['2000-01-01', '2000-01-01', 0],
    ['2000-12-31', '2001-12-30', 0],
    // 29 February: a year older on 1 March in common years, on 29 February in leap years
    ['2000-02-29', '2001-02-28', 0],
    ['2000-02-29', '2001-03-01', 1],
    ['2000-02-29', '2004-02-28', 3],
    ['2000-02-29', '2004-02-29', 4],
    ['2024-06-15', '2024-06-14', -1],
  ])('born %s, on %s → %i', (birth, date, age) => expect(ageOn(birth, date)).toBe(age));
});

describe('checkJoinAge (§5.3)', () => {
  it('the threshold is 12 before 2017-01 and 13 from 2017-01', () => {
    expect(minJoinAge('2016-12')).toBe(12);
    expect(minJoinAge('2017-01')).toBe(13);
    expect(minJoinAge('2016-12', '65')).toBe(13);
    expect(minJoinAge('2010-01', '65')).toBe(13);
    expect(minJoinAge('2016-12', '44')).toBe(12);
  });

  it.each([
    // born 2004-05-15: 12 until 2017-05-14, 13 from 2017-05-15
    ['13 reached within the join month (2017-05) → ok', '2004-05-15', '2017-05', '44', null],
    ['still 12 in 2017-04, joined after the change → under 13', '2004-05-15', '2017-04', '44', 'JOIN_AGE_UNDER_13'],
    ['12 years old, joined 2016-12 (old rule) → ok', '2004-05-15', '2016-12', '44', null],
    ['12 years old in 2017-01 → under 13', '2004-05-15', '2017-01', '44', 'JOIN_AGE_UNDER_13'],
    ['11 years old in 2016-04 → under 12', '2004-05-15', '2016-04', '44', 'JOIN_AGE_UNDER_12'],
    ['12 reached within the join month (2016-05) → ok', '2004-05-15', '2016-05', '44', null],
    ['Xinjiang: 12 years old in 2016-12 → under 13', '2004-05-15', '2016-12', '65', 'JOIN_AGE_UNDER_13_XINJIANG'],
    ['Xinjiang: 13 in 2017-05 → ok', '2004-05-15', '2017-05', '65', null],
    ['Xinjiang: 12 in 2017-04 → under 13 (Xinjiang message)', '2004-05-15', '2017-04', '65', 'JOIN_AGE_UNDER_13_XINJIANG'],
    ['other documents have no province', '2004-05-15', '2016-12', undefined, null],
    ['born 29 Feb 2004: 13 on 2017-03-01 → ok in 2017-03', '2004-02-29', '2017-03', '44', null],
    ['born 29 Feb 2004: not yet 13 by 2017-02-28', '2004-02-29', '2017-02', '44', 'JOIN_AGE_UNDER_13'],
    ['born 29 Feb 2004: 12 by 2016-02-29 (leap) → ok under the old rule', '2004-02-29', '2016-02', '44', null],
    ['joined before birth', '2004-05-15', '2003-01', '44', 'JOIN_AGE_UNDER_12'],
    ['bad birth date', '2004-02-30', '2017-05', '44', 'BIRTH_DATE_INVALID'],
    ['bad join month', '2004-05-15', '2017-5', '44', 'JOINED_AT_INVALID'],
  ])('%s', (_, birth, joined, province, code) => {
    expect(checkJoinAge(birth, joined, province)).toEqual(code ? { ok: false, code } : { ok: true });
  });
});

describe('validateJoinedAt', () => {
  it.each([
    ['2024-06', null],
    ['2024-05', null],
    ['2024-07', 'JOINED_AT_FUTURE'],
    ['2024-6', 'JOINED_AT_INVALID'],
  ])('%s', (m, code) => expect(validateJoinedAt(m, '2024-06-15')).toEqual(code ? { ok: false, code } : { ok: true }));
});

describe('checkMembershipAge (§5.3)', () => {
  const birth = '1996-06-15';
  it.each([
    ['the day before the 28th birthday', '2024-06-14', false, null],
    ['the 28th birthday today, no position', '2024-06-15', false, 'MEMBERSHIP_AGE_EXCEEDED'],
    ['the 28th birthday today, holds a position', '2024-06-15', true, null],
    ['30 years old, holds a position', '2026-07-01', true, null],
    ['30 years old, no position', '2026-07-01', false, 'MEMBERSHIP_AGE_EXCEEDED'],
  ])('%s', (_, today, holds, code) => {
    expect(checkMembershipAge(birth, today, holds)).toEqual(code ? { ok: false, code } : { ok: true });
  });

  it('born 29 February: the 28th birthday is 1 March in a common year', () => {
    expect(checkMembershipAge('1996-02-29', '2024-02-28', false)).toEqual({ ok: true });
    expect(checkMembershipAge('1995-02-28', '2023-02-28', false)).toEqual({ ok: false, code: 'MEMBERSHIP_AGE_EXCEEDED' });
    expect(checkMembershipAge('1996-02-29', '2024-02-29', false)).toEqual({ ok: false, code: 'MEMBERSHIP_AGE_EXCEEDED' });
    expect(checkMembershipAge('1992-02-29', '2020-02-28', false)).toEqual({ ok: true });
    expect(checkMembershipAge('1991-02-28', '2019-02-28', false)).toEqual({ ok: false, code: 'MEMBERSHIP_AGE_EXCEEDED' });
  });

  it('rejects a bad birth date', () => {
    expect(checkMembershipAge('1996-02-30', '2024-06-15', true)).toEqual({ ok: false, code: 'BIRTH_DATE_INVALID' });
  });
});

describe('isMinor', () => {
  it.each([
    ['2006-06-15', '2024-06-14', true],
    ['2006-06-15', '2024-06-15', false],
  ])('born %s on %s → %s', (b, t, minor) => expect(isMinor(b, t)).toBe(minor));
});
