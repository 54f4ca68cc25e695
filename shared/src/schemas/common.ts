import { z } from 'zod';
import { ErrorMessages, type ErrorCode } from '../errors';
import type { Check } from '../domain/person';
import { countChars } from '../domain/text';
import { isValidDate, isValidMonth } from '../domain/dates';
import { keysOf } from '../enums/util';

/**
 * Turns a pure check into a zod refinement whose issue message is the error code, so the
 * server can answer `{ code, message, field }` and the mini-program can show the same text.
 */
export const fromCheck =
  <T>(check: (v: T) => Check) =>
  (value: T, ctx: z.RefinementCtx) => {
    const r = check(value);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.code });
  };

/** The message of a zod issue: our issues carry an ErrorCode, zod's own ones don't. */
export const issueCode = (message: string | undefined): ErrorCode => (message && message in ErrorMessages ? (message as ErrorCode) : 'VALIDATION_FAILED');

export const ErrorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  rows: z.array(z.object({ row: z.number(), field: z.string().optional(), code: z.string(), message: z.string() })).optional(),
});

/**
 * The error of a zod type check: a missing value is REQUIRED, a value of the wrong kind
 * gets `code`. Every schema here passes one, so no zod-English message reaches a user.
 */
export const codeFor = (code: ErrorCode) => (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? 'REQUIRED' : code);

/**
 * Cross-field rules run even when another field already failed, so the form shows every
 * problem at once; they must therefore read the value defensively.
 */
export const ALWAYS = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

/** Adds an issue at a field of the object being refined. */
export const addIssueAt = (ctx: z.RefinementCtx, path: (string | number)[], code: ErrorCode) => ctx.addIssue({ code: 'custom', message: code, path });

/** A limit in characters as a person counts them (code points), not UTF-16 units. */
const withinChars = (max: number) => (v: string) => countChars(v) <= max;

/** Required free text, trimmed, at most `max` characters. */
export const requiredText = (max: number, tooLong: ErrorCode = 'TEXT_TOO_LONG', missing: ErrorCode = 'REQUIRED') =>
  z
    .string({ error: (i) => (i.input == null ? missing : 'VALIDATION_FAILED') })
    .trim()
    .min(1, missing)
    .refine(withinChars(max), tooLong);

/** Optional free text ('' and null allowed), trimmed, at most `max` characters. */
export const optionalText = (max: number, tooLong: ErrorCode = 'TEXT_TOO_LONG') => z.string({ error: 'VALIDATION_FAILED' }).trim().refine(withinChars(max), tooLong).nullish();

/** One of the keys of an `as const` label map. */
export const enumField = <T extends Record<string, string>>(labels: T) => z.enum(keysOf(labels), { error: codeFor('OPTION_INVALID') });

/** A database id (opaque string). */
export const IdSchema = z
  .string({ error: codeFor('VALIDATION_FAILED') })
  .trim()
  .min(1, 'REQUIRED')
  .max(64, 'VALIDATION_FAILED');

/**
 * The id of one of our own rows (a branch, a member): the decimal digits of a positive safe
 * integer, since the server hands it to SQL as a number — "abc" would become NaN there.
 * (IdSchema stays for ids of other systems, e.g. an out-of-province destination org.)
 */
export const RowIdSchema = z
  .string({ error: codeFor('VALIDATION_FAILED') })
  .trim()
  .min(1, 'REQUIRED')
  .regex(/^[1-9]\d{0,15}$/, 'VALIDATION_FAILED')
  .refine((v) => Number.isSafeInteger(Number(v)), 'VALIDATION_FAILED');

export const BooleanSchema = z.boolean({ error: codeFor('VALIDATION_FAILED') });

/** 'YYYY-MM-DD', a real calendar date. */
export const DateSchema = z.string({ error: codeFor('DATE_INVALID') }).refine(isValidDate, 'DATE_INVALID');

/** 'YYYY-MM'. */
export const MonthSchema = z.string({ error: codeFor('MONTH_INVALID') }).refine(isValidMonth, 'MONTH_INVALID');

/** A count: an integer ≥ 0 (编制数 may be 0 [004]). */
export const CountSchema = z
  .number({ error: codeFor('NUMBER_INVALID') })
  .int('NUMBER_INVALID')
  .min(0, 'NUMBER_INVALID');

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EmailSchema = z
  .string({ error: codeFor('EMAIL_INVALID') })
  .trim()
  .max(100, 'EMAIL_INVALID')
  .regex(EMAIL, 'EMAIL_INVALID');

/** An optional email: '' means "not given". */
export const OptionalEmailSchema = z
  .string({ error: 'EMAIL_INVALID' })
  .trim()
  .refine((v) => v === '' || (v.length <= 100 && EMAIL.test(v)), 'EMAIL_INVALID')
  .nullish();

/** §3.3 an org's contact phone: a mobile or a landline (区号-号码, extension allowed). */
export const ContactPhoneSchema = z
  .string({ error: codeFor('CONTACT_PHONE_INVALID') })
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/, 'CONTACT_PHONE_INVALID');
