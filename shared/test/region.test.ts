import { isCountyCode, regionName } from '../src';

// Issue 14 item 5: the server checks 所属地区 against the data the picker offers, not by shape.
describe('region codes (@vant/area-data, as the picker)', () => {
  it.each(['440106', '110101', '441900' /* 东莞: no counties, the picker offers its towns */])('%s', (code) => {
    expect(isCountyCode(code)).toBe(code !== '441900');
  });

  it.each(['440100', '440000', '449999', '000000', '44010', '4401066', 'toString', ''])('%j is not a county', (code) => {
    expect(isCountyCode(code)).toBe(false);
  });

  it('names a county with its province and city', () => {
    expect(regionName('440106')).toBe('广东省 / 广州市 / 天河区');
    expect(regionName('449999')).toBe('广东省');
    expect(regionName('44')).toBe('');
  });
});
