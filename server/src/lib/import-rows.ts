import { ErrorMessages, issueCode, type ErrorBody } from '@tj/shared';
import type { z } from 'zod';
import { ImportRowsError } from '../errors';
import type { SheetRow } from './excel';

export type RowError = NonNullable<ErrorBody['rows']>[number];

/** Maps Chinese option labels in a cell back to the enum key ('团支部' → 'branch'). */
export const keyOfLabel = (labels: Record<string, string>, cell: string): string | undefined => (cell === '' ? undefined : (Object.entries(labels).find(([, l]) => l === cell)?.[0] ?? cell));

export const numberCell = (cell: string): number | string | undefined => (cell === '' ? undefined : /^\d+$/.test(cell) ? Number(cell) : cell);

export const rowError = (row: number, code: RowError['code'], field?: string): RowError => ({ row, code, message: ErrorMessages[code], ...(field ? { field } : {}) });

/**
 * Validates every row with its schema and collects every problem; only when all rows pass are
 * the parsed values returned (the import is all-or-nothing, §3.4).
 */
export function validateRows<T>(rows: SheetRow[], toInput: (r: SheetRow) => unknown, schema: z.ZodType<T>, extra: (parsed: T, r: SheetRow) => RowError | null): T[] {
  const errors: RowError[] = [];
  const out: T[] = [];
  for (const r of rows) {
    const parsed = schema.safeParse(toInput(r));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(rowError(r.row, issueCode(issue.message), issue.path.map(String).join('.') || undefined));
      continue;
    }
    const e = extra(parsed.data, r);
    if (e) errors.push(e);
    else out.push(parsed.data);
  }
  if (errors.length) throw new ImportRowsError(errors);
  return out;
}
