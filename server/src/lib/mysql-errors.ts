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

/**
 * The database connection is gone or the node cannot serve (issue 19): refused / reset /
 * lost connections, a server shutting down (1053), a Galera node that is not a ready member
 * of the primary component (1047 "WSREP has not yet prepared node for application use").
 * Nothing on that connection can be trusted to have committed or not.
 */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_SERVER_SHUTDOWN', 'EHOSTUNREACH']);
export const isConnectionError = (err: unknown): boolean => {
  const e = err as { code?: string; errno?: number; fatal?: boolean; cause?: { code?: string; errno?: number; fatal?: boolean } };
  for (const x of [e, e?.cause]) {
    if (!x) continue;
    if ((x.code && CONNECTION_CODES.has(x.code)) || x.errno === 1047 || x.errno === 1053) return true;
    // "Can't add new command when connection is in closed state"
    if (x.fatal === true) return true;
  }
  return false;
};
