/**
 * The first row of a result that cannot be empty (an insert's id, a count, a row just written
 * or locked, the summary of a row passed in). An empty result there is a bug, not a user's
 * mistake: it fails loudly instead of reading `undefined` on.
 */
export function theRow<T>(rows: readonly T[], what: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`expected ${what}, got no row`);
  return row;
}

/** The last row of a result that cannot be empty (the page a next cursor points past). */
export const lastRow = <T>(rows: readonly T[], what: string): T => theRow(rows.slice(-1), what);

/** The rows of a raw `db.execute(sql…)` (mysql2 answers [rows, fields]). */
export const resultRows = <T = Record<string, unknown>>(res: unknown): T[] => (Array.isArray(res) && Array.isArray(res[0]) ? (res[0] as T[]) : (res as T[]));
