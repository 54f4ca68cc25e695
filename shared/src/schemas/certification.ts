import { z } from 'zod';
import type { ErrorCode } from '../errors';
import { Educations, EthnicGroups, Genders, IdDocTypes, Incomes, Occupations, OrgPositions, PoliticalStatuses, isKeyOf, isPartyStatus, type Gender, type IdDocType } from '../enums';
import { checkJoinAge, checkMembershipAge, isMinor } from '../domain/age';
import { isValidDate, isValidMonth, monthOf, resolveToday, type IsoDate, type Today } from '../domain/dates';
import { checkDevelopmentNumberForm, validateDevelopmentNumber } from '../domain/development-number';
import { validateDocumentNumber, validateIdNumber } from '../domain/id-number';
import { REASON_MAX_CHARS, UNIT_MAX_CHARS } from '../limits';
import { MobileSchema } from './auth';
import { PersonNameSchema } from './person';
import { ALWAYS, BooleanSchema, DateSchema, IdSchema, MonthSchema, OptionalEmailSchema, codeFor, enumField, optionalText, requiredText } from './common';

/*
 * §4.3 the certification form (认证资料) in its four steps. Each step schema checks its own
 * fields and the rules among them; the rules that join steps (development number ↔ join
 * month and ID prefix, guardian ↔ age) run in a step when the earlier steps' values are
 * passed as `identity`, and always in the whole-form schema.
 *
 * "Today" (birth date / months not in the future, ages) is a parameter: the factories
 * take a fixed 'YYYY-MM-DD' or a function; the exported default schemas read China's
 * current date (UTC+8) at parse time, not at import time.
 */

const JoinedAtSchema = z.string({ error: codeFor('JOINED_AT_INVALID') }).refine(isValidMonth, 'JOINED_AT_INVALID');

/** Digits and optional X; letters uppercased so a trailing `x` is stored as `X`. */
const DocNumberSchema = z
  .string({ error: codeFor('VALIDATION_FAILED') })
  .trim()
  .toUpperCase()
  .min(1, 'REQUIRED')
  .max(30, 'VALIDATION_FAILED');

export const certIdentityShape = {
  /** 真实姓名 */
  name: PersonNameSchema,
  /** 证件类型, 居民身份证 by default */
  idType: enumField(IdDocTypes).default('residentId'),
  /** 证件号码 */
  idNumber: DocNumberSchema,
  /** 出生日期: derived from a mainland ID (ignored then), required otherwise */
  birthDate: DateSchema.nullish(),
  /** 性别: derived from a mainland ID (ignored then), required otherwise */
  gender: enumField(Genders).nullish(),
  /** 入团年月 'YYYY-MM' */
  joinedAt: JoinedAtSchema,
  /** 所在团组织: must be a branch (the server checks the org's type: CHECKIN_NOT_BRANCH) */
  branchId: IdSchema,
};

export const certLeagueShape = {
  /** 收入 */
  income: enumField(Incomes),
  /** 是否在本支部担任团干职务 */
  holdsPosition: BooleanSchema,
  /** 职务 (required when holdsPosition) */
  position: enumField(OrgPositions).nullish(),
  /** 任现职年月 (required when holdsPosition) */
  positionSince: MonthSchema.nullish(),
  /** 发展团员编号 (required for joins from 2017-01, Xinjiang from 2016-01) */
  developmentNumber: z.string({ error: 'DEVELOPMENT_NUMBER_NOT_DIGITS' }).trim().nullish(),
  /** 入团时所在单位 */
  joinUnit: requiredText(UNIT_MAX_CHARS),
};

export const certContactShape = {
  /** 手机号码 */
  phone: MobileSchema,
  /** 民族, GB/T 3304 code */
  ethnicity: enumField(EthnicGroups),
  /** 政治面貌 */
  politicalStatus: enumField(PoliticalStatuses),
  /** 入党年月 (required for party statuses) */
  partyJoinedAt: MonthSchema.nullish(),
  /** 全日制学历 */
  fullTimeEducation: enumField(Educations),
  /** 最高学历 */
  highestEducation: enumField(Educations),
  /** 是否志愿者 */
  isVolunteer: BooleanSchema,
  /** 注册志愿者时间 (required when isVolunteer) */
  volunteerSince: DateSchema.nullish(),
  /** 监护人或紧急联系人的联系方式 (required under 18) */
  guardianContact: optionalText(50),
  /** 户籍所在地 */
  householdRegistration: optionalText(UNIT_MAX_CHARS),
};

export const certOptionalShape = {
  /** 职业 */
  occupation: enumField(Occupations).nullish(),
  /** 工作单位/学习单位 */
  workUnit: optionalText(UNIT_MAX_CHARS),
  /** 电子邮箱 */
  email: OptionalEmailSchema,
  /** QQ */
  qq: z
    .string({ error: 'QQ_INVALID' })
    .trim()
    .refine((v) => v === '' || /^[1-9]\d{4,11}$/.test(v), 'QQ_INVALID')
    .nullish(),
  /** 微信号 */
  wechat: optionalText(50),
  /** 微博号 */
  weibo: optionalText(50),
  /** 服兵役情况 */
  militaryService: optionalText(50),
  /** 附加信息 */
  extraInfo: optionalText(REASON_MAX_CHARS * 2),
};

/** §4.3 which field belongs to which step, and how it may change after approval. */
export const CertSteps = {
  identity: Object.keys(certIdentityShape) as (keyof typeof certIdentityShape)[],
  league: Object.keys(certLeagueShape) as (keyof typeof certLeagueShape)[],
  contact: Object.keys(certContactShape) as (keyof typeof certContactShape)[],
  optional: Object.keys(certOptionalShape) as (keyof typeof certOptionalShape)[],
};
export type CertStep = keyof typeof CertSteps;

/**
 * §4.3 after approval: identity is locked (only an admin correction changes it), league
 * data needs a new review, contact data does not; the optional step is treated like
 * contact data *(decision)*.
 */
export const CertStepEditPolicy = {
  identity: 'locked',
  league: 'review',
  contact: 'free',
  optional: 'free',
} as const satisfies Record<CertStep, 'locked' | 'review' | 'free'>;

/** What a mainland ID tells about its holder, or what was typed for another document. */
export interface IdentityFacts {
  birthDate?: IsoDate;
  gender?: Gender;
  /** First two digits of a mainland ID; undefined for other documents. */
  provinceCode?: string;
  /** The ID number as it is stored (`x` → `X`), when valid. */
  normalizedIdNumber?: string;
}

/** The identity values, as parsed or as sent by a client (possibly incomplete). */
export interface IdentityLike {
  idType?: unknown;
  idNumber?: unknown;
  birthDate?: unknown;
  gender?: unknown;
  joinedAt?: unknown;
}

const docTypeOf = (v: IdentityLike): IdDocType => (isKeyOf(IdDocTypes, v.idType) ? v.idType : 'residentId');

/**
 * §4.3 birth date and gender: derived from a valid mainland ID, typed for the other
 * documents. The server stores these, never the typed values for a mainland ID.
 */
export function deriveIdentity(v: IdentityLike, today?: IsoDate): IdentityFacts {
  if (docTypeOf(v) === 'residentId') {
    if (typeof v.idNumber !== 'string') return {};
    const r = validateIdNumber(v.idNumber, today);
    return r.ok ? { birthDate: r.birthDate, gender: r.gender, provinceCode: r.provinceCode, normalizedIdNumber: r.normalized } : {};
  }
  return {
    birthDate: typeof v.birthDate === 'string' && isValidDate(v.birthDate) ? v.birthDate : undefined,
    gender: isKeyOf(Genders, v.gender) ? v.gender : undefined,
  };
}

type Add = (path: string, code: ErrorCode) => void;
type Values = Record<string, unknown>;
interface Env {
  today: IsoDate;
  holdsRosterPosition?: boolean;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Step 1 rules: the document number by type, derived or typed birth data, join month and age. */
function identityRules(v: Values, env: Env, add: Add) {
  const docType = docTypeOf(v);
  const idNumber = str(v.idNumber);
  if (idNumber) {
    const r = validateDocumentNumber(docType, idNumber, env.today);
    if (!r.ok) add('idNumber', r.code);
  }
  if (docType !== 'residentId') {
    if (blank(v.birthDate)) add('birthDate', 'REQUIRED');
    else if (typeof v.birthDate === 'string' && isValidDate(v.birthDate) && v.birthDate > env.today) add('birthDate', 'BIRTH_DATE_FUTURE');
    if (blank(v.gender)) add('gender', 'REQUIRED');
  }
  const facts = deriveIdentity(v, env.today);
  const birthOk = facts.birthDate !== undefined && facts.birthDate <= env.today;
  const joinedAt = str(v.joinedAt);
  if (joinedAt && isValidMonth(joinedAt)) {
    if (joinedAt > monthOf(env.today)) add('joinedAt', 'JOINED_AT_FUTURE');
    else if (birthOk) {
      const r = checkJoinAge(facts.birthDate!, joinedAt, facts.provinceCode);
      if (!r.ok) add('joinedAt', r.code);
    }
  }
  // §5.3: only decidable with the roster's answer, so only when the caller passes it.
  if (birthOk && env.holdsRosterPosition !== undefined) {
    const r = checkMembershipAge(facts.birthDate!, env.today, env.holdsRosterPosition);
    if (!r.ok) add(docType === 'residentId' ? 'idNumber' : 'birthDate', r.code);
  }
}

/** Step 2 rules: position fields when holding one; the development number (§5.2). */
function leagueRules(v: Values, env: Env, add: Add) {
  if (v.holdsPosition === true) {
    if (blank(v.position)) add('position', 'CERT_POSITION_REQUIRED');
    if (blank(v.positionSince)) add('positionSince', 'CERT_POSITION_SINCE_REQUIRED');
  }
  const since = str(v.positionSince);
  if (since && isValidMonth(since) && since > monthOf(env.today)) add('positionSince', 'MONTH_IN_FUTURE');

  const num = str(v.developmentNumber);
  const joinedAt = str(v.joinedAt);
  if (joinedAt && isValidMonth(joinedAt)) {
    const idNumber = docTypeOf(v) === 'residentId' ? str(v.idNumber) : undefined;
    const r = validateDevelopmentNumber(num, joinedAt, idNumber);
    if (!r.ok) add('developmentNumber', r.code);
  } else if (num && num.trim() !== '') {
    // Without the join month only the form of the number can be judged.
    const r = checkDevelopmentNumberForm(num);
    if (!r.ok) add('developmentNumber', r.code);
  }
}

/** Step 3 rules: 入党年月 for party members, volunteer date, guardian under 18. */
function contactRules(v: Values, env: Env, add: Add) {
  if (isKeyOf(PoliticalStatuses, v.politicalStatus) && isPartyStatus(v.politicalStatus) && blank(v.partyJoinedAt)) {
    add('partyJoinedAt', 'PARTY_JOINED_AT_REQUIRED');
  }
  const party = str(v.partyJoinedAt);
  if (party && isValidMonth(party) && party > monthOf(env.today)) add('partyJoinedAt', 'MONTH_IN_FUTURE');

  if (v.isVolunteer === true && blank(v.volunteerSince)) add('volunteerSince', 'VOLUNTEER_SINCE_REQUIRED');
  const since = str(v.volunteerSince);
  if (since && isValidDate(since) && since > env.today) add('volunteerSince', 'DATE_IN_FUTURE');

  const birth = deriveIdentity(v, env.today).birthDate;
  if (birth && birth <= env.today && isMinor(birth, env.today) && blank(v.guardianContact)) {
    add('guardianContact', 'GUARDIAN_CONTACT_REQUIRED');
  }
}

type Rule = (v: Values, env: Env, add: Add) => void;

/** Options of the certification schemas. */
export interface CertificationOptions {
  /** 'YYYY-MM-DD' or a clock; default: China's current date at parse time. */
  today?: Today;
  /**
   * §5.3 whether the person holds a cadre position in the roster. Only the server knows;
   * when given, a person of 28 or more without one is refused (MEMBERSHIP_AGE_EXCEEDED).
   */
  holdsRosterPosition?: boolean;
}

/** The earlier steps' values, so a later step can check the rules that span steps. */
export interface CertStepContext extends CertificationOptions {
  identity?: IdentityLike;
}

const normalizeOptions = (o: Today | CertificationOptions | undefined): CertificationOptions => (typeof o === 'string' || typeof o === 'function' ? { today: o } : (o ?? {}));

function refineWith(rules: Rule[], opts: CertStepContext) {
  return (value: unknown, ctx: z.RefinementCtx) => {
    const v = { ...(opts.identity ?? {}), ...(value as Values) } as Values;
    const env: Env = { today: resolveToday(opts.today), holdsRosterPosition: opts.holdsRosterPosition };
    const seen = new Set<string>();
    const add: Add = (path, code) => {
      // One message per field: the first rule broken.
      if (seen.has(path)) return;
      seen.add(path);
      ctx.addIssue({ code: 'custom', message: code, path: [path] });
    };
    for (const rule of rules) rule(v, env, add);
  };
}

/** Step 1 身份信息. */
export const makeCertIdentitySchema = (options?: Today | CertificationOptions) => z.object(certIdentityShape).superRefine(refineWith([identityRules], normalizeOptions(options)), ALWAYS);

/** Step 2 团员信息; pass `identity` (idType, idNumber, joinedAt) to check the development number fully. */
export const makeCertLeagueSchema = (context: CertStepContext = {}) => z.object(certLeagueShape).superRefine(refineWith([leagueRules], context), ALWAYS);

/** Step 3 联系方式及背景; pass `identity` to require the guardian contact under 18. */
export const makeCertContactSchema = (context: CertStepContext = {}) => z.object(certContactShape).superRefine(refineWith([contactRules], context), ALWAYS);

/** The whole form, flat (one field name per input), with every rule of §4.3 / §5. */
export const makeCertificationSchema = (options?: Today | CertificationOptions) =>
  z
    .object({ ...certIdentityShape, ...certLeagueShape, ...certContactShape, ...certOptionalShape })
    .superRefine(refineWith([identityRules, leagueRules, contactRules], normalizeOptions(options)), ALWAYS);

export const CertIdentitySchema = makeCertIdentitySchema();
export const CertLeagueSchema = makeCertLeagueSchema();
export const CertContactSchema = makeCertContactSchema();
/** Step 4 选填信息: nothing required. */
export const CertOptionalSchema = z.object(certOptionalShape);
export const CertificationSchema = makeCertificationSchema();

/**
 * A saved draft (§4.3 "saves each step as a draft"): any subset of the fields, each
 * well-formed; the rules among fields wait for the step's "next" and the final submit.
 */
export const CertificationDraftSchema = z.object({ ...certIdentityShape, ...certLeagueShape, ...certContactShape, ...certOptionalShape }).partial();

export type CertIdentity = z.infer<typeof CertIdentitySchema>;
export type CertLeague = z.infer<typeof CertLeagueSchema>;
export type CertContact = z.infer<typeof CertContactSchema>;
export type CertOptional = z.infer<typeof CertOptionalSchema>;
export type Certification = z.infer<typeof CertificationSchema>;
export type CertificationInput = z.input<typeof CertificationSchema>;
export type CertificationDraft = z.infer<typeof CertificationDraftSchema>;
