import { and, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { ClaimVerify, MyClaim } from '@tj/shared';
import type { RealNameVerifier } from '../../adapters/real-name/types';
import type { Db, DbOrTx } from '../../db/client';
import { checkins, memberClaims, membershipHistory, orgs, transferAppeals, transfers, twoSystemsRecords, users } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import type { Pii } from '../../lib/pii';
import { enqueue } from '../../jobs/queue';
import { recordVerifiedIdentity, verifiedIdHash } from '../accounts/identity';
import { insertPlaceholderAccount } from './service';

/**
 * 认领团员信息 (issue 16 part 5): a member entered by an org is claimed by the person once their
 * ID is proven — identity by proof, never by claim. The proof is the same real-name check a
 * check-in passes (a durable job, never inside the request); on 'pass' the account's verified
 * identity is recorded (accounts/identity.ts, first verification wins). Only then is the entered
 * record whose approved ID hash equals the account's verified one offered, and only the person's
 * 确认 binds it (as roster lines: "是否确认？ 确认 / 不是我"). A record already claimed is never
 * offered again, so a second account with the same ID cannot take it.
 */
export const CLAIM_VERIFY_JOB = 'memberClaim.verify';
/** Real-name checks one account may ask for on 认领团员信息. */
export const CLAIM_MAX_VERIFICATIONS = 5;

declare module '../../jobs/queue' {
  interface JobPayloads {
    [CLAIM_VERIFY_JOB]: { claimId: number };
  }
}

export interface ClaimDeps {
  db: Db;
  pii: Pii;
  verifier: RealNameVerifier;
  now: () => Date;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

async function ownCheckin(db: DbOrTx, userId: number) {
  const [row] = await db.select().from(checkins).where(eq(checkins.userId, userId));
  return row;
}

/** The unclaimed entered record of a proven ID, unless this account said 不是我 to it. */
async function offerFor(db: DbOrTx, userId: number, idHash: string) {
  const [row] = await db
    .select({ c: checkins, b: orgs })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(and(eq(checkins.approvedIdHash, idHash), isNotNull(checkins.enteredAt), isNull(checkins.claimedAt)));
  if (!row) return null;
  const [declined] = await db
    .select({ id: memberClaims.id })
    .from(memberClaims)
    .where(and(eq(memberClaims.userId, userId), eq(memberClaims.declinedCheckinId, row.c.id)))
    .limit(1);
  return declined ? null : row;
}

export async function myClaim(db: Db, userId: number): Promise<MyClaim> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('UNAUTHORIZED');
  const own = await ownCheckin(db, userId);
  if (own?.enteredAt && own.claimedAt) return { state: 'claimed', offer: null };
  const hash = verifiedIdHash(user);
  if (hash) {
    const offer = await offerFor(db, userId, hash);
    if (!offer) return { state: 'noRecord', offer: null };
    const d = offer.c.approvedData ?? {};
    return {
      state: 'offer',
      offer: {
        id: String(offer.c.id),
        name: text(d.name),
        branchName: offer.b.alias || offer.b.shortName,
        branchFullName: offer.b.fullName ?? offer.b.shortName,
        joinedAt: text(d.joinedAt),
      },
    };
  }
  const [last] = await db.select().from(memberClaims).where(eq(memberClaims.userId, userId)).orderBy(desc(memberClaims.id)).limit(1);
  if (last?.status === 'verifying') return { state: 'verifying', offer: null };
  if (last?.status === 'failed') return { state: 'failed', offer: null };
  return { state: 'none', offer: null };
}

/**
 * Asks for the real-name check of a name + ID. Refused while one runs, and for an account whose
 * own check-in was already sent (it is a member through that one). An account already proven
 * needs no check: its state answers at once.
 */
export async function requestVerification(db: Db, pii: Pii, userId: number, body: ClaimVerify, now: Date): Promise<MyClaim> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw new AppError('UNAUTHORIZED');
    if (verifiedIdHash(user)) return;
    const own = await ownCheckin(tx, userId);
    if (own && own.status !== null) throw new AppError('CLAIM_HAS_CHECKIN');
    const [last] = await tx.select().from(memberClaims).where(eq(memberClaims.userId, userId)).orderBy(desc(memberClaims.id)).limit(1);
    if (last?.status === 'verifying') throw new AppError('CLAIM_VERIFYING');
    // each check asks the real-name provider about a name + ID: a few per account, no probing
    const [tries] = await tx
      .select({ n: count() })
      .from(memberClaims)
      .where(and(eq(memberClaims.userId, userId), isNull(memberClaims.declinedCheckinId)));
    if (Number(tries?.n ?? 0) >= CLAIM_MAX_VERIFICATIONS) throw new AppError('RATE_LIMITED');
    const [res] = await tx.insert(memberClaims).values({ userId, name: body.name, idEnc: pii.encrypt(body.idNumber), idHash: pii.lookupHash(body.idNumber), status: 'verifying' });
    await enqueue(tx, CLAIM_VERIFY_JOB, { claimId: Number(res.insertId) }, now);
  });
  return myClaim(db, userId);
}

/** The job: one real-name check; on pass the account's identity is proven (nothing is bound yet). */
export async function runClaimVerification(deps: ClaimDeps, p: { claimId: number }): Promise<void> {
  const [claim] = await deps.db
    .select()
    .from(memberClaims)
    .where(eq(memberClaims.id, Number(p.claimId)));
  if (!claim || claim.status !== 'verifying') return;
  const result = await deps.verifier.verify(claim.name, deps.pii.decrypt(claim.idEnc), { attempt: 1 });
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const status = result === 'pass' ? 'passed' : 'failed';
    const [res] = await tx
      .update(memberClaims)
      .set({ status, attempts: claim.attempts + 1, decidedAt: now })
      .where(and(eq(memberClaims.id, claim.id), eq(memberClaims.status, 'verifying')));
    if (res.affectedRows !== 1) return;
    if (status === 'passed') await recordVerifiedIdentity(tx, claim.userId, claim, now);
  });
}

/**
 * 确认: binds the offered record to the account. Everything the offer rested on is re-checked
 * under the row's lock (entered, unclaimed, the account's proven ID equals the record's). A
 * draft of the account's own that was never sent moves to a placeholder account (kept, never
 * deleted); a sent one refuses the claim. The record's history keyed by its placeholder account
 * (transfers, 两制 records, membership history) moves with it.
 */
export async function confirmClaim(db: Db, userId: number, memberId: number, now: Date): Promise<MyClaim> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    const hash = user ? verifiedIdHash(user) : null;
    if (!hash) throw new AppError('CLAIM_NOT_AVAILABLE');
    const [c] = await tx.select().from(checkins).where(eq(checkins.id, memberId)).for('update');
    if (!c || !c.enteredAt || c.claimedAt) throw new AppError('CLAIM_NOT_AVAILABLE');
    if (c.approvedIdHash !== hash) throw new AppError('CLAIM_ID_MISMATCH');
    const own = await ownCheckin(tx, userId);
    if (own && own.status !== null) throw new AppError('CLAIM_HAS_CHECKIN');
    if (own) {
      const holder = await insertPlaceholderAccount(tx);
      await tx.update(checkins).set({ userId: holder }).where(eq(checkins.id, own.id));
    }
    const placeholder = c.userId;
    const [res] = await tx
      .update(checkins)
      .set({ userId, claimedAt: now })
      .where(and(eq(checkins.id, c.id), isNull(checkins.claimedAt)));
    if (res.affectedRows !== 1) throw new AppError('CLAIM_NOT_AVAILABLE');
    await tx.update(transfers).set({ memberUserId: userId }).where(eq(transfers.memberUserId, placeholder));
    await tx.update(transfers).set({ openUserId: userId }).where(eq(transfers.openUserId, placeholder));
    await tx.update(transferAppeals).set({ memberUserId: userId }).where(eq(transferAppeals.memberUserId, placeholder));
    await tx.update(membershipHistory).set({ userId }).where(eq(membershipHistory.userId, placeholder));
    await tx.update(twoSystemsRecords).set({ userId }).where(eq(twoSystemsRecords.userId, placeholder));
    await audit(tx, { actorUserId: userId, orgId: c.branchId, action: 'member.claim', targetType: 'checkin', targetId: c.id, after: { ...(own ? { ownDraftId: own.id } : {}) } });
  });
  return myClaim(db, userId);
}

/** 不是我: the record is not offered to this account again; the org keeps it unclaimed. */
export async function declineClaim(db: Db, pii: Pii, userId: number, memberId: number, now: Date): Promise<MyClaim> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    const hash = user ? verifiedIdHash(user) : null;
    if (!user || !hash) throw new AppError('CLAIM_NOT_AVAILABLE');
    const offer = await offerFor(tx, userId, hash);
    if (!offer || offer.c.id !== memberId) throw new AppError('CLAIM_NOT_AVAILABLE');
    await tx.insert(memberClaims).values({
      userId,
      name: text(offer.c.approvedData?.name).slice(0, 30),
      idEnc: user.idEnc ?? pii.encrypt(''),
      idHash: hash,
      status: 'passed',
      declinedCheckinId: memberId,
      decidedAt: now,
    });
    await audit(tx, { actorUserId: userId, orgId: offer.c.branchId, action: 'member.claimDecline', targetType: 'checkin', targetId: memberId });
  });
  return myClaim(db, userId);
}
