import { areaList } from '@vant/area-data';

/**
 * §4.1 所属地区: province → city → county from @vant/area-data (the maintained GB/T 2260 data
 * set Vant publishes), the same data the mini-program's region picker offers. The value kept
 * is the county's 6-digit code. In its own module (not a schema) so that a bundle takes the
 * 160 KB of data only where a page imports these functions.
 */

const own = (list: Record<string, string>, key: string): string | undefined => (Object.prototype.hasOwnProperty.call(list, key) ? list[key] : undefined);

/** A county (区县) code the region picker offers: '440106' yes; '440100' (a city), '449999' no. */
export const isCountyCode = (code: string): boolean => /^\d{6}$/.test(code) && own(areaList.county_list, code) !== undefined;

/** '广东省 / 广州市 / 天河区' for a county code; '' for anything else. */
export function regionName(code: string): string {
  if (!/^\d{6}$/.test(code)) return '';
  return [own(areaList.province_list, `${code.slice(0, 2)}0000`), own(areaList.city_list, `${code.slice(0, 4)}00`), own(areaList.county_list, code)].filter(Boolean).join(' / ');
}
