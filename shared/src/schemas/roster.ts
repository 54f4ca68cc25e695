import { z } from 'zod';
import { CadreNatures, OrgTypes, Positions, isKeyOf, type OrgType } from '../enums';
import { isPositionAllowed, positionsFor } from '../domain/org-type';
import { MobileSchema } from './auth';
import { ALWAYS, BooleanSchema, addIssueAt, codeFor, enumField } from './common';
import { IdNumberSchema, PersonNameSchema } from './person';

/** §10 a position valid for an org of `orgType` (leading organs have their own list). */
export const positionSchemaFor = (orgType: OrgType) => z.enum(Object.keys(positionsFor(orgType)) as [string, ...string[]], { error: codeFor('POSITION_NOT_ALLOWED') });

/** §6.1 one roster line: name, ID number, phone, position, operator flag, cadre nature. */
const rosterShape = {
  name: PersonNameSchema,
  idNumber: IdNumberSchema,
  phone: MobileSchema,
  position: enumField(Positions),
  /** 运营者: may review check-ins and name the org */
  isOperator: BooleanSchema.default(false),
  /** 团干部性质 (专职/兼职/挂职) */
  cadreNature: enumField(CadreNatures).nullish(),
};

/** §6.1 a roster line before its org is known (the server then checks it with rosterEntrySchemaFor). */
export const RosterEntryBodySchema = z.object(rosterShape);

/** §6.1 a roster entry for an org of a known type; the position must suit that type. */
export const rosterEntrySchemaFor = (orgType: OrgType) =>
  z.object(rosterShape).superRefine((v, ctx) => {
    if (typeof v.position === 'string' && !isPositionAllowed(orgType, v.position)) addIssueAt(ctx, ['position'], 'POSITION_NOT_ALLOWED');
  }, ALWAYS);

/** §6.1 a roster entry carrying its org type (e.g. one row of an Excel import). */
export const RosterEntrySchema = z.object({ orgType: enumField(OrgTypes), ...rosterShape }).superRefine((v, ctx) => {
  if (isKeyOf(OrgTypes, v.orgType) && typeof v.position === 'string' && !isPositionAllowed(v.orgType, v.position)) {
    addIssueAt(ctx, ['position'], 'POSITION_NOT_ALLOWED');
  }
}, ALWAYS);
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

/** §6.1 changing a roster line: phone, position, operator flag, nature (name and ID are fixed). */
export const rosterUpdateSchemaFor = (orgType: OrgType) =>
  z
    .object({
      phone: MobileSchema.optional(),
      position: enumField(Positions).optional(),
      isOperator: BooleanSchema.optional(),
      cadreNature: enumField(CadreNatures).nullish(),
    })
    .superRefine((v, ctx) => {
      if (typeof v.position === 'string' && !isPositionAllowed(orgType, v.position)) addIssueAt(ctx, ['position'], 'POSITION_NOT_ALLOWED');
      // a change that changes nothing (`{}`, or only unknown fields) is a client mistake
      if (Object.values(v).every((x) => x === undefined)) addIssueAt(ctx, [], 'VALIDATION_FAILED');
    }, ALWAYS);

/** §6.3 the position a cadre sets on first entry into an org. */
export const setPositionSchemaFor = (orgType: OrgType) => z.object({ position: positionSchemaFor(orgType) });
