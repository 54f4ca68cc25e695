/** MariaDB's duplicate-key error: a unique index refused the row (the concurrency referee). */
export const isDuplicate = (err: unknown): boolean =>
  (err as { code?: string; cause?: { code?: string } })?.code === 'ER_DUP_ENTRY' || (err as { cause?: { code?: string } })?.cause?.code === 'ER_DUP_ENTRY';

/**
 * InnoDB chose this transaction as a deadlock victim (1213) or it waited too long for a row
 * lock (1205): the whole transaction was (or must be) rolled back and may simply run again.
 */
/**
 * A foreign key refused the statement (1451: the row is still referenced; 1452: the row it
 * references is gone): something changed meanwhile, which the services' own checks missed.
 */
export const isForeignKeyViolation = (err: unknown): boolean => {
  const e = err as { errno?: number; cause?: { errno?: number } };
  const errno = e?.errno ?? e?.cause?.errno;
  return errno === 1451 || errno === 1452;
};

export const isRetryableLockError = (err: unknown): boolean => {
  const e = err as { errno?: number; cause?: { errno?: number } };
  const errno = e?.errno ?? e?.cause?.errno;
  return errno === 1213 || errno === 1205;
};
