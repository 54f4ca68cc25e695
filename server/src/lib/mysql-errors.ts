/** MariaDB's duplicate-key error: a unique index refused the row (the concurrency referee). */
export const isDuplicate = (err: unknown): boolean =>
  (err as { code?: string; cause?: { code?: string } })?.code === 'ER_DUP_ENTRY' ||
  (err as { cause?: { code?: string } })?.cause?.code === 'ER_DUP_ENTRY';
