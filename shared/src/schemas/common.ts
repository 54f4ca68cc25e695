import { z } from 'zod';
import { ErrorMessages, type ErrorCode } from '../errors';
import type { Check } from '../domain/person';

/**
 * Turns a pure check into a zod refinement whose issue message is the error code, so the
 * server can answer `{ code, message, field }` and the mini-program can show the same text.
 */
export const fromCheck = <T>(check: (v: T) => Check) =>
  (value: T, ctx: z.RefinementCtx) => {
    const r = check(value);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.code });
  };

/** The message of a zod issue: our issues carry an ErrorCode, zod's own ones don't. */
export const issueCode = (message: string | undefined): ErrorCode =>
  message && message in ErrorMessages ? (message as ErrorCode) : 'VALIDATION_FAILED';

export const ErrorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
