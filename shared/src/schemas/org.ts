import { z } from 'zod';
import { BranchCategories, IndustryCategories, OrgTypes, isKeyOf, type OrgType } from '../enums';
import { validateFullName, validateShortName } from '../domain/org-names';
import { checkCanContain } from '../domain/org-type';
import { requiredOrgFields } from '../domain/org-info';
import { validateAdminCode } from '../domain/admin-code';
import { ORG_NAME_MAX_CHARS, PARTY_RECOMMENDED_MAX, YOUTH_COUNT_MAX } from '../limits';
import { MobileSchema } from './auth';
import { ALWAYS, ContactPhoneSchema, CountSchema, OptionalEmailSchema, addIssueAt, codeFor, enumField, fromCheck, requiredText } from './common';
import { IdNumberSchema, PersonNameSchema } from './person';

/** §3.3 fields every org may carry after creation (its identity fields are immutable). */
const mutableOrgShape = {
  /** 组织类别 of a branch (§3.1); other types have none */
  branchCategory: enumField(BranchCategories).nullish(),
  /** 书记姓名/身份证号码/手机号码: required (§3.3) but filled by the org's own admin [004 §二(一)3] */
  secretaryName: PersonNameSchema.nullish(),
  secretaryIdNumber: IdNumberSchema.nullish(),
  secretaryPhone: MobileSchema.nullish(),
  /** 联系电话 (required of leading organs) */
  contactPhone: ContactPhoneSchema.nullish(),
  /** 电子邮箱 (idem) */
  email: OptionalEmailSchema,
  /** 本级团组织行政编制数 (idem; 0 allowed) */
  adminStaffQuota: CountSchema.nullish(),
  /** 行政编制实际配备数 */
  adminStaffActual: CountSchema.nullish(),
  /** 本级团组织事业编制数 */
  institutionStaffQuota: CountSchema.nullish(),
  /** 事业编制实际配备数 */
  institutionStaffActual: CountSchema.nullish(),
  /** 14-28周岁青年数 */
  youthCount: CountSchema.max(YOUTH_COUNT_MAX, 'YOUTH_COUNT_TOO_LARGE').nullish(),
  /** 年度经推入党团员数 */
  partyRecommendedCount: CountSchema.max(PARTY_RECOMMENDED_MAX, 'PARTY_RECOMMENDED_TOO_LARGE').nullish(),
  /** 组织排序 */
  sortOrder: CountSchema.nullish(),
};

/** §3.2 short name, full name, type and industry cannot change once saved [004 §二(一)3(2.2)]. */
export const ORG_IMMUTABLE_FIELDS = ['type', 'shortName', 'fullName', 'industry'] as const;

/**
 * Full name and industry are immutable once saved, but the superior may leave them to the
 * org's own admin [004 §二(一)3]: an update may set them while they are still empty (the
 * server checks the stored value).
 */
export const ORG_SET_ONCE_FIELDS = ['fullName', 'industry'] as const;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The rules that depend on the org's type; `type` comes from the body or the stored org. */
function orgTypeRules(v: Record<string, unknown>, type: OrgType, ctx: z.RefinementCtx, creating: boolean) {
  if (creating) {
    if (typeof v.shortName === 'string' && v.shortName !== '') {
      const r = validateShortName(v.shortName, type);
      if (!r.ok) addIssueAt(ctx, ['shortName'], r.code);
    }
    if (typeof v.fullName === 'string' && v.fullName !== '') {
      const r = validateFullName(v.fullName, type);
      if (!r.ok) addIssueAt(ctx, ['fullName'], r.code);
    }
    // 004 §二(一)3: the superior gives 组织简称 and 组织类别; the rest may wait for the org's own admin
  } else {
    if (typeof v.fullName === 'string' && v.fullName !== '') {
      const r = validateFullName(v.fullName, type);
      if (!r.ok) addIssueAt(ctx, ['fullName'], r.code);
    }
    // An update may leave a field out, but may not clear a required one.
    for (const f of requiredOrgFields(type)) if (f in v && blank(v[f])) addIssueAt(ctx, [f], 'REQUIRED');
  }
  if (type !== 'branch' && !blank(v.branchCategory)) addIssueAt(ctx, ['branchCategory'], 'BRANCH_CATEGORY_ONLY_FOR_BRANCH');
}

/**
 * §3.3 creating a sub-org. Pass the parent's type to check §3.1 containment on `type`
 * (the server always does); the proposed full name comes from `proposeFullName`.
 */
export const makeOrgCreateSchema = (parentType?: OrgType) =>
  z
    .object({
      type: enumField(OrgTypes),
      /** 组织简称 */
      shortName: requiredText(ORG_NAME_MAX_CHARS),
      /** 组织全称 (the org's own admin may complete it) */
      fullName: requiredText(ORG_NAME_MAX_CHARS).nullish(),
      /** 单位所属行业类别 (idem; leading organs have none [004 (2.1)]) */
      industry: enumField(IndustryCategories).nullish(),
      ...mutableOrgShape,
    })
    .superRefine((value, ctx) => {
      const v = value as Record<string, unknown>;
      if (!isKeyOf(OrgTypes, v.type)) return;
      if (parentType) {
        const r = checkCanContain(parentType, v.type);
        if (!r.ok) addIssueAt(ctx, ['type'], r.code);
      }
      orgTypeRules(v, v.type, ctx, true);
    }, ALWAYS);

export const OrgCreateSchema = makeOrgCreateSchema();
export type OrgCreate = z.infer<typeof OrgCreateSchema>;

const immutable = z.never({ error: 'ORG_FIELD_IMMUTABLE' }).optional();

/**
 * §3.3 editing an org: any mutable field; sending one of the immutable ones is refused
 * with ORG_FIELD_IMMUTABLE on that field. The stored type decides what is required.
 */
export const makeOrgUpdateSchema = (type: OrgType) =>
  z
    .object({
      type: immutable,
      shortName: immutable,
      fullName: requiredText(ORG_NAME_MAX_CHARS).optional(),
      industry: enumField(IndustryCategories).optional(),
      ...z.object(mutableOrgShape).partial().shape,
    })
    .superRefine((value, ctx) => orgTypeRules(value, type, ctx, false), ALWAYS);

/** The type-independent update schema (the server re-checks with the org's stored type). */
export const OrgUpdateSchema = z.object({
  type: immutable,
  shortName: immutable,
  fullName: requiredText(ORG_NAME_MAX_CHARS).optional(),
  industry: enumField(IndustryCategories).optional(),
  ...z.object(mutableOrgShape).partial().shape,
});
export type OrgUpdate = z.infer<typeof OrgUpdateSchema>;

/** §3.4 the 8-character admin registration code. */
export const AdminCodeSchema = z
  .string({ error: codeFor('ADMIN_CODE_INVALID') })
  .trim()
  .superRefine(fromCheck(validateAdminCode));
