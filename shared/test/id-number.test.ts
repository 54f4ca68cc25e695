import { idCheckChar, maskIdNumber, validateDocumentNumber, validateIdNumber } from '../src';
import { id } from './helpers';

const TODAY = '2024-06-15';

describe('idCheckChar (ISO 7064 MOD 11-2, GB 11643-1999)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['44010620000229001', '6'],
    ['65010220040515123', '3'],
  ])('%s → %s', (first17, check) => expect(idCheckChar(first17)).toBe(check));
});

describe('validateIdNumber', () => {
  it('accepts the standard example with an X check character', () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      provinceCode: '11',
    });
  });

  it('accepts a trailing lowercase x and normalizes it to X', () => {
    const r = validateIdNumber('11010519491231002x', TODAY);
    expect(r).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it('ignores surrounding blanks', () => {
    expect(validateIdNumber(' 11010519491231002X ', TODAY)).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it('derives gender from the 17th digit: odd → male, even → female', () => {
    expect(validateIdNumber(id('44010620000101001'), TODAY)).toMatchObject({ ok: true, gender: 'male' });
    expect(validateIdNumber(id('44010620000101002'), TODAY)).toMatchObject({ ok: true, gender: 'female' });
  });

  it('accepts 29 February of a leap year', () => {
    expect(validateIdNumber('440106200002290016', TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29', provinceCode: '44' });
  });

  it.each([
    ['29 February of a common year', id('44010619990229001')],
    ['29 February of 1900 (not a leap year)', id('44010619000229001')],
    ['month 13', id('44010620001301001')],
    ['month 00', id('44010620000001001')],
    ['day 00', id('44010620000100001')],
    ['31 April', id('44010620000431001')],
    ['a year before 1900', '440524188001010014'],
  ])('rejects an impossible birth date: %s', (_, value) => {
    expect(validateIdNumber(value, TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE_INVALID' });
  });

  it('rejects a birth date after today but accepts today', () => {
    expect(validateIdNumber(id('44010620240616001'), TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE_FUTURE' });
    expect(validateIdNumber(id('44010620240615001'), TODAY)).toMatchObject({ ok: true, birthDate: '2024-06-15' });
  });

  it('defaults today to the current date', () => {
    expect(validateIdNumber(id('44010699990101001'))).toEqual({ ok: false, code: 'ID_NUMBER_BIRTH_DATE_FUTURE' });
    expect(validateIdNumber('11010519491231002X')).toMatchObject({ ok: true });
  });

  it.each([
    ['', 'ID_NUMBER_LENGTH'],
    ['11010519491231002', 'ID_NUMBER_LENGTH'],
    ['11010519491231002X1', 'ID_NUMBER_LENGTH'],
    ['１１0105194912310０2X', 'ID_NUMBER_FORMAT'],
    ['1101051949123100XX', 'ID_NUMBER_FORMAT'],
    ['11010519491231002Y', 'ID_NUMBER_FORMAT'],
    ['A10105194912310021', 'ID_NUMBER_FORMAT'],
    ['110105194912310021', 'ID_NUMBER_CHECKSUM'],
    ['110105194912310020', 'ID_NUMBER_CHECKSUM'],
  ])('%j → %s', (value, code) => {
    expect(validateIdNumber(value, TODAY)).toEqual({ ok: false, code });
  });

  it('rejects a wrong check character even when the rest is valid (X vs digit)', () => {
    const good = id('44010620040515123');
    expect(good.endsWith('X')).toBe(true);
    expect(validateIdNumber(good.slice(0, 17) + '0', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_CHECKSUM' });
    const digit = id('11010519491231001');
    expect(validateIdNumber(digit.slice(0, 17) + 'X', TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_CHECKSUM' });
  });

  it.each(['00', '10', '16', '20', '24', '30', '38', '40', '47', '49', '55', '60', '66', '70', '72', '80', '84', '90', '99'])('rejects the unknown province code %s', (prefix) => {
    expect(validateIdNumber(id(`${prefix}010620000101001`), TODAY)).toEqual({ ok: false, code: 'ID_NUMBER_PROVINCE' });
  });

  it.each(['11', '15', '23', '37', '44', '46', '50', '54', '65', '71', '81', '82', '83'])('accepts the province code %s', (prefix) => {
    expect(validateIdNumber(id(`${prefix}010620000101001`), TODAY)).toMatchObject({ ok: true, provinceCode: prefix });
  });
});

describe('validateDocumentNumber', () => {
  it.each([
    ['residentId', '11010519491231002x', true],
    ['residentId', '110105194912310021', false],
    ['hkMacaoPermit', 'H12345678', true],
    ['hkMacaoPermit', 'm1234567890', true],
    ['hkMacaoPermit', 'H1234567', false],
    ['hkMacaoPermit', 'C12345678', false],
    ['taiwanPermit', '12345678', true],
    ['taiwanPermit', '1234567890', true],
    ['taiwanPermit', '123456789', false],
    ['passport', 'e12345678', true],
    ['passport', 'AB12', false],
    ['passport', 'E 1234567', false],
  ] as const)('%s %s → %s', (type, value, ok) => {
    expect(validateDocumentNumber(type, value, TODAY).ok).toBe(ok);
  });

  it('names the document in the code', () => {
    expect(validateDocumentNumber('hkMacaoPermit', 'x')).toEqual({ ok: false, code: 'HK_MACAO_PERMIT_INVALID' });
    expect(validateDocumentNumber('taiwanPermit', 'x')).toEqual({ ok: false, code: 'TAIWAN_PERMIT_INVALID' });
    expect(validateDocumentNumber('passport', 'x')).toEqual({ ok: false, code: 'PASSPORT_INVALID' });
    expect(validateDocumentNumber('residentId', 'x')).toEqual({ ok: false, code: 'ID_NUMBER_LENGTH' });
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 characters', () => {
    expect(maskIdNumber('440106200002290016')).toBe('440***********0016');
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });
  it('masks a value too short to keep both ends', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
  });
});
