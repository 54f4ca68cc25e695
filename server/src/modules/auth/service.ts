import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { SessionUser } from '@tj/shared';
import type { Db, DbOrTx } from '../../db/client';
import { refreshTokens, users } from '../../db/schema';
import { AppError } from '../../errors';
import { dummyHash, verifyPassword } from './password';

export interface TokenSigner {
  /** `passwordVersion`: the user's password_changed_at in ms (0: never changed), checked by plugins/auth.ts. */
  signAccess(userId: string, passwordVersion: number): string;
  refreshTtlDays: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const toSessionUser = (u: typeof users.$inferSelect): SessionUser => ({
  id: String(u.id),
  phone: u.phone,
  name: u.name,
});

/**
 * A new session: an access token and a stored (hashed) refresh token. Shared by every login
 * path; a refresh passes the family of the token it rotates, a login starts a new one.
 */
export async function issueTokens(db: DbOrTx, signer: TokenSigner, user: typeof users.$inferSelect, family = randomBytes(16).toString('base64url')) {
  const refreshToken = randomBytes(32).toString('base64url');
  await db.insert(refreshTokens).values({
    userId: user.id,
    tokenHash: sha256(refreshToken),
    family,
    expiresAt: new Date(Date.now() + signer.refreshTtlDays * 86_400_000),
  });
  const accessToken = signer.signAccess(String(user.id), user.passwordChangedAt?.getTime() ?? 0);
  return { accessToken, refreshToken, user: toSessionUser(user) };
}

export async function loginWithPassword(db: Db, signer: TokenSigner, phone: string, password: string) {
  const [user] = await db.select().from(users).where(eq(users.phone, phone)).limit(1);
  const ok = await verifyPassword(password, user?.passwordHash ?? dummyHash());
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS');
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  return issueTokens(db, signer, user);
}

/**
 * Rotation: a refresh token works once. The conditional update makes two concurrent uses of
 * the same token yield exactly one new pair. A token that was already rotated and comes back
 * was copied: whoever holds it may be the thief or the owner, so the whole family (every
 * token rotated from the same login) is revoked and both must log in again (OAuth 2.0
 * Security BCP §4.14; issue 12 item 14).
 */
export async function refreshSession(db: Db, signer: TokenSigner, refreshToken: string) {
  const hash = sha256(refreshToken);
  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash)).limit(1);
  if (!row || row.expiresAt <= new Date()) throw new AppError('TOKEN_EXPIRED');
  if (row.revokedAt) {
    await revokeFamily(db, row);
    throw new AppError('TOKEN_EXPIRED');
  }
  const rotated = await db.transaction(async (tx) => {
    const [res] = await tx
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.revokedAt)));
    if (res.affectedRows !== 1) return null;
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId)).limit(1);
    if (!user) throw new AppError('TOKEN_EXPIRED');
    return issueTokens(tx, signer, user, row.family ?? undefined);
  });
  if (rotated) return rotated;
  // lost the race to a concurrent use of the same token: that is a reuse too
  await revokeFamily(db, row);
  throw new AppError('TOKEN_EXPIRED');
}

/** Revokes every live token of `row`'s family (all the user's, for tokens from before families). */
async function revokeFamily(db: DbOrTx, row: typeof refreshTokens.$inferSelect) {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, row.userId), isNull(refreshTokens.revokedAt), row.family ? eq(refreshTokens.family, row.family) : undefined));
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
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.id, Number(userId)))
    .limit(1);
  if (!user) throw new AppError('UNAUTHORIZED');
  return toSessionUser(user);
}
