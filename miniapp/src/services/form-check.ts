import type { z } from 'zod';
import { ErrorMessages, issueCode } from '@tj/shared';
import type { ApiError } from './api-error';

/** Chinese message per form field; '' (form level) for an error no field owns. */
export type FieldErrors = Partial<Record<string, string>>;

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Runs a shared schema on what a form would send. Issue messages are ErrorCodes (see
 * @tj/shared schemas/common), so each field gets the same Chinese text the server answers.
 * Only the first problem of each field is kept, like the server's `field`.
 */
export function checkWith<S extends z.ZodType>(schema: S, input: unknown): Checked<z.infer<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : '';
    if (errors[field] === undefined) errors[field] = ErrorMessages[issueCode(issue.message)];
  }
  return { ok: false, errors };
}

/**
 * The server's answer placed like a client-side check: at its field (a list item's error,
 * `attachments.0`, at the list's field), or form level.
 */
export const fieldErrorsOf = (error: ApiError): FieldErrors => ({ [error.field?.split('.')[0] ?? '']: error.message });

/** Text inputs give strings; counts are numbers: '' → undefined (left out), else Number. */
export const toCount = (text: string | undefined): number | undefined => {
  const t = (text ?? '').trim();
  return t === '' ? undefined : Number(t);
};

/** '' → undefined, so optional text fields are left out rather than sent blank. */
export const toOptionalText = (text: string | undefined): string | undefined => {
  const t = (text ?? '').trim();
  return t === '' ? undefined : t;
};

/**
 * The body of a call that has nothing to send. The one axios instance always declares
 * JSON, and Fastify refuses an empty JSON body (400), so these calls send `{}`.
 */
export const NO_BODY = {};
