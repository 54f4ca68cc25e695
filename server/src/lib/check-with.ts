import { issueCode } from '@tj/shared';
import type { z } from 'zod';
import { AppError } from '../errors';

/**
 * Re-checks a body against a schema built from stored data (the org's type decides what is
 * allowed); the first issue becomes the typed error, at its field.
 */
export function checkWith<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new AppError(issueCode(first?.message), first?.path.map(String).join('.') || undefined);
  }
  return r.data;
}
