import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';

type User = typeof users.$inferSelect;

/**
 * Issue 12: an account's identity is only what was verified (real-name check or offline
 * verification). A hash written before that rule (no `id_verified_at`) counts as none, so a
 * typed, unverified ID number never decides which roster lines an account may bind.
 */
export const verifiedIdHash = (u: Pick<User, 'idHash' | 'idVerifiedAt'>): string | null => (u.idVerifiedAt && u.idHash ? u.idHash : null);

/**
 * Records a verified identity on an account that has none yet. The first verification wins:
 * a later check-in of another ID never rewrites an identity already proven.
 */
export async function recordVerifiedIdentity(tx: DbOrTx, userId: number, identity: { idEnc: string; idHash: string }, now: Date) {
  await tx
    .update(users)
    .set({ idEnc: identity.idEnc, idHash: identity.idHash, idVerifiedAt: now })
    .where(and(eq(users.id, userId), isNull(users.idVerifiedAt)));
}
