/**
 * The benchmark province: the demo seed's real 21 cities and 56 universities (plus the
 * other direct units of seed 002 §一), then real district names, and generated towns,
 * middle and vocational schools with grades and classes, companies and organ branches.
 * Member budgets are split top-down so the branches hold the requested total (≈17 each on
 * average); everything comes from one seeded PRNG, so a size always yields the same tree.
 */
import type { OrgType } from '@tj/shared';
import { CITIES, OTHER_COMMITTEES, PROVINCE, UNIVERSITIES, WORKING_COMMITTEES } from '../src/db/seed/guangdong';

export type Rng = () => number;

/** mulberry32: small, fast, deterministic. */
export function rngOf(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, list: ArrayLike<T>): T => list[Math.floor(rng() * list.length)];
/** Picks by weight from [value, weight] pairs. */
export function weighted<T>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let r = rng() * total;
  for (const [v, w] of table) if ((r -= w) < 0) return v;
  return table[table.length - 1][0];
}

/** What kind of members a branch has (ages, education, income follow from it). */
export type BranchKind = 'village' | 'community' | 'highSchool' | 'vocational' | 'university' | 'juniorCollege' | 'company' | 'organ';

export interface OrgNode {
  id: number;
  parentId: number | null;
  path: string;
  depth: number;
  type: OrgType;
  shortName: string;
  industry: string;
  regionCode: string;
  cityName: string;
  sortOrder: number;
  /** Branches only: members to generate and their kind; `grade` is a school year where it applies. */
  members?: number;
  kind?: BranchKind;
  entryYear?: number;
  schoolName?: string;
}

// Real district / county names (2020s), in the order of CITIES.
const DISTRICTS: Record<string, string[]> = {
  广州: ['越秀', '海珠', '荔湾', '天河', '白云', '黄埔', '番禺', '花都', '南沙', '从化', '增城'],
  深圳: ['福田', '罗湖', '南山', '盐田', '宝安', '龙岗', '龙华', '坪山', '光明'],
  珠海: ['香洲', '斗门', '金湾'],
  汕头: ['龙湖', '金平', '濠江', '潮阳', '潮南', '澄海', '南澳'],
  佛山: ['禅城', '南海', '顺德', '三水', '高明'],
  韶关: ['武江', '浈江', '曲江', '乐昌', '南雄', '仁化', '始兴', '翁源', '新丰', '乳源'],
  河源: ['源城', '东源', '和平', '龙川', '紫金', '连平'],
  梅州: ['梅江', '梅县', '兴宁', '平远', '蕉岭', '大埔', '丰顺', '五华'],
  惠州: ['惠城', '惠阳', '博罗', '惠东', '龙门'],
  汕尾: ['城区', '海丰', '陆河', '陆丰'],
  东莞: ['莞城', '南城', '东城', '万江', '松山湖'],
  中山: ['石岐', '东区', '西区', '南区', '火炬'],
  江门: ['蓬江', '江海', '新会', '台山', '开平', '鹤山', '恩平'],
  阳江: ['江城', '阳东', '阳西', '阳春'],
  湛江: ['赤坎', '霞山', '坡头', '麻章', '遂溪', '徐闻', '廉江', '雷州', '吴川'],
  茂名: ['茂南', '电白', '高州', '化州', '信宜'],
  肇庆: ['端州', '鼎湖', '高要', '四会', '广宁', '怀集', '封开', '德庆'],
  清远: ['清城', '清新', '英德', '连州', '佛冈', '阳山', '连山', '连南'],
  潮州: ['湘桥', '潮安', '饶平'],
  揭阳: ['榕城', '揭东', '揭西', '惠来', '普宁'],
  云浮: ['云城', '云安', '罗定', '新兴', '郁南'],
};
// Share of the province's young people, roughly by resident population.
const CITY_WEIGHT: Record<string, number> = {
  广州: 14,
  深圳: 14,
  东莞: 8,
  佛山: 7.5,
  惠州: 4.5,
  湛江: 5.5,
  茂名: 5,
  揭阳: 4.5,
  汕头: 4.5,
  江门: 3.8,
  肇庆: 3.3,
  梅州: 3,
  清远: 3,
  中山: 3.5,
  河源: 2.3,
  韶关: 2.3,
  阳江: 2,
  汕尾: 2,
  潮州: 2,
  云浮: 1.8,
  珠海: 2.0,
};

/**
 * Every district of the province with its share of young people (its city's weight split
 * evenly) — where university students come from (their ID numbers' region).
 */
export const DISTRICT_ORIGINS: { code: string; city: string; weight: number }[] = CITIES.flatMap(([city, code]) =>
  DISTRICTS[city].map((_, di) => ({ code: `${code.slice(0, 4)}${String(di + 2).padStart(2, '0')}`, city, weight: CITY_WEIGHT[city] / DISTRICTS[city].length })),
);

const PLACE_CHARS = '东西南北新石龙凤金沙塘江河山田湖岭坑围坪岗埔洲平安福和兴太大长古横黄白青高上下桥头水松柏梅竹';
const COLLEGES = [
  '计算机学院',
  '外国语学院',
  '经济学院',
  '管理学院',
  '法学院',
  '数学学院',
  '物理学院',
  '化学学院',
  '生命科学学院',
  '医学院',
  '土木工程学院',
  '机械工程学院',
  '电子信息学院',
  '材料学院',
  '环境学院',
  '新闻传播学院',
  '艺术学院',
  '体育学院',
  '马克思主义学院',
  '教育学院',
  '历史学院',
  '中文系',
  '建筑学院',
  '自动化学院',
  '软件学院',
  '药学院',
  '公共卫生学院',
  '护理学院',
];
const DEPARTMENTS = ['生产部', '研发部', '销售部', '质量部', '物流部', '行政部', '财务部', '一车间', '二车间', '三车间', '客服中心', '工程部'];
const COMPANY_WORDS = ['华', '粤', '南', '新', '联', '达', '泰', '恒', '信', '瑞', '美', '创', '科', '通', '宏', '盛', '嘉', '源', '海', '天'];
const COMPANY_TRADES = ['电子', '科技', '制造', '物流', '食品', '服装', '家具', '建材', '医药', '汽车配件', '五金', '塑胶', '陶瓷', '照明'];
const ORGANS = ['教育局', '卫生健康局', '公安分局', '人民法院', '人民检察院', '财政局', '税务局', '交通运输局', '自然资源局', '文化广电旅游体育局', '市场监督管理局', '人力资源和社会保障局'];
const CN_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Splits an integer budget over n parts with random weights (0.5–1.5), summing exactly. */
function split(rng: Rng, budget: number, n: number, weights?: number[]): number[] {
  const w = weights ?? Array.from({ length: n }, () => 0.5 + rng());
  const total = w.reduce((s, x) => s + x, 0);
  const parts = w.map((x) => Math.floor((budget * x) / total));
  let rest = budget - parts.reduce((s, x) => s + x, 0);
  for (let i = 0; rest > 0; i = (i + 1) % n, rest--) parts[i]++;
  return parts;
}

export interface Province {
  orgs: OrgNode[];
  branches: number;
}

/** Builds the tree for `members` members; ids are 1… in creation (depth-first) order. */
export function buildProvince(members: number, seed: number, today: string): Province {
  const rng = rngOf(seed);
  const year = Number(today.slice(0, 4));
  const orgs: OrgNode[] = [];
  const names = new Map<number, Set<string>>();
  const add = (parent: OrgNode | null, type: OrgType, shortName: string, industry: string, extra: Partial<OrgNode> = {}): OrgNode => {
    const siblings = names.get(parent?.id ?? 0) ?? new Set<string>();
    names.set(parent?.id ?? 0, siblings);
    let name = shortName;
    for (let k = 2; siblings.has(name); k++) name = shortName.replace(/(团支部|团总支|团委|团工委|区委)$/, `${k}$1`);
    siblings.add(name);
    const id = orgs.length + 1;
    const node: OrgNode = {
      id,
      parentId: parent?.id ?? null,
      path: parent ? `${parent.path}${id}/` : `/${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      type,
      shortName: name,
      industry,
      regionCode: extra.regionCode ?? parent?.regionCode ?? PROVINCE.regionCode,
      cityName: extra.cityName ?? parent?.cityName ?? '广州',
      sortOrder: siblings.size,
      ...extra,
    };
    orgs.push(node);
    return node;
  };
  const branch = (parent: OrgNode, name: string, industry: string, n: number, kind: BranchKind, extra: Partial<OrgNode> = {}) =>
    add(parent, 'branch', name, industry, { members: n, kind, ...extra });
  const place = () => pick(rng, PLACE_CHARS) + pick(rng, PLACE_CHARS);

  const root = add(null, 'leadingOrgan', PROVINCE.shortName, 'partyGovernment', { regionCode: PROVINCE.regionCode });
  const [cityBudget, univBudget, otherBudget] = split(rng, members, 3, [0.73, 0.22, 0.05]);

  // Cities → districts → towns, schools, companies, organs.
  const cityBudgets = split(
    rng,
    cityBudget,
    CITIES.length,
    CITIES.map(([c]) => CITY_WEIGHT[c]),
  );
  CITIES.forEach(([city, code], ci) => {
    const cityNode = add(root, 'leadingOrgan', `团${city}市委`, 'partyGovernment', { regionCode: code, cityName: city });
    const districts = DISTRICTS[city];
    split(rng, cityBudgets[ci], districts.length).forEach((db, di) => {
      const regionCode = `${code.slice(0, 4)}${String(di + 2).padStart(2, '0')}`;
      const county = add(cityNode, 'leadingOrgan', `团${city}市${districts[di]}区委`, 'partyGovernment', { regionCode });
      const [townB, highB, vocB, coB, organB] = split(rng, db, 5, [0.45, 0.2, 0.1, 0.2, 0.05]);
      // towns / streets → village and community branches (~14)
      const towns = Math.max(1, Math.round(townB / 350));
      split(rng, townB, towns).forEach((tb) => {
        const street = rng() < 0.4;
        const town = add(county, 'grassrootsCommittee', `${place()}${street ? '街道' : '镇'}团委`, 'townshipSubdistrict');
        const n = Math.max(1, Math.round(tb / 14));
        split(rng, tb, n).forEach((b) => (street ? branch(town, `${place()}社区团支部`, 'urbanCommunity', b, 'community') : branch(town, `${place()}村团支部`, 'rural', b, 'village')));
      });
      // middle and vocational schools → grades → classes (~22)
      const schools = (budget: number, per: number, vocational: boolean) => {
        const count = Math.max(1, Math.round(budget / per));
        split(rng, budget, count).forEach((sb, si) => {
          const schoolName = vocational ? `${districts[di]}${place()}职业技术学校` : `${districts[di]}区第${si + 1}中学`;
          const school = add(county, 'grassrootsCommittee', `${schoolName}团委`, vocational ? 'vocationalSchool' : 'highSchool');
          split(rng, sb, 3).forEach((gb, g) => {
            const label = vocational ? `${year - g}级` : `高${CN_DIGITS[g]}年级`;
            const grade = add(school, 'generalBranch', `${label}团总支`, school.industry);
            const classes = Math.max(1, Math.round(gb / 22));
            split(rng, gb, classes).forEach((cb, k) =>
              branch(grade, vocational ? `${year - g}级${k + 1}班团支部` : `高${CN_DIGITS[g]}(${k + 1})班团支部`, school.industry, cb, vocational ? 'vocational' : 'highSchool', {
                entryYear: year - g,
                schoolName,
              }),
            );
          });
        });
      };
      schools(highB, 450, false);
      schools(vocB, 400, true);
      // companies → department branches (~12)
      const companies = Math.max(1, Math.round(coB / 100));
      split(rng, coB, companies).forEach((cb) => {
        const stateOwned = rng() < 0.15;
        const companyName = `${pick(rng, COMPANY_WORDS)}${pick(rng, COMPANY_WORDS)}${pick(rng, COMPANY_TRADES)}有限公司`;
        const co = add(county, 'grassrootsCommittee', `${city}${companyName}团委`, stateOwned ? 'stateEnterprise' : 'nonPublicEnterprise');
        const n = Math.max(1, Math.round(cb / 12));
        split(rng, cb, n).forEach((b, k) =>
          branch(co, `${DEPARTMENTS[k % DEPARTMENTS.length]}${k >= DEPARTMENTS.length ? k : ''}团支部`, co.industry, b, 'company', { schoolName: companyName }),
        );
      });
      // district organs → branches (~10)
      const organ = add(county, 'workingCommittee', `${districts[di]}区直属机关团工委`, 'partyGovernment');
      const n = Math.max(1, Math.round(organB / 10));
      split(rng, organB, n).forEach((b, k) => branch(organ, `区${ORGANS[k % ORGANS.length]}${k >= ORGANS.length ? k : ''}团支部`, 'partyGovernment', b, 'organ'));
    });
  });

  // The 56 universities → colleges → grade general branches → classes (~28).
  const univWeights = UNIVERSITIES.map((_, i) => (i < 10 ? 3 : 1));
  split(rng, univBudget, UNIVERSITIES.length, univWeights).forEach((ub, ui) => {
    const u = UNIVERSITIES[ui];
    const college = u.includes('职业') ? 'juniorCollege' : 'university';
    const univ = add(root, 'grassrootsCommittee', `${u}团委`, 'university', { regionCode: '440100', cityName: '广州' });
    const colleges = Math.min(COLLEGES.length, Math.max(3, Math.round(ub / 2000)));
    split(rng, ub, colleges).forEach((cb, k) => {
      const c = add(univ, 'grassrootsCommittee', `${u}${COLLEGES[k]}团委`, 'university');
      const years = college === 'juniorCollege' ? 3 : 4;
      split(rng, cb, years).forEach((gb, g) => {
        const entryYear = year - g;
        const grade = add(c, 'generalBranch', `${COLLEGES[k]}${entryYear}级团总支`, 'university');
        const classes = Math.max(1, Math.round(gb / 28));
        split(rng, gb, classes).forEach((b, j) =>
          branch(grade, `${COLLEGES[k].replace(/学院|系$/, '')}专业${entryYear}级${j + 1}班团支部`, 'university', b, college, { entryYear, schoolName: u }),
        );
      });
    });
  });

  // The other direct units (province organs, state companies, two high schools, working committees).
  const others = [
    ...OTHER_COMMITTEES.map((o) => ({ name: o.shortName, industry: o.industry, type: 'grassrootsCommittee' as const })),
    ...WORKING_COMMITTEES.map((w) => ({ name: w, industry: 'partyGovernment', type: 'workingCommittee' as const })),
  ];
  split(rng, otherBudget, others.length).forEach((ob, oi) => {
    const o = others[oi];
    const unit = add(root, o.type, o.name, o.industry, { regionCode: '440100', cityName: '广州' });
    const kind: BranchKind = o.industry === 'highSchool' ? 'highSchool' : o.industry === 'stateEnterprise' ? 'company' : 'organ';
    const n = Math.max(1, Math.round(ob / 12));
    split(rng, ob, n).forEach((b, k) =>
      branch(unit, kind === 'highSchool' ? `高${CN_DIGITS[k % 3]}(${Math.floor(k / 3) + 1})班团支部` : `第${k + 1}团支部`, o.industry, b, kind, {
        entryYear: year - (k % 3),
        schoolName: o.name.replace(/团委|团工委$/, ''),
      }),
    );
  });

  return { orgs, branches: orgs.filter((o) => o.type === 'branch').length };
}
