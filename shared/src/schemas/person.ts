import { z } from 'zod';
import { todayInChina } from '../domain/dates';
import { validateIdNumber } from '../domain/id-number';
import { validatePersonName } from '../domain/person';
import { codeFor, fromCheck } from './common';

/** §5.1 a real name. */
export const PersonNameSchema = z
  .string({ error: codeFor('NAME_INVALID') })
  .trim()
  .superRefine(fromCheck(validatePersonName));

/**
 * §5.1 a mainland ID number (secretaries, roster entries, 办理转入 search). Parsed to its
 * stored form (`x` → `X`); "not in the future" uses China's date at parse time.
 */
export const IdNumberSchema = z
  .string({ error: codeFor('ID_NUMBER_LENGTH') })
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const r = validateIdNumber(v, todayInChina());
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.code });
  });
