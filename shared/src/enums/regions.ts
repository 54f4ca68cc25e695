/**
 * Province-level units by their GB/T 2260 code (the first two digits of an ID number).
 * Includes 台湾 / 香港 / 澳门 (71 / 81 / 82), which GB/T 2260 lists.
 */
export const Provinces = {
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '14': '山西',
  '15': '内蒙古',
  '21': '辽宁',
  '22': '吉林',
  '23': '黑龙江',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '34': '安徽',
  '35': '福建',
  '36': '江西',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '43': '湖南',
  '44': '广东',
  '45': '广西',
  '46': '海南',
  '50': '重庆',
  '51': '四川',
  '52': '贵州',
  '53': '云南',
  '54': '西藏',
  '61': '陕西',
  '62': '甘肃',
  '63': '青海',
  '64': '宁夏',
  '65': '新疆',
  '71': '台湾',
  '81': '香港',
  '82': '澳门',
} as const;
export type ProvinceCode = keyof typeof Provinces;

/** Our own province: transfers inside it are "in-province" (§7.1). */
export const HOME_PROVINCE_CODE = '44';
/** §5.2 / §5.3: Xinjiang's stricter join-age and development-number rules key on this ID prefix. */
export const XINJIANG_PROVINCE_CODE = '65';

/**
 * §7.1 out-of-province destinations (学习/工作单位地点) [003 §一 4]: every mainland
 * province-level unit except 广东 itself (30; 台湾/香港/澳门 have no League system to
 * transfer to) *(decision)*, keyed by GB/T 2260 code, plus the five system committees,
 * which are chosen by org structure, not by location.
 */
/** Province-level units that are not out-of-province destinations (see above). */
type NotDestination = typeof HOME_PROVINCE_CODE | '71' | '81' | '82';
const NOT_DESTINATIONS: readonly string[] = [HOME_PROVINCE_CODE, '71', '81', '82'];
const provincesElsewhere = Object.fromEntries(Object.entries(Provinces).filter(([code]) => !NOT_DESTINATIONS.includes(code))) as {
  [K in Exclude<ProvinceCode, NotDestination>]: (typeof Provinces)[K];
};

export const OutOfProvinceDestinations = {
  ...provincesElsewhere,
  railway: '全国铁道',
  civilAviation: '全国民航',
  centralOrgans: '中央和国家机关',
  centralFinance: '中央金融',
  centralEnterprises: '中央企业',
} as const;
export type OutOfProvinceDestination = keyof typeof OutOfProvinceDestinations;

export const SystemCommitteeDestinations = ['railway', 'civilAviation', 'centralOrgans', 'centralFinance', 'centralEnterprises'] as const satisfies readonly OutOfProvinceDestination[];

/** The League systems a transfer can land in [003]: 北京 and 福建 run their own; the rest is central. */
export const LeagueSystems = {
  guangdong: '广东“智慧团建”系统',
  beijing: '北京共青团系统',
  fujian: '福建“智慧团建”系统',
  central: '团中央“智慧团建”系统',
} as const;
export type LeagueSystem = keyof typeof LeagueSystems;
