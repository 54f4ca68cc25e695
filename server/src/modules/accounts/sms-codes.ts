import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, gt, isNull, lt, lte, sql } from 'drizzle-orm';
import { SMS_RESEND_AFTER_SECONDS, SmsPurposes, type SmsPurpose } from '@tj/shared';
import type { SmsSender } from '../../adapters/sms/types';
import type { Db, DbOrTx, Tx } from '../../db/client';
import { smsCodes, users } from '../../db/schema';
import { AppError } from '../../errors';
import { theRow } from '../../lib/rows';

// §4.1 SMS codes (issue 4): 6 digits, 5 minutes, single use, dead after 5 wrong tries; at most
// 1 send per phone per minute (SMS_RESEND_AFTER_SECONDS, shared with the UI countdown) and 5 per hour.
export const SMS_CODE_TTL_SECONDS = 5 * 60;
export const SMS_CODE_MAX_ATTEMPTS = 5;
export const SMS_SENDS_PER_HOUR = 5;

/**
 * Codes are stored hashed so a database dump or a query log does not hand out live codes.
 * Phone and purpose are part of the input: a code is only good for the number and the
 * purpose it was sent for.
 */
const hashCode = (phone: string, purpose: string, code: string) => createHash('sha256').update(`sms:${phone}:${purpose}:${code}`).digest('hex');

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export const newSixDigitCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

const smsText = (purpose: SmsPurpose, code: string) => `【智慧团建】您正在进行${SmsPurposes[purpose]}操作，验证码${code}，${SMS_CODE_TTL_SECONDS / 60}分钟内有效。请勿将验证码告诉他人。`;

export interface SendSmsInput {
  phone: string;
  purpose: SmsPurpose;
}

export interface SendSmsLimits {
  /** Seconds before the same phone may get another code (config.smsResendSeconds). */
  resendAfterSeconds: number;
}

/**
 * Sends a fresh code. Registration refuses a taken number (the registration form has to say
 * so). For every other purpose the answer is the same whether or not the number has an
 * account (issue 12 item 5: the endpoint must not tell who is registered): a code row is
 * stored and counted against the limits either way, but a text goes out only to an account's
 * phone — with no account, that code can never be used.
 *
 * Limits are race-safe without locks: the row is inserted first, then the rows in the window
 * are counted, own row included. Concurrent sends all see each other; any that finds itself
 * over the limit deletes its row and is refused (at worst both of two are refused, never
 * both sent).
 */
export async function sendSmsCode(db: Db, sms: SmsSender, input: SendSmsInput, now: Date, { resendAfterSeconds }: SendSmsLimits = { resendAfterSeconds: SMS_RESEND_AFTER_SECONDS }) {
  const { phone, purpose } = input;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.phone, phone)).limit(1);
  if (purpose === 'register' && user) throw new AppError('MOBILE_TAKEN', 'phone');
  // §3.4 admin registration works for new and existing accounts alike.
  const deliver = Boolean(user) || purpose === 'register' || purpose === 'adminRegister';

  const code = newSixDigitCode();
  const { id } = theRow(
    await db
      .insert(smsCodes)
      .values({
        phone,
        purpose,
        codeHash: hashCode(phone, purpose, code),
        expiresAt: new Date(now.getTime() + SMS_CODE_TTL_SECONDS * 1000),
        createdAt: now,
      })
      .$returningId(),
    'the inserted id',
  );
  const forget = () => db.delete(smsCodes).where(eq(smsCodes.id, id));

  const resendFrom = new Date(now.getTime() - resendAfterSeconds * 1000);
  const hourAgo = new Date(now.getTime() - 3600_000);
  const [window] = await db
    .select({
      lastHour: count(),
      lastMinute: sql<string | null>`sum(case when ${gt(smsCodes.createdAt, resendFrom)} then 1 else 0 end)`,
    })
    .from(smsCodes)
    .where(and(eq(smsCodes.phone, phone), gt(smsCodes.createdAt, hourAgo)));
  if (Number(window?.lastMinute ?? 0) > 1 || Number(window?.lastHour ?? 0) > SMS_SENDS_PER_HOUR) {
    await forget();
    throw new AppError('RATE_LIMITED');
  }

  if (!deliver) return { expiresInSeconds: SMS_CODE_TTL_SECONDS, resendAfterSeconds };
  try {
    await sms.send(phone, smsText(purpose, code));
  } catch (err) {
    // A code the person never received must not count against their limits.
    await forget();
    if (err instanceof AppError) throw err;
    throw new AppError('SMS_SEND_FAILED');
  }
  return { expiresInSeconds: SMS_CODE_TTL_SECONDS, resendAfterSeconds };
}

export interface CheckSmsInput {
  phone: string;
  purpose: SmsPurpose;
  code: string;
  /** The request field the code came in, for the error. */
  field?: string;
}

/**
 * First half of using a code: only the latest code sent for this phone and purpose counts.
 * Every try is claimed before the code is compared, with one conditional UPDATE
 * (`attempts = attempts + 1 … AND attempts < 5`, checked by affectedRows) outside any
 * transaction, so concurrent guesses cannot get more than SMS_CODE_MAX_ATTEMPTS comparisons
 * between them and a later rollback cannot undo a try. After that the code is dead, even for
 * the right digits. Returns the code's id for consumeSmsCode, which the caller runs inside its
 * transaction.
 */
export async function checkSmsCode(db: Db, input: CheckSmsInput, now: Date): Promise<number> {
  const { phone, purpose, code, field = 'smsCode' } = input;
  const wrong = new AppError('SMS_CODE_WRONG', field);
  const [row] = await db
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phone, phone), eq(smsCodes.purpose, purpose)))
    // the latest code by time, not by id (issue 19: ids interleave across Galera nodes)
    .orderBy(desc(smsCodes.createdAt), desc(smsCodes.id))
    .limit(1);
  if (!row || row.usedAt || row.expiresAt <= now) throw wrong;
  const [claimed] = await db
    .update(smsCodes)
    .set({ attempts: sql`${smsCodes.attempts} + 1` })
    .where(and(eq(smsCodes.id, row.id), isNull(smsCodes.usedAt), lt(smsCodes.attempts, SMS_CODE_MAX_ATTEMPTS)));
  if (claimed.affectedRows !== 1) throw wrong;
  if (!sameHash(row.codeHash, hashCode(phone, purpose, code))) throw wrong;
  return row.id;
}

/**
 * Second half: marks the code used. The conditional UPDATE is the referee between concurrent
 * uses of one code: exactly one sees affectedRows === 1. (The right try was itself counted,
 * so a code used on its last allowed try has attempts === SMS_CODE_MAX_ATTEMPTS.)
 */
export async function consumeSmsCode(db: DbOrTx, id: number, now: Date, field = 'smsCode'): Promise<void> {
  const [res] = await db
    .update(smsCodes)
    .set({ usedAt: now })
    .where(and(eq(smsCodes.id, id), isNull(smsCodes.usedAt), gt(smsCodes.expiresAt, now), lte(smsCodes.attempts, SMS_CODE_MAX_ATTEMPTS)));
  if (res.affectedRows !== 1) throw new AppError('SMS_CODE_WRONG', field);
}

/**
 * Check and use a code in one go, running `action` in the same transaction as the use: if the
 * action fails, the code stays usable. For other modules too (e.g. transfers, purpose 'transfer').
 */
export async function useSmsCode<T>(db: Db, input: CheckSmsInput, now: Date, action: (tx: Tx) => Promise<T>): Promise<T> {
  const id = await checkSmsCode(db, input, now);
  return db.transaction(async (tx) => {
    await consumeSmsCode(tx, id, now, input.field);
    return action(tx);
  });
}
