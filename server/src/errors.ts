import { ErrorMessages, type ErrorBody, type ErrorCode } from '@tj/shared';

/** The HTTP status each code answers with; anything unlisted is a 400. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHORIZED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_IN_ROSTER: 403,
  INVITATION_NOT_YOURS: 403,
  ALIAS_ALREADY_SET: 409,
  ALREADY_ONBOARDED: 409,
  INVITATION_TOO_FREQUENT: 429,
  WECHAT_NOT_BOUND: 404,
  WECHAT_BOUND_ELSEWHERE: 409,
  SMS_SEND_FAILED: 502,
  ORG_NAME_TAKEN: 409,
  ORG_NOT_EMPTY: 409,
  ALIAS_TAKEN: 409,
  ADMIN_CODE_USED: 409,
  ADMIN_LIMIT_REACHED: 409,
  ALREADY_IN_ROSTER: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export const statusOf = (code: ErrorCode): number => STATUS[code] ?? 400;

/** A failure the user can act on: a code from shared/, optionally the field it is about. */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    readonly field?: string,
    statusCode?: number,
  ) {
    super(ErrorMessages[code]);
    this.statusCode = statusCode ?? statusOf(code);
  }
}

/** An all-or-nothing import that was refused: every bad row with its number and reason. */
export class ImportRowsError extends AppError {
  constructor(readonly rows: NonNullable<ErrorBody['rows']>) {
    super('IMPORT_ROWS_INVALID');
  }
}
