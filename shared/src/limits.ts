/** The numbers of the spec in one place, so UI hints and server checks agree. */

/** §3.2 alias length, in characters (Unicode code points). */
export const ALIAS_MAX_CHARS = 16;
/** §5.1 person name length. */
export const NAME_MIN_CHARS = 2;
export const NAME_MAX_CHARS = 30;
/** Password length in characters (issue 12 item 13; §4.1 said 6–16 letters/digits). */
export const PASSWORD_MIN_CHARS = 8;
export const PASSWORD_MAX_CHARS = 64;
/** §5.2 development number length. */
export const DEVELOPMENT_NUMBER_DIGITS = 12;
/** §5.3 ages. */
export const MEMBERSHIP_AGE_LIMIT = 28;
export const ADULT_AGE = 18;
/** §3.3 optional org counts. */
export const YOUTH_COUNT_MAX = 10000;
export const PARTY_RECOMMENDED_MAX = 1000;
/** §3.4 admin registration code. */
export const ADMIN_CODE_LENGTH = 8;
export const ADMIN_CODE_VALID_DAYS = 20;
export const MAX_ADMINS_PER_ORG = 2;
/** §4.2 automatic real-name re-check window. */
export const REAL_NAME_RECHECK_HOURS = 24;
/** §7.1 transfer application. */
export const TRANSFER_REMARKS_MAX_CHARS = 100;
export const TRANSFER_ATTACHMENTS_MIN = 1;
export const TRANSFER_ATTACHMENTS_MAX = 5;
export const ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;
/** §7.3 batch transfer. */
export const BATCH_TRANSFER_MAX = 30;
/** §7.4 deadlines. */
export const TRANSFER_STEP_DEADLINE_DAYS = 10;
export const ENLISTED_TRANSFER_APPROVAL_DAYS = 15;
export const EXTERNAL_CONFIRMATION_DAYS = 10;
/** §7.4 reminders to whoever holds a step, in days since the step started *(decision)*. */
export const TRANSFER_REMINDER_DAYS = [3, 7] as const;
/** Free-text limits *(decision)*: generous but bounded, so no field can carry a document. */
export const REASON_MAX_CHARS = 200;
export const UNIT_MAX_CHARS = 100;
export const ORG_NAME_MAX_CHARS = 100;
export const SMS_CODE_DIGITS = 6;
/**
 * §4.1 one SMS per phone per minute: the server refuses a send sooner (RATE_LIMITED) and
 * the 获取验证码 button counts the same wait down, so the two never disagree.
 */
export const SMS_RESEND_AFTER_SECONDS = 60;
