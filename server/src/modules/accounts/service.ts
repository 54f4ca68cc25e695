import { createHash, timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { isCountyCode, type AuditAction, type ChangePassword, type Register, type ResetByCode, type ResetPassword, type SmsLogin } from '@tj/shared';
import type { WechatApi } from '../../adapters/wechat/types';
import { WechatCodeError } from '../../adapters/wechat/types';
import type { Db, Tx } from '../../db/client';
import { auditLogs, passwordResetCodes, users } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { isDuplicate } from '../../lib/mysql-errors';
import { dummyHash, hashPassword, verifyPassword } from '../auth/password';
import { issueTokens, revokeAllSessions, type TokenSigner } from '../auth/service';
import { syncSecretaryRegistered } from '../orgs/service';

import { checkSmsCode, consumeSmsCode, newSixDigitCode, useSmsCode } from './sms-codes';
import { theRow } from '../../lib/rows';

/** §10 admin-issued reset code: 6 digits, 24 hours, single use, 5 tries. */
export const RESET_CODE_TTL_HOURS = 24;
export const RESET_CODE_MAX_ATTEMPTS = 5;

const findByPhone = async (db: Db, phone: string) => (await db.select().from(users).where(eq(users.phone, phone)).limit(1))[0];

const reload = async (db: Pick<Db, 'select'>, id: number) => theRow(await db.select().from(users).where(eq(users.id, id)).limit(1), 'the user');

/** §4.1 registration: the code proves the phone; the account is created and logged in. */
export async function register(db: Db, signer: TokenSigner, input: Register, now: Date) {
  // The schema checks the shape; only a county the picker offers is a region (before the
  // code is tried, so a bad region costs no attempt).
  if (!isCountyCode(input.regionCode)) throw new AppError('REGION_UNKNOWN', 'regionCode');
  if (await findByPhone(db, input.phone)) throw new AppError('MOBILE_TAKEN', 'phone');
  const codeId = await checkSmsCode(db, { phone: input.phone, purpose: 'register', code: input.smsCode }, now);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      await consumeSmsCode(tx, codeId, now);
      const { id } = theRow(await tx.insert(users).values({ phone: input.phone, passwordHash, regionCode: input.regionCode, lastLoginAt: now }).$returningId(), 'the inserted id');
      await syncSecretaryRegistered(tx, { phones: [input.phone] });
      // The audit row is the record that the service agreement was accepted, and when.
      await audit(tx, {
        actorUserId: id,
        orgId: null,
        action: 'user.register',
        targetType: 'user',
        targetId: id,
        after: { regionCode: input.regionCode, agreementAcceptedAt: now.toISOString() },
      });
      return issueTokens(tx, signer, await reload(tx, id));
    });
  } catch (err) {
    // Two registrations of one number at once: the unique index picks the winner.
    if (isDuplicate(err)) throw new AppError('MOBILE_TAKEN', 'phone');
    throw err;
  }
}

/** §4.1 login with phone + SMS code [003 FAQ 1]. */
export async function loginWithSms(db: Db, signer: TokenSigner, input: SmsLogin, now: Date) {
  const user = await findByPhone(db, input.phone);
  // No account: no code was ever texted to it, so this is simply a wrong code (issue 12 item 5).
  if (!user) throw new AppError('SMS_CODE_WRONG', 'smsCode');
  return useSmsCode(db, { phone: input.phone, purpose: 'login', code: input.smsCode }, now, async (tx) => {
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    return issueTokens(tx, signer, user);
  });
}

/**
 * Sets a new password and ends every session: whoever knew the old one is logged out. Refresh
 * tokens are revoked here; access tokens issued before password_changed_at are refused by
 * plugins/auth.ts (their `pv` claim is the old password_changed_at).
 */
async function setPassword(tx: Tx, userId: number, passwordHash: string, extra: { phone?: string } = {}): Promise<Date> {
  const passwordChangedAt = new Date();
  await tx
    .update(users)
    .set({ passwordHash, passwordChangedAt, ...extra })
    .where(eq(users.id, userId));
  await revokeAllSessions(tx, userId);
  return passwordChangedAt;
}

/** §4.1 forgotten password, self-service: phone + SMS code + new password. */
export async function resetPasswordBySms(db: Db, input: ResetPassword, now: Date): Promise<number> {
  const user = await findByPhone(db, input.phone);
  // as in loginWithSms: an unknown number looks like a wrong code
  if (!user) throw new AppError('SMS_CODE_WRONG', 'smsCode');
  const codeId = await checkSmsCode(db, { phone: input.phone, purpose: 'resetPassword', code: input.smsCode }, now);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await consumeSmsCode(tx, codeId, now);
    await setPassword(tx, user.id, passwordHash);
    await audit(tx, { actorUserId: user.id, orgId: null, action: 'user.password_reset', targetType: 'user', targetId: user.id, after: { via: 'sms' } });
  });
  return user.id;
}

/**
 * 修改密码 in settings: the current password proves the owner. Like a reset, every session
 * ends (a stolen refresh token must stop working); this device gets a fresh session back.
 */
export async function changePassword(db: Db, signer: TokenSigner, userId: number, input: ChangePassword) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  const ok = await verifyPassword(input.oldPassword, user?.passwordHash ?? dummyHash());
  if (!user) throw new AppError('UNAUTHORIZED');
  if (!ok) throw new AppError('OLD_PASSWORD_WRONG', 'oldPassword');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const passwordChangedAt = await setPassword(tx, user.id, passwordHash);
    await audit(tx, { actorUserId: user.id, orgId: null, action: 'user.password_change', targetType: 'user', targetId: user.id });
    // the session handed back must carry the new password version, or its first use is refused
    return issueTokens(tx, signer, { ...user, passwordHash, passwordChangedAt });
  });
}

const hashResetCode = (userId: number, code: string) => createHash('sha256').update(`reset:${userId}:${code}`).digest('hex');

/**
 * §10 an org admin issues a reset code for a person who lost their phone. Permission (the
 * account belongs wholly to the admin's subtree, issue 12) and the SMS notice to the owner are
 * the caller's job: roster/reset-code.ts. Issuing a new code retires any
 * earlier unused one, so only the latest code works. Returns the plain code, shown once.
 */
export async function issueResetCode(db: Db, input: { userId: number; issuedBy: number; orgId: number }, now: Date = new Date()): Promise<string> {
  const code = newSixDigitCode();
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).limit(1);
    if (!user) throw new AppError('NOT_FOUND');
    await tx
      .update(passwordResetCodes)
      .set({ usedAt: now })
      .where(and(eq(passwordResetCodes.userId, input.userId), isNull(passwordResetCodes.usedAt)));
    const { id } = theRow(
      await tx
        .insert(passwordResetCodes)
        .values({
          userId: input.userId,
          codeHash: hashResetCode(input.userId, code),
          issuedBy: input.issuedBy,
          orgId: input.orgId,
          expiresAt: new Date(now.getTime() + RESET_CODE_TTL_HOURS * 3600_000),
          createdAt: now,
        })
        .$returningId(),
      'the inserted id',
    );
    await audit(tx, {
      actorUserId: input.issuedBy,
      orgId: input.orgId,
      action: 'password_reset_code.issue',
      targetType: 'user',
      targetId: input.userId,
      after: { resetCodeId: id },
    });
  });
  return code;
}

const ATTEMPT_ACTION: AuditAction = 'password_reset_code.attempt';

/**
 * §10 the person uses the admin-issued code: new password, and optionally a new phone (they
 * lost the old one) proven by an SMS code of purpose 'register' sent to the new number.
 * Every session of the account ends. The person then logs in with the new password.
 *
 * password_reset_codes has no attempts column, so attempts are audit rows (a failed-access
 * trail the issuing org can see anyway): each try is recorded first, then the tries on this
 * code are counted, own one included, which is race-safe the same way the SMS send limits
 * are. The 6th try fails even with the right code.
 */
export async function resetByCode(db: Db, input: ResetByCode, now: Date): Promise<number> {
  const wrong = new AppError('RESET_CODE_WRONG', 'code');
  const user = await findByPhone(db, input.phone);
  if (!user) throw wrong;
  const [row] = await db.select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, user.id)).orderBy(desc(passwordResetCodes.createdAt), desc(passwordResetCodes.id)).limit(1); // latest by time (issue 19)
  if (!row || row.usedAt || row.expiresAt <= now) throw wrong;

  const attemptOf = and(
    eq(auditLogs.orgId, row.orgId),
    eq(auditLogs.action, ATTEMPT_ACTION),
    eq(auditLogs.targetType, 'user'),
    eq(auditLogs.targetId, String(user.id)),
    sql`json_value(${auditLogs.after}, '$.resetCodeId') = ${row.id}`,
  );
  await audit(db, { actorUserId: null, orgId: row.orgId, action: ATTEMPT_ACTION, targetType: 'user', targetId: user.id, after: { resetCodeId: row.id } });
  const { tries } = theRow(await db.select({ tries: count() }).from(auditLogs).where(attemptOf), 'a count');
  if (tries > RESET_CODE_MAX_ATTEMPTS) throw wrong;
  const expected = Buffer.from(row.codeHash);
  const given = Buffer.from(hashResetCode(user.id, input.code));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw wrong;

  const newPhone = input.newPhone && input.newPhone !== input.phone ? input.newPhone : undefined;
  let smsCodeId: number | undefined;
  if (newPhone) {
    if (await findByPhone(db, newPhone)) throw new AppError('MOBILE_TAKEN', 'newPhone');
    smsCodeId = await checkSmsCode(db, { phone: newPhone, purpose: 'register', code: input.smsCode ?? '' }, now);
  }
  const passwordHash = await hashPassword(input.password);
  try {
    await db.transaction(async (tx) => {
      const [res] = await tx
        .update(passwordResetCodes)
        .set({ usedAt: now })
        .where(and(eq(passwordResetCodes.id, row.id), isNull(passwordResetCodes.usedAt), gt(passwordResetCodes.expiresAt, now)));
      if (res.affectedRows !== 1) throw wrong;
      if (smsCodeId !== undefined) await consumeSmsCode(tx, smsCodeId, now);
      await setPassword(tx, user.id, passwordHash, newPhone ? { phone: newPhone } : {});
      if (newPhone) await syncSecretaryRegistered(tx, { phones: [user.phone, newPhone] });
      await audit(tx, {
        actorUserId: user.id,
        orgId: row.orgId,
        action: 'user.password_reset',
        targetType: 'user',
        targetId: user.id,
        after: { via: 'admin_code', resetCodeId: row.id, phoneChanged: Boolean(newPhone) },
      });
    });
  } catch (err) {
    if (isDuplicate(err)) throw new AppError('MOBILE_TAKEN', 'newPhone');
    throw err;
  }
  return user.id;
}

async function openidOf(wechat: WechatApi, code: string): Promise<string> {
  try {
    return (await wechat.code2session(code)).openid;
  } catch (err) {
    if (err instanceof WechatCodeError) throw new AppError('WECHAT_CODE_INVALID', 'code');
    throw err;
  }
}

/** §4.1 *(decision)* silent login in WeChat: works once the account is bound to the openid. */
export async function loginWithWechat(db: Db, wechat: WechatApi, signer: TokenSigner, code: string, now: Date) {
  const openid = await openidOf(wechat, code);
  const [user] = await db.select().from(users).where(eq(users.wxOpenid, openid)).limit(1);
  if (!user) throw new AppError('WECHAT_NOT_BOUND');
  await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
  return issueTokens(db, signer, user);
}

/**
 * Binds the caller's WeChat identity to their account (after a password or SMS login). Binding
 * again replaces an earlier WeChat identity of the same account; an identity bound to another
 * account is refused (the unique index referees concurrent binds).
 */
export async function bindWechat(db: Db, wechat: WechatApi, userId: number, code: string) {
  const openid = await openidOf(wechat, code);
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.wxOpenid, openid)).limit(1);
  if (owner?.id === userId) return;
  if (owner) throw new AppError('WECHAT_BOUND_ELSEWHERE', 'code');
  try {
    await db.transaction(async (tx) => {
      const [res] = await tx.update(users).set({ wxOpenid: openid }).where(eq(users.id, userId));
      if (res.affectedRows !== 1) throw new AppError('UNAUTHORIZED');
      await audit(tx, { actorUserId: userId, orgId: null, action: 'user.wechat_bind', targetType: 'user', targetId: userId });
    });
  } catch (err) {
    if (isDuplicate(err)) throw new AppError('WECHAT_BOUND_ELSEWHERE', 'code');
    throw err;
  }
}

/** Unbinds WeChat (e.g. "log out on this phone for good"); the next open shows the login page. */
export async function unbindWechat(db: Db, userId: number) {
  await db.transaction(async (tx) => {
    const [res] = await tx
      .update(users)
      .set({ wxOpenid: null })
      .where(and(eq(users.id, userId), isNotNull(users.wxOpenid)));
    if (res.affectedRows === 1) await audit(tx, { actorUserId: userId, orgId: null, action: 'user.wechat_unbind', targetType: 'user', targetId: userId });
  });
}
