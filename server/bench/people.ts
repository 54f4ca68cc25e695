/**
 * Members of the benchmark province: valid ID numbers (GB 11643 checksum through shared's
 * idCheckChar, ages 14–28 by branch kind), development numbers for joins from 2017, and the
 * certification form (§4.3) in the shape saveStep stores it, with distributions of 民族,
 * education, income and check-in / real-name states taken from Guangdong's make-up.
 */
import { idCheckChar, type CheckinStatus, type RealNameStatus } from '@tj/shared';
import { DISTRICT_ORIGINS, pick, weighted, type BranchKind, type OrgNode, type Rng } from './province';

const SURNAMES = [
  ['陈', 12],
  ['李', 8],
  ['黄', 8],
  ['张', 6],
  ['梁', 5],
  ['林', 5],
  ['刘', 5],
  ['吴', 4],
  ['罗', 3.5],
  ['杨', 3],
  ['郑', 2.5],
  ['何', 2.5],
  ['周', 2],
  ['谢', 2],
  ['王', 2],
  ['钟', 2],
  ['曾', 2],
  ['邓', 1.8],
  ['叶', 1.8],
  ['蔡', 1.6],
  ['许', 1.5],
  ['冯', 1.4],
  ['苏', 1.3],
  ['卢', 1.3],
  ['朱', 1.2],
  ['赖', 1.2],
  ['彭', 1.1],
  ['潘', 1],
  ['余', 1],
  ['莫', 0.9],
  ['欧阳', 0.3],
  ['司徒', 0.1],
] as const;
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲红梅琳欣怡子涵梓轩浩宇嘉俊晓雯思颖佳琪志文锦荣家豪伟杰晓彤诗婷泽楠晨曦一鸣';

export const ETHNICITY = [
  ['01', 978],
  ['08', 8],
  ['13', 3],
  ['15', 3],
  ['06', 2.5],
  ['12', 1],
  ['22', 1],
  ['03', 1],
  ['11', 0.8],
  ['09', 0.5],
  ['02', 0.4],
  ['07', 0.4],
  ['19', 0.4],
  ['04', 0.1],
  ['05', 0.1],
  ['10', 0.1],
  ['97', 0.1],
  ['98', 0.05],
] as const;
const WORKER_EDU = [
  ['bachelor', 30],
  ['juniorCollege', 25],
  ['seniorHigh', 14],
  ['vocational', 15],
  ['juniorHigh', 8],
  ['master', 5],
  ['bachelorStudying', 2],
  ['doctor', 0.3],
] as const;
const UNIV_EDU = [
  ['bachelorStudying', 80],
  ['masterStudying', 16],
  ['doctorStudying', 4],
] as const;
const WORKER_INCOME = [
  ['upTo2000', 8],
  ['from2001To5000', 42],
  ['from5001To8000', 30],
  ['from8001To10000', 12],
  ['over10000', 8],
] as const;
const VILLAGE_INCOME = [
  ['ruralNoFixedIncome', 25],
  ['upTo2000', 15],
  ['from2001To5000', 40],
  ['from5001To8000', 15],
  ['from8001To10000', 3],
  ['over10000', 2],
] as const;
const OTHER_PROVINCES = [
  ['43', 3],
  ['45', 3],
  ['36', 2],
  ['51', 1.5],
  ['42', 1.5],
  ['41', 1],
  ['35', 0.5],
  ['52', 0.5],
] as const;
const ORIGINS = DISTRICT_ORIGINS.map((d) => [d, d.weight] as const);
const RETURN_REASONS = ['入团年月与档案不符，请核对后重新提交', '姓名与身份证不一致', '发展团员编号有误', '所在团支部选择错误，请撤回后重新选择'];

/**
 * §4.2 states of a member's check-in: most approved; some waiting, returned, withdrawn,
 * editing after approval, and drafts stopped at some step.
 */
const STATES = [
  ['approved', 820],
  ['editSubmitted', 15],
  ['editReturned', 5],
  ['submitted', 60],
  ['returned', 20],
  ['withdrawn', 15],
  ['draft', 65],
] as const;

export interface Person {
  idNumber: string;
  name: string;
  phone: string;
  gender: 'male' | 'female';
  birthDate: string;
  status: CheckinStatus | null;
  savedSteps: number;
  draft: Record<string, unknown>;
  approvedData: Record<string, unknown> | null;
  developmentNumber: string | null;
  realNameStatus: RealNameStatus | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  returnReason: string | null;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const iso = (d: Date) => d.toISOString().slice(0, 10);
const PHONE_PREFIXES = ['138', '139', '135', '136', '137', '150', '151', '152', '158', '159', '186', '187', '188', '133', '177', '199', '180', '189'];

/** The i-th phone number of the dataset: unique for i < 18·10⁸. */
export const phoneOf = (i: number) => `${PHONE_PREFIXES[i % PHONE_PREFIXES.length]}${pad(Math.floor(i / PHONE_PREFIXES.length), 8)}`;

export function personName(rng: Rng): string {
  const s = weighted(rng, SURNAMES);
  const g = pick(rng, GIVEN) + (rng() < 0.8 ? pick(rng, GIVEN) : '');
  return s + g;
}

/**
 * The people generator of one partition of the province (generate.ts): keeps the counters
 * that make ID numbers and development numbers unique. Partition `part` of `parts` draws
 * from its own slice of both number spaces, so partitions are generated independently (in
 * parallel, in any order) and still never collide.
 */
export class People {
  // ID sequence codes per (region, birth date): 3 digits, parity = gender → 500 per gender, sliced per partition
  private readonly idSeq = new Map<string, number>();
  private readonly devSeq = new Map<number, number>();
  private readonly todayMs: number;
  private readonly year: number;
  private readonly seqWidth: number;
  private readonly devWidth: number;

  constructor(
    private readonly rng: Rng,
    private readonly today: string,
    private readonly part = 0,
    parts = 1,
  ) {
    this.todayMs = Date.parse(`${today}T00:00:00Z`);
    this.year = Number(today.slice(0, 4));
    this.seqWidth = Math.floor(500 / parts);
    this.devWidth = Math.floor(1_000_000 / parts);
  }

  /** Age range (inclusive, in whole years on `today`) of a branch kind's members. */
  private ageOf(kind: BranchKind, entryYear: number | undefined): number {
    const r = this.rng;
    const since = entryYear == null ? 0 : this.year - entryYear;
    switch (kind) {
      case 'highSchool':
        return 15 + since + (r() < 0.2 ? 1 : 0);
      case 'vocational':
        return 15 + since + (r() < 0.3 ? 1 : 0);
      case 'university':
      case 'juniorCollege':
        return 18 + since + (r() < 0.25 ? 1 : 0) + (r() < 0.05 ? 3 : 0);
      default:
        return 18 + Math.min(10, Math.floor(r() * r() * 11 + r() * 6)); // 18–28, more in the mid-twenties
    }
  }

  /** A valid mainland ID for someone of `age` (on today) from `region`. */
  private idNumber(region: string, age: number, gender: 'male' | 'female'): { id: string; birthDate: string } {
    const r = this.rng;
    const birthMs = this.todayMs - (age * 365.25 + 1 + Math.floor(r() * 363)) * 86_400_000;
    const birthDate = iso(new Date(birthMs));
    const key = `${region}${birthDate}`;
    // the first number of a (region, date) in the partition's slice is random in its first quarter
    const next = this.idSeq.get(key) ?? Math.floor(r() * (this.seqWidth / 4));
    this.idSeq.set(key, next + 1);
    // 3-digit sequence: the 17th digit's parity is the gender [GB 11643]
    if (next >= this.seqWidth) throw new Error(`ID sequence exhausted for ${key} in partition ${this.part}`);
    const seq = (this.part * this.seqWidth + next) * 2 + (gender === 'male' ? 1 : 0);
    const first17 = `${region}${birthDate.replace(/-/g, '')}${pad(seq, 3)}`;
    return { id: first17 + idCheckChar(first17), birthDate };
  }

  /** A committee cadre (roster only): 25–36, from the org's region. */
  cadre(region: string): { idNumber: string; name: string } {
    const r = this.rng;
    const { id } = this.idNumber(region, 25 + Math.floor(r() * 12), r() < 0.5 ? 'male' : 'female');
    return { idNumber: id, name: personName(r) };
  }

  private devNumber(joinYear: number): string {
    const n = (this.devSeq.get(joinYear) ?? 0) + 1;
    this.devSeq.set(joinYear, n);
    if (n >= this.devWidth) throw new Error(`development numbers of ${joinYear} exhausted in partition ${this.part}`);
    return `${joinYear}44${pad(this.part * this.devWidth + n, 6)}`;
  }

  private month(ms: number) {
    return new Date(Math.min(ms, this.todayMs)).toISOString().slice(0, 7);
  }

  /** One member of `branch`; `secretary` holds the branch's secretary position and is approved. */
  person(branch: OrgNode, index: number, secretary: boolean): Person {
    const r = this.rng;
    const kind = branch.kind!;
    const gender = r() < 0.51 ? 'female' : 'male';
    const age = Math.max(14, Math.min(27, this.ageOf(kind, branch.entryYear))); // §5.3 under 28
    // ID region: the branch's district; 30 % of company / village members and 15 % of
    // university students from another province; other students from anywhere in the province
    const collegian = kind === 'university' || kind === 'juniorCollege';
    const migrant = kind === 'company' || kind === 'village' || kind === 'community' ? r() < 0.3 : collegian && r() < 0.15;
    const origin = collegian && !migrant ? weighted(r, ORIGINS) : null;
    const region = migrant ? `${weighted(r, OTHER_PROVINCES)}0${1 + Math.floor(r() * 8)}2${Math.floor(r() * 9) + 1}` : (origin?.code ?? branch.regionCode);
    const { id, birthDate } = this.idNumber(region, age, gender);
    const birthMs = Date.parse(`${birthDate}T00:00:00Z`);
    const name = personName(r);
    const phone = phoneOf(index);

    // §5.3 joined at 14–15 (the usual 初二/初三), never in the future
    const joinMs = Math.min(this.todayMs - 30 * 86_400_000, birthMs + (14 + r() * 1.5) * 365.25 * 86_400_000);
    const joinedAt = this.month(joinMs);
    const joinYear = Number(joinedAt.slice(0, 4));
    const developmentNumber = joinedAt >= '2017-01' || r() < 0.3 ? this.devNumber(joinYear) : null;

    const student = kind === 'highSchool' || kind === 'vocational' || kind === 'university' || kind === 'juniorCollege';
    const minor = age < 18;
    const highest =
      kind === 'highSchool'
        ? 'seniorHighStudying'
        : kind === 'vocational'
          ? 'vocationalStudying'
          : kind === 'juniorCollege'
            ? 'juniorCollegeStudying'
            : kind === 'university'
              ? weighted(r, UNIV_EDU)
              : weighted(r, WORKER_EDU);
    const fullTime = highest === 'master' && r() < 0.5 ? 'bachelor' : highest;
    const income = student ? 'studentNoIncome' : kind === 'village' ? weighted(r, VILLAGE_INCOME) : weighted(r, WORKER_INCOME);
    const party = age >= 19 && r() < (student ? 0.04 : 0.08);
    const volunteer = r() < 0.45;
    const unit = branch.schoolName ?? `${branch.cityName}市${branch.shortName.replace(/团支部$/, '')}`;

    const identity = { name, idType: 'residentId', birthDate, gender, joinedAt, branchId: String(branch.id) };
    const league = {
      income,
      holdsPosition: secretary,
      position: secretary ? 'secretary' : null,
      positionSince: secretary ? this.month(this.todayMs - r() * 700 * 86_400_000) : null,
      developmentNumber,
      joinUnit: `${branch.cityName}市第${1 + Math.floor(r() * 40)}中学`,
    };
    const contact = {
      phone,
      ethnicity: weighted(r, ETHNICITY),
      politicalStatus: party ? (r() < 0.3 ? 'probationaryPartyMember' : 'partyMember') : 'leagueMember',
      partyJoinedAt: party ? this.month(birthMs + (18.5 + r() * (age - 18.5)) * 365.25 * 86_400_000) : null,
      fullTimeEducation: fullTime,
      highestEducation: highest,
      isVolunteer: volunteer,
      volunteerSince: volunteer ? iso(new Date(Math.min(this.todayMs - 86_400_000, birthMs + (15 + r() * (age - 15)) * 365.25 * 86_400_000))) : null,
      guardianContact: minor ? `父亲 ${phoneOf(index + 7_000_000_00)}` : null,
      householdRegistration: migrant ? '外省' : `广东省${origin?.city ?? branch.cityName}市`,
    };
    const optional = {
      occupation:
        kind === 'university' || kind === 'juniorCollege'
          ? 'universityStudent'
          : kind === 'vocational'
            ? 'vocationalStudent'
            : kind === 'highSchool'
              ? 'middleSchoolStudent'
              : kind === 'organ'
                ? 'partyGovernmentStaff'
                : kind === 'village'
                  ? pick(r, ['farmer', 'migrantWorker', 'selfEmployed'])
                  : 'nonPublicEnterpriseEmployee',
      workUnit: unit.slice(0, 60),
      email: r() < 0.3 ? `m${index}@example.com` : '',
      qq: r() < 0.4 ? String(100000 + index) : '',
      wechat: null,
      weibo: null,
      militaryService: null,
      extraInfo: null,
    };

    const state = secretary ? 'approved' : weighted(r, STATES);
    const status = state === 'draft' ? null : state;
    const savedSteps =
      state === 'draft'
        ? weighted(r, [
            [1, 10],
            [2, 15],
            [3, 35],
            [4, 40],
          ] as const)
        : r() < 0.7
          ? 4
          : 3;
    const steps = [identity, league, contact, optional].slice(0, savedSteps);
    const draft = Object.assign({}, ...steps) as Record<string, unknown>;
    const member = status === 'approved' || status === 'editSubmitted' || status === 'editReturned';
    let approvedData: Record<string, unknown> | null = null;
    if (member) {
      approvedData = { ...draft };
      // an edit of league data waits (or was returned): the draft differs from the data in force
      if (status !== 'approved') draft.income = income === 'from2001To5000' ? 'from5001To8000' : 'from2001To5000';
    }

    const day = 86_400_000;
    const waiting = status === 'submitted' || status === 'editSubmitted';
    const submittedAt = status == null ? null : new Date(this.todayMs - (waiting ? r() * 30 : 30 + r() * 900) * day - r() * day);
    const reviewedAt = submittedAt && (member || status === 'returned') ? new Date(submittedAt.getTime() + r() * 3 * day) : null;
    const realNameStatus: RealNameStatus | null =
      status == null
        ? null
        : member
          ? r() < 0.97
            ? 'passed'
            : 'offlinePassed'
          : status === 'submitted'
            ? weighted(r, [
                ['pending', 20],
                ['passed', 70],
                ['failed', 6],
                ['rechecking', 4],
              ] as const)
            : status === 'returned'
              ? r() < 0.85
                ? 'passed'
                : 'failed'
              : 'passed';
    return {
      idNumber: id,
      name,
      phone,
      gender,
      birthDate,
      status,
      savedSteps,
      draft,
      approvedData,
      developmentNumber: savedSteps >= 2 ? developmentNumber : null,
      realNameStatus,
      submittedAt,
      reviewedAt,
      returnReason: status === 'returned' || status === 'editReturned' ? pick(r, RETURN_REASONS) : null,
    };
  }
}
