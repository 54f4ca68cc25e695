import type { ErrorCode } from '../errors';

/** The result of every pure rule: ok, or the code of the first rule broken. */
export type Check = { ok: true } | { ok: false; code: ErrorCode };

export const OK: { ok: true } = Object.freeze({ ok: true as const });
export const fail = (code: ErrorCode): { ok: false; code: ErrorCode } => ({ ok: false, code });
