import { ErrorMessages, type ErrorBody, type ErrorCode } from '@tj/shared';

/** The HTTP status each code answers with; anything unlisted is a 400. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHORIZED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ROSTER_ADMIN_LINE_ADMINS_ONLY: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  // issue 19: database node lost / collisions outlasted the retries — retryable
  DB_RETRY: 503,
  NOT_IN_ROSTER: 403,
  INVITATION_NOT_YOURS: 403,
  ALIAS_ALREADY_SET: 409,
  ALREADY_ONBOARDED: 409,
  INVITATION_TOO_FREQUENT: 429,
  WECHAT_NOT_BOUND: 404,
  WECHAT_BOUND_ELSEWHERE: 409,
  SMS_SEND_FAILED: 502,
  ORG_NAME_TAKEN: 409,
  ORG_HAS_SUB_ORGS: 409,
  ORG_HAS_CADRES: 409,
  ORG_HAS_MEMBERS: 409,
  ORG_HAS_OPEN_TRANSFERS: 409,
  ALIAS_TAKEN: 409,
  ADMIN_CODE_USED: 409,
  ADMIN_LIMIT_REACHED: 409,
  ALREADY_IN_ROSTER: 409,
  // identity binding (issue 12)
  ROSTER_ENTRY_NOT_PENDING: 409,
  ROSTER_ENTRY_BOUND_ELSEWHERE: 409,
  RESET_CODE_NOT_ALLOWED: 403,
  REAL_NAME_UNAVAILABLE: 502,
  // check-in (§4): states that moved on meanwhile, and the one-person-one-branch referee
  CHECKIN_REQUIRED: 403,
  CHECKIN_PENDING_REVIEW: 409,
  CHECKIN_ALREADY_APPROVED: 409,
  CHECKIN_NOT_WITHDRAWABLE: 409,
  CHECKIN_NOT_PENDING: 409,
  CHECKIN_NOT_EDITABLE: 409,
  CHECKIN_IDENTITY_LOCKED: 409,
  CHECKIN_ID_APPROVED_ELSEWHERE: 409,
  DEVELOPMENT_NUMBER_TAKEN: 409,
  REAL_NAME_IN_PROGRESS: 409,
  REAL_NAME_FAILED: 409,
  REAL_NAME_NOT_FAILED: 409,
  UPLOAD_TOO_LARGE: 413,
  // transfers (§7): the state moved on meanwhile, or the org may not do this at all
  TRANSFER_OPEN_EXISTS: 409,
  TRANSFER_NOT_PENDING: 409,
  TRANSFER_NOT_WITHDRAWABLE: 409,
  TRANSFER_NOT_AWAITING_EXTERNAL: 409,
  TRANSFER_TRANSITION_INVALID: 409,
  TRANSFER_NOT_APPEALABLE: 409,
  TRANSFER_APPEAL_NOT_PENDING: 409,
  TRANSFER_MEMBER_NOT_IN_BRANCH: 409,
  TRANSFER_MEMBER_NOT_FOUND: 404,
  BATCH_TRANSFER_NOT_ALLOWED: 403,
  ORG_TRANSFER_NOT_ALLOWED: 403,
  TRANSFER_EXTERNAL_UNAVAILABLE: 502,
  // 两制 (issue 16 part 4): outside the window, the state moved on meanwhile, not the superior
  REG_OUTSIDE_WINDOW: 409,
  REG_CAMPAIGN_EXISTS: 409,
  REG_CAMPAIGN_OVERLAPS: 409,
  REG_CAMPAIGN_NOT_FOUND: 404,
  REG_ALREADY_SUBMITTED: 409,
  REG_ALREADY_APPROVED: 409,
  REG_NOT_PENDING: 409,
  REG_MEMBERS_UNDECIDED: 409,
  REG_NO_MEMBERS: 409,
  REG_MEMBER_NOT_IN_BRANCH: 409,
  REG_OPENER_NOT_COMMITTEE: 403,
  REG_NOT_BRANCH: 403,
  REG_NOT_SUPERIOR: 403,
  TRANSFER_ORG_NOT_WITHDRAWABLE: 409,
  TRANSFER_NOT_INITIATOR: 403,
  TRANSFER_INBOUND_SIGNATURE: 401,
  TRANSFER_INBOUND_CONFLICT: 409,
  CHECKIN_TRANSFERRED_OUT: 409,
  TRANSFER_MEMBER_UNCERTIFIED: 409,
  // e-archives (issue 16.2)
  ARCHIVE_TOO_LARGE: 413,
  ARCHIVE_UPLOAD_NOT_ALLOWED: 403,
  ARCHIVE_PENDING: 409,
  ARCHIVE_NOT_PENDING: 409,
  RATE_LIMITED: 429,
  // graduation and 团籍状态 (issue 16)
  GRADUATION_NOT_ALLOWED: 403,
  GRADUATION_CORRECT_NOT_SUPERIOR: 403,
  GRADUATION_NOT_CLASS_BRANCH: 409,
  GRADUATION_ALREADY_MARKED: 409,
  GRADUATION_NOT_MARKED: 409,
  GRADUATION_ALREADY_CONVERTED: 409,
  GRADUATION_DELAY_NO_BRANCH_MONTH: 409,
  GRADUATION_NOT_DELAYED: 409,
  GRADUATE_ORG_NOT_EMPTY: 409,
  GRADUATE_ORG_ONLY: 409,
  MEMBERSHIP_ENDED: 403,
  MEMBERSHIP_NOT_NORMAL: 409,
  MEMBERSHIP_REQUEST_PENDING: 409,
  MEMBERSHIP_REQUEST_NOT_PENDING: 409,
  MEMBERSHIP_APPROVER_NOT_SUPERIOR: 403,
  IDENTITY_CORRECTION_PENDING: 409,
  IDENTITY_CORRECTION_NOT_PENDING: 409,
  IDENTITY_CORRECTION_PROVINCE_ONLY: 403,
  IDENTITY_CORRECTION_NOT_MEMBER: 409,
  IDENTITY_CORRECTION_EDIT_PENDING: 409,
  IDENTITY_CORRECTION_ID_TAKEN: 409,
  REQUEST_TOO_LARGE: 413,
  INTERNAL: 500,
};

export const statusOf = (code: ErrorCode): number => STATUS[code] ?? 400;

/**
 * A failure the user can act on: a code from shared/, optionally the field it is about.
 * `message` overrides the code's fixed text when the answer names something (e.g. the
 * branch an ID is already approved in); shared/ builds such texts so both sides agree.
 */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    readonly field?: string,
    statusCode?: number,
    message?: string,
  ) {
    super(message ?? ErrorMessages[code]);
    this.statusCode = statusCode ?? statusOf(code);
  }

  static withMessage(code: ErrorCode, message: string, field?: string): AppError {
    return new AppError(code, field, undefined, message);
  }
}

/** An all-or-nothing import that was refused: every bad row with its number and reason. */
export class ImportRowsError extends AppError {
  constructor(readonly rows: NonNullable<ErrorBody['rows']>) {
    super('IMPORT_ROWS_INVALID');
  }
}
