import { z } from 'zod';
import type { OrgType } from '../enums';
import { validateAlias, validateAliasText } from '../domain/alias';
import { fromCheck } from './common';

/** §3.2 an alias, before the org type is known (the form's live check). */
export const AliasSchema = z.string({ error: 'ALIAS_EMPTY' }).superRefine(fromCheck(validateAliasText));

/** §6.4 the body of "set the alias"; the server completes it with `validateAlias(alias, org.type)`. */
export const SetAliasSchema = z.object({ alias: AliasSchema });
export type SetAlias = z.infer<typeof SetAliasSchema>;

/** §3.2 the full alias rule for an org of a known type. */
export const aliasSchemaFor = (orgType: OrgType) => z.object({ alias: z.string({ error: 'ALIAS_EMPTY' }).superRefine(fromCheck((a: string) => validateAlias(a, orgType))) });
