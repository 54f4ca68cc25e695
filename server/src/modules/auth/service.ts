import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { SessionUser } from '@tj/shared';
import type { Db, DbOrTx } from '../../db/client';
import { refreshTokens, users } from '../../db/schema';
import { AppError } from '../../errors';
import { DUMMY_HASH, verifyPassword } from './password';

export interface TokenSigner {
  signAccess(userId: string): string;
  refreshTtlDays: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const toSessionUser = (u: typeof users.$inferSelect): SessionUser => ({
  id: String(u.id),
  phone: u.phone,
  name: u.name,
});

/** A new session: an access token and a stored (hashed) refresh token. Shared by every login path. */
export async function issueTokens(db: DbOrTx, signer: TokenSigner, user: typeof users.$inferSelect) {
  const refreshToken = randomBytes(32).toString('base64url');
  await db.insert(refreshTokens).values({
    userId: user.id,
    tokenHash: sha256(refreshToken),
    expiresAt: new Date(Date.now() + signer.refreshTtlDays * 86_400_000),
  });
  return { accessToken: signer.signAccess(String(user.id)), refreshToken, user: toSessionUser(user) };
}

export async function loginWithPassword(db: Db, signer: TokenSigner, phone: string, password: string) {
  const [user] = await db.select().from(users).where(eq(users.phone, phone)).limit(1);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS');
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  return issueTokens(db, signer, user);
}

/**
 * Rotation: a refresh token works once. The conditional update makes two concurrent uses of
 * the same token yield exactly one new pair.
 */
export async function refreshSession(db: Db, signer: TokenSigner, refreshToken: string) {
  return db.transaction(async (tx) => {
    const hash = sha256(refreshToken);
    const [row] = await tx
      .select()
      .from(refreshTokens)
      .where(and(eq(refreshTokens.tokenHash, hash), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, new Date())))
      .limit(1);
    if (!row) throw new AppError('TOKEN_EXPIRED');
    const [res] = await tx
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.revokedAt)));
    if (res.affectedRows !== 1) throw new AppError('TOKEN_EXPIRED');
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId)).limit(1);
    if (!user) throw new AppError('TOKEN_EXPIRED');
    return issueTokens(tx, signer, user);
  });
}

/** Ends every session of a user (password changed): their refresh tokens stop working at once. */
export async function revokeAllSessions(db: DbOrTx, userId: number) {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

export async function logout(db: Db, refreshToken: string) {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.tokenHash, sha256(refreshToken)), isNull(refreshTokens.revokedAt)));
}

export async function getSessionUser(db: Db, userId: string): Promise<SessionUser> {
  const [user] = await db.select().from(users).where(eq(users.id, Number(userId))).limit(1);
  if (!user) throw new AppError('UNAUTHORIZED');
  return toSessionUser(user);
}
