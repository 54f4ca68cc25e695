import { and, eq, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { checkinApprovedElsewhereMessage, devNumberTakenMessage } from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { checkins, orgs, rosterEntries } from '../../db/schema';
import { AppError } from '../../errors';
import { ancestorNamesColumn, parseAncestorNames } from '../orgs/view';

/** The server-side checks of the form that need stored data (§4.1, §5.1–5.3). */

// Each check's condition is written once: the single checks below run them alone, submitFacts together.
const rosterRowOf = (idHash: string) => eq(rosterEntries.idHash, idHash);
const approvedElsewhere = (idHash: string, userId: number) => and(eq(checkins.approvedIdHash, idHash), ne(checkins.userId, userId));
const devNumberTaken = (devNumber: string, idHash: string) =>
  and(ne(checkins.idHash, idHash), or(eq(checkins.approvedDevNumber, devNumber), and(eq(checkins.developmentNumber, devNumber), isNotNull(checkins.status))));

type OrgRow = typeof orgs.$inferSelect;
const branchError = () => new AppError('CHECKIN_NOT_BRANCH', 'branchId');

/** §4.1 only a branch receives check-ins [003 §二 6.2.2]. */
export async function assertBranch(db: DbOrTx, branchId: string | number) {
  const id = Number(branchId);
  const [org] = Number.isSafeInteger(id) && id > 0 ? await db.select().from(orgs).where(eq(orgs.id, id)) : [];
  if (!org || org.type !== 'branch') throw branchError();
  return org;
}

/** §5.3 "a person 28+ with no cadre position in the roster": any roster row for the ID. */
export async function holdsRosterPosition(db: DbOrTx, idHash: string): Promise<boolean> {
  const [row] = await db.select({ id: rosterEntries.id }).from(rosterEntries).where(rosterRowOf(idHash)).limit(1);
  return Boolean(row);
}

/** The error for an ID approved in another check-in, naming that branch (§5.1). */
export async function approvedElsewhereError(db: DbOrTx, idHash: string): Promise<AppError> {
  const [other] = await db
    .select({ name: orgs.fullName, shortName: orgs.shortName, enteredAt: checkins.enteredAt, claimedAt: checkins.claimedAt })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(eq(checkins.approvedIdHash, idHash));
  // Issue 16 part 5: an org entered this person and nobody claimed the record yet — claim it, not a second check-in.
  if (other?.enteredAt && !other.claimedAt) return new AppError('CHECKIN_ENTERED_BY_ORG', 'idNumber');
  return other
    ? AppError.withMessage('CHECKIN_ID_APPROVED_ELSEWHERE', checkinApprovedElsewhereMessage(other.name ?? other.shortName), 'idNumber')
    : new AppError('CHECKIN_ID_APPROVED_ELSEWHERE', 'idNumber');
}

/**
 * §5.1 one ID = one branch: refused when another account's check-in with this ID counts as
 * approved. (The unique index on approved_id_hash settles races at approval.)
 */
export async function assertNotApprovedElsewhere(db: DbOrTx, idHash: string, userId: number) {
  const [other] = await db.select({ id: checkins.id }).from(checkins).where(approvedElsewhere(idHash, userId)).limit(1);
  if (other) throw await approvedElsewhereError(db, idHash);
}

/**
 * §5.2 a development number is nationally unique: taken when another person (another ID)
 * has it in approved data or in a check-in sent for review.
 */
export async function assertDevNumberFree(db: DbOrTx, devNumber: string | null | undefined, idHash: string) {
  if (!devNumber) return;
  const [other] = await db.select({ id: checkins.id }).from(checkins).where(devNumberTaken(devNumber, idHash)).limit(1);
  if (other) throw await devNumberTakenError(db, devNumber, idHash);
}

/** The branch whose member (another ID) uses `devNumber`, or null when it is free. */
export async function devNumberHolderBranch(db: DbOrTx, devNumber: string, idHash: string | null): Promise<string | null> {
  const [other] = await db
    .select({ name: orgs.shortName, alias: orgs.alias })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(idHash ? devNumberTaken(devNumber, idHash) : or(eq(checkins.approvedDevNumber, devNumber), eq(checkins.developmentNumber, devNumber)))
    .limit(1);
  return other ? (other.alias ?? other.name) : null;
}

/** DEVELOPMENT_NUMBER_TAKEN naming the branch that uses the number (004 FAQ), nothing of the person. */
export async function devNumberTakenError(db: DbOrTx, devNumber: string, idHash: string | null): Promise<AppError> {
  const branch = await devNumberHolderBranch(db, devNumber, idHash);
  return branch ? AppError.withMessage('DEVELOPMENT_NUMBER_TAKEN', devNumberTakenMessage(branch), 'developmentNumber') : new AppError('DEVELOPMENT_NUMBER_TAKEN', 'developmentNumber');
}

/** What a submit checks against stored data (§4.1, §5.1–5.3), read in one statement. */
export interface SubmitFacts {
  holdsRosterPosition: boolean;
  /** Throws, in the order the rules are checked, the first refusal; returns the branch. */
  assert(): Promise<OrgRow>;
  /** The branch's ancestors' short names, for the response (read in the same statement). */
  ancestorNames?: Map<number, string>;
}

const exists = (db: DbOrTx, table: typeof checkins | typeof rosterEntries, where: SQL | undefined) =>
  sql<number>`exists ${db
    .select({ one: sql`1` })
    .from(table)
    .where(where)}`;

/**
 * The roster answer, the branch (with its ancestors' names), an approval of the ID elsewhere
 * and a taken development number for a submit — one round trip instead of five (issue 8,
 * P1). The same conditions as the single checks above.
 */
export async function submitFacts(db: DbOrTx, c: SubmitSubject): Promise<SubmitFacts> {
  const [f] = await submitFactsQuery(db, c);
  if (!f) {
    return {
      holdsRosterPosition: await holdsRosterPosition(db, c.idHash),
      assert: () => Promise.reject(branchError()),
    };
  }
  return {
    holdsRosterPosition: Number(f.holds) > 0,
    ancestorNames: parseAncestorNames(f.ancestorNames),
    async assert() {
      if (f.org.type !== 'branch') throw branchError();
      if (Number(f.approvedElsewhere) > 0) throw await approvedElsewhereError(db, c.idHash);
      if (Number(f.devNumberTaken) > 0) throw await devNumberTakenError(db, c.developmentNumber!, c.idHash);
      return f.org;
    },
  };
}

type SubmitSubject = { branchId: number; idHash: string; userId: number; developmentNumber: string | null };

/** submitFacts' one statement; the bench's raw side (scripts/bench) sends the same one. */
export const submitFactsQuery = (db: DbOrTx, c: SubmitSubject) =>
  db
    .select({
      org: orgs,
      holds: exists(db, rosterEntries, rosterRowOf(c.idHash)),
      approvedElsewhere: exists(db, checkins, approvedElsewhere(c.idHash, c.userId)),
      devNumberTaken: c.developmentNumber ? exists(db, checkins, devNumberTaken(c.developmentNumber, c.idHash)) : sql<number>`0`,
      ancestorNames: ancestorNamesColumn(orgs.path),
    })
    .from(orgs)
    .where(eq(orgs.id, c.branchId));

/** Which unique index refused an approval: the ID's (another branch) or the development number's. */
export const duplicateIndexOf = (err: unknown): 'id' | 'devNumber' | null => {
  const text = `${(err as Error)?.message ?? ''} ${(err as { cause?: Error })?.cause?.message ?? ''}`;
  if (text.includes('checkins_approved_id_hash_uq')) return 'id';
  if (text.includes('checkins_approved_dev_number_uq')) return 'devNumber';
  return null;
};
