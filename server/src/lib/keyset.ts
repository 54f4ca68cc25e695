import { and, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';

/**
 * Keyset pagination by (time, id) — issue 19: on Galera, AUTO_INCREMENT is interleaved across
 * nodes (node k hands out k, k+n, k+2n…), so a higher id is not a later row. "Oldest first",
 * "newest first", "the latest" and cursors order by the row's time, the id only breaking ties.
 * The cursor stays digits only (the API contract): the time in ms, then the id on 15 digits.
 */
const ID_DIGITS = 15;

export const timeIdCursor = (at: Date, id: number): string => `${at.getTime()}${String(id).padStart(ID_DIGITS, '0')}`;

/** null: not a cursor of this shape (e.g. an old id-only cursor) — the first page is served. */
export function parseTimeIdCursor(cursor: string | undefined): { at: Date; id: number } | null {
  if (!cursor || !/^\d+$/.test(cursor) || cursor.length <= ID_DIGITS) return null;
  const at = Number(cursor.slice(0, -ID_DIGITS));
  const id = Number(cursor.slice(-ID_DIGITS));
  return Number.isSafeInteger(at) && Number.isSafeInteger(id) ? { at: new Date(at), id } : null;
}

/** Rows after the cursor in (time, id) order: ascending (`asc`) or descending. */
export function afterCursor(time: MySqlColumn, id: MySqlColumn, cursor: { at: Date; id: number } | null, dir: 'asc' | 'desc'): SQL | undefined {
  if (!cursor) return undefined;
  const past = dir === 'asc' ? gt : lt;
  return or(past(time, cursor.at), and(eq(time, cursor.at), past(id, cursor.id)));
}
