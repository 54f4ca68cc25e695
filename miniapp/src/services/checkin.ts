import {
  CertOptionalSchema,
  CertStepEditPolicy,
  Educations,
  EthnicGroups,
  Genders,
  IdDocTypes,
  Incomes,
  MyCheckinSchema,
  Occupations,
  OrgPositions,
  PoliticalStatuses,
  deriveIdentity,
  isCheckinApproved,
  isCheckinEditable,
  isKeyOf,
  isPartyStatus,
  makeCertContactSchema,
  makeCertIdentitySchema,
  makeCertLeagueSchema,
  maskIdNumber,
  type CertStep,
  type CertificationDraft,
  type MyCheckin,
} from '@tj/shared';
import { checkWith, type Checked } from './form-check';
import { api } from './api';
import { CertStepTitles, CertFieldLabels, type CertField } from '../labels/checkin';

/**
 * §4.3 the member's check-in: the four steps of the certification form (each checked with
 * the shared step schema, then saved on the server), submit / withdraw, and the words the
 * pages show for the data and the states.
 */

export type { MyCheckin };
export type CheckinStatus = NonNullable<MyCheckin['status']>;
export type RealNameState = NonNullable<MyCheckin['realNameStatus']>;
export type ResumeStep = MyCheckin['resumeStep'];

export const CERT_STEPS: readonly CertStep[] = ['identity', 'league', 'contact', 'optional'];

/** The step titles of the real mobile form [003 §二 6.2.2]. */

/** What each step shows, in the order of the real form. */
export const CertStepFields: Record<CertStep, CertField[]> = {
  identity: ['name', 'idType', 'idNumber', 'birthDate', 'gender', 'joinedAt', 'branchId'],
  league: ['income', 'holdsPosition', 'position', 'positionSince', 'developmentNumber', 'joinUnit'],
  contact: ['phone', 'ethnicity', 'politicalStatus', 'partyJoinedAt', 'fullTimeEducation', 'highestEducation', 'isVolunteer', 'volunteerSince', 'guardianContact', 'householdRegistration'],
  optional: ['occupation', 'workUnit', 'email', 'qq', 'wechat', 'weibo', 'militaryService', 'extraInfo'],
};

/** The form's values: text for every input, '' for "not filled", 'yes'/'no' for 是/否. */
export type CertFormValues = Record<CertField, string>;

const ENUM_LABELS: Partial<Record<CertField, Readonly<Record<string, string>>>> = {
  idType: IdDocTypes,
  gender: Genders,
  income: Incomes,
  position: OrgPositions,
  ethnicity: EthnicGroups,
  politicalStatus: PoliticalStatuses,
  fullTimeEducation: Educations,
  highestEducation: Educations,
  occupation: Occupations,
};

const asText = (v: unknown): string => {
  if (v === true) return 'yes';
  if (v === false) return 'no';
  return scalarText(v);
};

/** Certification values are flat strings, numbers and booleans; nothing else has a text. */
const scalarText = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/**
 * A saved draft (or the approved data) as form values; 居民身份证 by default, and the phone
 * the member registered with until they type another.
 */
export function formValuesFrom(draft: CertificationDraft | null | undefined, branchId?: string | null, registeredPhone?: string | null): CertFormValues {
  const values = Object.fromEntries(Object.keys(CertFieldLabels).map((k) => [k, asText(draft?.[k as CertField])])) as CertFormValues;
  if (!values.idType) values.idType = 'residentId';
  if (branchId) values.branchId = branchId;
  if (!values.phone && registeredPhone) values.phone = registeredPhone;
  return values;
}

const text = (v: string) => v.trim();
/** '' → null: a cleared optional field is cleared on the server too. */
const orNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());
/** '' → undefined: a missing required field gets the schema's REQUIRED message. */
const orMissing = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim());
const yesNo = (v: string): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);

/** §4.3 birth date and gender come from a mainland ID; typed only for other documents. */
export const isMainlandId = (values: Pick<CertFormValues, 'idType'>) => (values.idType || 'residentId') === 'residentId';

/** What the request body of each step is made of (the shapes in @tj/shared certification.ts). */
export function stepBody(step: CertStep, v: CertFormValues): Record<string, unknown> {
  switch (step) {
    case 'identity': {
      const mainland = isMainlandId(v);
      return {
        name: orMissing(v.name),
        idType: v.idType || 'residentId',
        idNumber: orMissing(v.idNumber),
        birthDate: mainland ? null : orMissing(v.birthDate),
        gender: mainland ? null : orMissing(v.gender),
        joinedAt: orMissing(v.joinedAt),
        branchId: orMissing(v.branchId),
      };
    }
    case 'league': {
      const holds = yesNo(v.holdsPosition);
      return {
        income: orMissing(v.income),
        holdsPosition: holds,
        position: holds ? orMissing(v.position) : null,
        positionSince: holds ? orMissing(v.positionSince) : null,
        developmentNumber: orNull(v.developmentNumber),
        joinUnit: orMissing(v.joinUnit),
      };
    }
    case 'contact': {
      const party = isKeyOf(PoliticalStatuses, v.politicalStatus) && isPartyStatus(v.politicalStatus);
      const volunteer = yesNo(v.isVolunteer);
      return {
        phone: orMissing(v.phone),
        ethnicity: orMissing(v.ethnicity),
        politicalStatus: orMissing(v.politicalStatus),
        partyJoinedAt: party ? orMissing(v.partyJoinedAt) : null,
        fullTimeEducation: orMissing(v.fullTimeEducation),
        highestEducation: orMissing(v.highestEducation),
        isVolunteer: volunteer,
        volunteerSince: volunteer ? orMissing(v.volunteerSince) : null,
        guardianContact: orNull(v.guardianContact),
        householdRegistration: orNull(v.householdRegistration),
      };
    }
    case 'optional':
      return {
        occupation: orNull(v.occupation),
        workUnit: orNull(v.workUnit),
        email: orNull(v.email),
        qq: orNull(v.qq),
        wechat: orNull(v.wechat),
        weibo: orNull(v.weibo),
        militaryService: orNull(v.militaryService),
        extraInfo: orNull(v.extraInfo),
      };
  }
  return {};
}

/** The identity values the later steps' rules need (development number, guardian age). */
const identityContext = (v: CertFormValues) => ({
  idType: v.idType || 'residentId',
  idNumber: text(v.idNumber),
  birthDate: orMissing(v.birthDate),
  gender: orMissing(v.gender),
  joinedAt: orMissing(v.joinedAt),
});

/**
 * Checks a step with the same shared schema the server runs (and the earlier steps'
 * values for the rules that span steps), so each field shows the server's own message.
 */
export function checkStep(step: CertStep, values: CertFormValues): Checked<Record<string, unknown>> {
  const body = stepBody(step, values);
  const identity = identityContext(values);
  switch (step) {
    case 'identity':
      return checkWith(makeCertIdentitySchema(), body);
    case 'league':
      return checkWith(makeCertLeagueSchema({ identity }), body);
    case 'contact':
      return checkWith(makeCertContactSchema({ identity }), body);
    case 'optional':
      return checkWith(CertOptionalSchema, body);
  }
  return { ok: true, data: body };
}

/** Birth date and gender a valid mainland ID gives (shown read-only while typing). */
export const derivedFromId = (values: CertFormValues) => deriveIdentity({ idType: values.idType || 'residentId', idNumber: text(values.idNumber) });

// ---- display -----------------------------------------------------------------------------

/** The text shown for a stored value: enum labels, 是/否, 2024年09月 … */
export function displayValue(field: CertField, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  const labels = ENUM_LABELS[field];
  const text = scalarText(value);
  return labels ? (labels[text] ?? text) : text;
}

export interface SummaryRow {
  field: CertField;
  label: string;
  value: string;
  /** For an edit under review: the value still in force, when it differs. */
  previous?: string;
}

export interface SummarySection {
  step: CertStep;
  title: string;
  rows: SummaryRow[];
}

export interface SummaryOptions {
  /** §9: lists and home pages show the ID masked; the owner's confirmation shows it whole. */
  maskId?: boolean;
  /** The branch's name for 所在团组织 (the data carries only its id). */
  branchName?: string;
  /** The approved data, to show what an edit changes. */
  previous?: CertificationDraft | null;
}

/** The whole certification data, by step, for the confirmation page, 认证资料 and review. */
export function summarize(data: CertificationDraft, options: SummaryOptions = {}): SummarySection[] {
  const facts = deriveIdentity(data);
  const shown = (field: CertField, source: CertificationDraft): string => {
    if (field === 'branchId') return options.branchName ?? '';
    if (field === 'birthDate' && source.idType !== undefined && source.idType !== 'residentId') return displayValue(field, source.birthDate);
    if (field === 'birthDate') return facts.birthDate ?? displayValue(field, source.birthDate);
    if (field === 'gender') return displayValue(field, (source.idType ?? 'residentId') === 'residentId' ? (facts.gender ?? source.gender) : source.gender);
    if (field === 'idNumber' && options.maskId && typeof source.idNumber === 'string' && !source.idNumber.includes('*')) {
      return maskIdNumber(source.idNumber);
    }
    return displayValue(field, source[field]);
  };
  return CERT_STEPS.map((step) => ({
    step,
    title: CertStepTitles[step],
    rows: CertStepFields[step]
      .map((field) => {
        const value = shown(field, data);
        const previous = options.previous ? shown(field, options.previous) : undefined;
        return {
          field,
          label: CertFieldLabels[field],
          value,
          ...(previous !== undefined && previous !== value ? { previous } : {}),
        };
      })
      .filter((row) => row.value !== '' || row.previous !== undefined),
  }));
}

/** §4.2 what the member reads under the real-name status: what happens next. */
export function realNameExplanation(s: MyCheckin['realNameStatus'], status: MyCheckin['status'] = 'submitted'): string {
  // "等待团支部审核" only while the branch has it: a returned or withdrawn check-in waits on the member.
  const waiting = status === 'submitted' || status === 'editSubmitted';
  switch (s) {
    case 'pending':
      return '系统正在核对您的姓名与证件号码，通常几分钟内完成。';
    case 'rechecking':
      return '首次校验未通过，系统正在自动复核（提交后24小时内完成）。';
    case 'failed':
      return waiting ? '实名校验未通过。团支部将线下核验您的身份，请留意团支部通知并备好身份证件。' : '实名校验未通过。请核对姓名与证件号码，修改后重新提交。';
    case 'passed':
      return waiting ? '实名校验已通过，等待团支部审核。' : '实名校验已通过。';
    case 'offlinePassed':
      return '团支部已线下核验您的身份。';
    default:
      return '';
  }
}

/** §4.1: where a member goes — the home page only once approved. */
export const isApproved = (c: Pick<MyCheckin, 'status'> | null | undefined) => !!c && isCheckinApproved(c.status);
/** Before the first approval the whole form (identity and branch included) may change. */
export const canEditForm = (c: Pick<MyCheckin, 'status'> | null | undefined) => !c || isCheckinEditable(c.status);
/** After approval, which steps may change and how (§4.3). */
export const editPolicyOf = (step: CertStep) => CertStepEditPolicy[step];

// ---- calls -------------------------------------------------------------------------------

export async function fetchMyCheckin(): Promise<MyCheckin> {
  return api.get('/me/checkin', MyCheckinSchema);
}

/** PUT /me/checkin/steps/:step — saves the step (draft before approval, edit after). */
export async function saveCheckinStep(step: CertStep, body: Record<string, unknown>): Promise<MyCheckin> {
  return api.put(`/me/checkin/steps/${step}`, body, MyCheckinSchema);
}

export async function submitCheckin(): Promise<MyCheckin> {
  return api.post('/me/checkin/submit', {}, MyCheckinSchema);
}

export async function withdrawCheckin(reason?: string): Promise<MyCheckin> {
  return api.post('/me/checkin/withdraw', reason ? { reason } : {}, MyCheckinSchema);
}
