import { and, eq, isNotNull, ne, or } from 'drizzle-orm';
import { checkinApprovedElsewhereMessage } from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { checkins, orgs, rosterEntries } from '../../db/schema';
import { AppError } from '../../errors';

/** The server-side checks of the form that need stored data (§4.1, §5.1–5.3). */

/** §4.1 only a branch receives check-ins [003 §二 6.2.2]. */
export async function assertBranch(db: DbOrTx, branchId: string | number) {
  const id = Number(branchId);
  const [org] = Number.isSafeInteger(id) && id > 0 ? await db.select().from(orgs).where(eq(orgs.id, id)) : [];
  if (!org || org.type !== 'branch') throw new AppError('CHECKIN_NOT_BRANCH', 'branchId');
  return org;
}

/** §5.3 "a person 28+ with no cadre position in the roster": any roster row for the ID. */
export async function holdsRosterPosition(db: DbOrTx, idHash: string): Promise<boolean> {
  const [row] = await db.select({ id: rosterEntries.id }).from(rosterEntries).where(eq(rosterEntries.idHash, idHash)).limit(1);
  return Boolean(row);
}

/** The error for an ID approved in another check-in, naming that branch (§5.1). */
export async function approvedElsewhereError(db: DbOrTx, idHash: string): Promise<AppError> {
  const [other] = await db
    .select({ name: orgs.fullName })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(eq(checkins.approvedIdHash, idHash));
  return other
    ? AppError.withMessage('CHECKIN_ID_APPROVED_ELSEWHERE', checkinApprovedElsewhereMessage(other.name), 'idNumber')
    : new AppError('CHECKIN_ID_APPROVED_ELSEWHERE', 'idNumber');
}

/**
 * §5.1 one ID = one branch: refused when another account's check-in with this ID counts as
 * approved. (The unique index on approved_id_hash settles races at approval.)
 */
export async function assertNotApprovedElsewhere(db: DbOrTx, idHash: string, userId: number) {
  const [other] = await db
    .select({ id: checkins.id })
    .from(checkins)
    .where(and(eq(checkins.approvedIdHash, idHash), ne(checkins.userId, userId)))
    .limit(1);
  if (other) throw await approvedElsewhereError(db, idHash);
}

/**
 * §5.2 a development number is nationally unique: taken when another person (another ID)
 * has it in approved data or in a check-in sent for review.
 */
export async function assertDevNumberFree(db: DbOrTx, devNumber: string | null | undefined, idHash: string) {
  if (!devNumber) return;
  const [other] = await db
    .select({ id: checkins.id })
    .from(checkins)
    .where(
      and(
        ne(checkins.idHash, idHash),
        or(eq(checkins.approvedDevNumber, devNumber), and(eq(checkins.developmentNumber, devNumber), isNotNull(checkins.status))),
      ),
    )
    .limit(1);
  if (other) throw new AppError('DEVELOPMENT_NUMBER_TAKEN', 'developmentNumber');
}

/** Which unique index refused an approval: the ID's (another branch) or the development number's. */
export const duplicateIndexOf = (err: unknown): 'id' | 'devNumber' | null => {
  const text = `${(err as Error)?.message ?? ''} ${(err as { cause?: Error })?.cause?.message ?? ''}`;
  if (text.includes('checkins_approved_id_hash_uq')) return 'id';
  if (text.includes('checkins_approved_dev_number_uq')) return 'devNumber';
  return null;
};
