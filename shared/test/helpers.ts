import type { z } from 'zod';
import { idCheckChar } from '../src';

/** A valid mainland ID from its first 17 digits (idCheckChar is tested against GB 11643's examples). */
export const id = (first17: string): string => first17 + idCheckChar(first17);

/** `{ field: code }` of a failed parse (first issue per field), or `{}` when it passed. */
export function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const i of r.error.issues) {
    const k = i.path.join('.') || '(root)';
    if (!(k in out)) out[k] = i.message;
  }
  return out;
}

/** The parsed value, failing the test with the issues when the parse fails. */
export function parsed<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
}
