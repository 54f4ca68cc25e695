import { eq } from 'drizzle-orm';
import {
  CertOptionalSchema,
  CertStepEditPolicy,
  CertSteps,
  deriveIdentity,
  isCheckinApproved,
  isCheckinEditable,
  makeCertContactSchema,
  makeCertIdentitySchema,
  makeCertLeagueSchema,
  makeCertificationSchema,
  membershipBlocksCheckinEdit,
  nextCheckinStatus,
  todayInChina,
  type CertStep,
  type MyCheckin,
} from '@tj/shared';
import type { z } from 'zod';
import type { Db, DbOrTx, Tx } from '../../db/client';
import { checkins } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { checkWith } from '../../lib/check-with';
import { isDuplicate } from '../../lib/mysql-errors';
import type { Pii } from '../../lib/pii';
import { trackCheckinChange } from '../stats/counters';
import { enqueueRealName, realNameKey, realNameOnSubmit } from './real-name';
import { assertBranch, assertDevNumberFree, assertNotApprovedElsewhere, holdsRosterPosition, submitFacts } from './rules';
import { STEP_ORDER, fullData, toMyCheckin, type CheckinRow } from './view';

/** What the member's check-in services need besides the database. */
export interface MemberDeps {
  pii: Pii;
  now: Date;
}

const todayOf = (now: Date) => todayInChina(now);

/**
 * The whole form's schema for a day and a roster answer. zod compiles a schema on its first
 * parse; built per submit, that compiling was most of the validation's cost (issue 8, P1).
 * Two entries a day; yesterday's are dropped.
 */
const certSchemas = new Map<string, ReturnType<typeof makeCertificationSchema>>();
function certificationSchema(today: string, holdsRosterPosition: boolean) {
  const key = `${today}|${holdsRosterPosition}`;
  let schema = certSchemas.get(key);
  if (!schema) {
    for (const k of certSchemas.keys()) if (!k.startsWith(`${today}|`)) certSchemas.delete(k);
    certSchemas.set(key, (schema = makeCertificationSchema({ today, holdsRosterPosition })));
  }
  return schema;
}

/**
 * The member's row locked — only when it exists. `FOR UPDATE` on a missing row takes a gap
 * lock, and two first saves holding gap locks then both inserting deadlock (issue 12 item 7:
 * 14 % of 24 simultaneous first saves answered 500). So a plain read decides: an existing row
 * is locked (a record lock, no gap), a missing one is not, and the first save's INSERT is
 * refereed by the unique index on user_id (saveIdentity).
 */
async function lockedRow(tx: Tx, userId: number): Promise<CheckinRow | undefined> {
  const [exists] = await checkinIdQuery(tx, userId);
  if (!exists) return undefined;
  const [row] = await lockCheckinQuery(tx, exists.id);
  return row;
}

// lockedRow's statements; the bench's raw side (scripts/bench) sends the same ones.
export const checkinIdQuery = (db: DbOrTx, userId: number) => db.select({ id: checkins.id }).from(checkins).where(eq(checkins.userId, userId));
export const lockCheckinQuery = (db: DbOrTx, id: number) => db.select().from(checkins).where(eq(checkins.id, id)).for('update');

export async function getMyCheckin(db: Db, pii: Pii, userId: number): Promise<MyCheckin> {
  const [row] = await db.select().from(checkins).where(eq(checkins.userId, userId));
  return toMyCheckin(db, pii, row);
}

/** The identity values saved so far, as the later steps' schemas take them. */
const identityOf = (row: CheckinRow, pii: Pii) => {
  const d = fullData(row, pii);
  return { idType: d.idType, idNumber: d.idNumber, birthDate: d.birthDate, gender: d.gender, joinedAt: d.joinedAt };
};

/** Only the step's own fields, missing ones cleared, so a step saves exactly what it shows. */
function pickStep(step: CertStep, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(CertSteps[step].map((k) => [k, values[k] ?? null]));
}

const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : (v ?? null));

/**
 * §4.3 saves one step of the form as a draft (leave and come back → resume there). Before
 * the first approval the steps go in order and any may be changed; while waiting for
 * review nothing changes (withdraw first); after approval identity is locked, league data
 * becomes an edit sent for review, contact and optional data apply at once.
 */
export async function saveStep(db: Db, deps: MemberDeps, userId: number, step: CertStep, body: unknown): Promise<MyCheckin> {
  const { pii, now } = deps;
  const today = todayOf(now);
  const index = STEP_ORDER.indexOf(step);
  const saved = await runWithRowLock(db, userId, async (tx, row) => {
    if (membershipBlocksCheckinEdit(row?.membershipStatus)) throw new AppError('MEMBERSHIP_ENDED');
    const status = row?.status ?? null;
    const approved = isCheckinApproved(status);
    if (approved && CertStepEditPolicy[step] === 'locked') throw new AppError('CHECKIN_IDENTITY_LOCKED', 'idNumber');
    if (!approved && !isCheckinEditable(status)) throw new AppError('CHECKIN_NOT_EDITABLE');
    if (index > (row?.savedSteps ?? 0)) throw new AppError('CHECKIN_STEP_ORDER');

    if (step === 'identity') return saveIdentity(tx, deps, userId, row, body, today);
    const current = row!;
    const context = { identity: identityOf(current, pii), today };
    const schema: z.ZodType<Record<string, unknown>> = step === 'league' ? makeCertLeagueSchema(context) : step === 'contact' ? makeCertContactSchema(context) : CertOptionalSchema;
    const values = pickStep(step, checkWith(schema, body));

    const set: Partial<typeof checkins.$inferInsert> = {};
    if (step === 'league') {
      values.developmentNumber = emptyToNull(values.developmentNumber);
      await assertDevNumberFree(tx, values.developmentNumber as string | null, current.idHash);
      set.developmentNumber = values.developmentNumber as string | null;
    }
    const draft = { ...current.draft, ...values };
    set.draft = draft;
    set.savedSteps = Math.max(current.savedSteps, index + 1);

    if (approved && CertStepEditPolicy[step] === 'free') {
      // §4.3 contact / optional data: no review, so straight into the data in force.
      set.approvedData = { ...(current.approvedData ?? {}), ...values };
    } else if (approved) {
      // §4.2 league data after approval: an edit for review; the approved data stays in force.
      const unchanged = CertSteps.league.every((k) => JSON.stringify(current.approvedData?.[k] ?? null) === JSON.stringify(values[k] ?? null));
      if (unchanged && status === 'approved') return current.id;
      const t = nextCheckinStatus(status, 'submitEdit');
      if (!t.ok) throw new AppError(t.code);
      Object.assign(set, { status: t.status, submittedAt: now, returnReason: null });
      await audit(tx, {
        actorUserId: userId,
        orgId: current.branchId,
        action: 'checkin.submitEdit',
        targetType: 'checkin',
        targetId: current.id,
        before: { status },
        after: { status: t.status },
      });
    }
    await tx.update(checkins).set(set).where(eq(checkins.id, current.id));
    await trackCheckinChange(tx, current, set);
    return current.id;
  });
  const [row] = await db.select().from(checkins).where(eq(checkins.id, saved));
  return toMyCheckin(db, pii, row);
}

/** Step 1: identity, checked against the roster (§5.3), the branch (§4.1) and other check-ins (§5.1). */
async function saveIdentity(tx: Tx, deps: MemberDeps, userId: number, row: CheckinRow | undefined, body: unknown, today: string): Promise<number> {
  const { pii } = deps;
  // The roster lookup needs the ID number before the rules run; a malformed one simply has no roster row.
  const rawId = typeof (body as { idNumber?: unknown })?.idNumber === 'string' ? (body as { idNumber: string }).idNumber.trim().toUpperCase() : '';
  const holds = rawId ? await holdsRosterPosition(tx, pii.lookupHash(rawId)) : false;
  const parsed = checkWith(makeCertIdentitySchema({ today, holdsRosterPosition: holds }), body);
  await assertBranch(tx, parsed.branchId);
  const idHash = pii.lookupHash(parsed.idNumber);
  await assertNotApprovedElsewhere(tx, idHash, userId);

  // §4.3 birth date and gender come from a mainland ID, never from what was typed.
  const facts = deriveIdentity(parsed, today);
  const { idNumber, ...rest } = parsed;
  const values = pickStep('identity', { ...rest, birthDate: facts.birthDate ?? parsed.birthDate, gender: facts.gender ?? parsed.gender });
  delete values.idNumber;
  const idFields = { idEnc: pii.encrypt(idNumber), idHash, branchId: Number(parsed.branchId) };

  if (!row) {
    // Lock-free first insert (no gap lock was taken, see lockedRow); when a parallel first
    // save of the same member won, this save applies to that row like any later save.
    try {
      const [res] = await tx.insert(checkins).values({ userId, draft: values, savedSteps: 1, ...idFields });
      await trackCheckinChange(tx, undefined, { branchId: idFields.branchId, status: null, approvedData: null });
      return Number(res.insertId);
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
    // A locking read: it sees the winner's committed row, which this transaction's snapshot does not.
    [row] = await tx.select().from(checkins).where(eq(checkins.userId, userId)).for('update');
    if (!row) throw new AppError('CONFLICT');
    if (row.status !== null && !isCheckinEditable(row.status)) throw new AppError('CHECKIN_NOT_EDITABLE');
  }
  const sameId = row.idHash === idHash;
  await tx
    .update(checkins)
    .set({
      draft: { ...row.draft, ...values },
      savedSteps: Math.max(row.savedSteps, 1),
      branchId: idFields.branchId,
      idHash,
      // Re-encrypting an unchanged ID would only churn the ciphertext.
      idEnc: sameId ? row.idEnc : idFields.idEnc,
    })
    .where(eq(checkins.id, row.id));
  await trackCheckinChange(tx, row, { branchId: idFields.branchId });
  return row.id;
}

/** Runs `fn` in a transaction holding the member's check-in row (if any) locked. */
async function runWithRowLock<T>(db: Db, userId: number, fn: (tx: Tx, row: CheckinRow | undefined) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => fn(tx, await lockedRow(tx, userId)));
}

/**
 * §4.1 step 3: the whole form is checked again (every rule of §4.3/§5 with today's date and
 * the roster's answer), the state machine moves to `submitted`, and real-name verification
 * is enqueued in the same transaction — the response never waits for the provider.
 */
export async function submitCheckin(db: Db, deps: MemberDeps, userId: number): Promise<MyCheckin> {
  const { pii, now } = deps;
  const { row, branch } = await runWithRowLock(db, userId, async (tx, row) => {
    if (!row) throw new AppError('CHECKIN_STEP_ORDER');
    if (membershipBlocksCheckinEdit(row.membershipStatus)) throw new AppError('MEMBERSHIP_ENDED');
    const status = row.status;
    const t = nextCheckinStatus(status, 'submit');
    if (!t.ok) throw new AppError(t.code);
    if (row.savedSteps < STEP_ORDER.indexOf('contact') + 1) throw new AppError('CHECKIN_STEP_ORDER');

    const data = fullData(row, pii);
    const facts = await submitFacts(tx, row);
    checkWith(certificationSchema(todayOf(now), facts.holdsRosterPosition), data);
    const branch = await facts.assert();

    const rn = realNameOnSubmit(row, realNameKey(pii, String(data.name), String(data.idNumber)));
    const set = { status: t.status, submittedAt: now, returnReason: null, ...(rn.start ? rn.set : {}) };
    await tx.update(checkins).set(set).where(eq(checkins.id, row.id));
    await trackCheckinChange(tx, row, { status: t.status });
    if (rn.start) await enqueueRealName(tx, { checkinId: row.id, generation: rn.set.realNameGeneration, attempt: 1 }, now);
    await audit(tx, {
      actorUserId: userId,
      orgId: row.branchId,
      action: 'checkin.submit',
      targetType: 'checkin',
      targetId: row.id,
      before: { status },
      after: { status: t.status, realNameStatus: rn.start ? rn.set.realNameStatus : row.realNameStatus },
    });
    // The row as written (only updated_at, not shown, differs) and its branch, read above:
    // the response needs no second read of either (issue 8, P1).
    return { row: { ...row, ...set }, branch: { org: branch, ancestorNames: facts.ancestorNames } };
  });
  return toMyCheckin(db, pii, row, branch);
}

/** §4.1 step 5 [003 §二 6.2.3]: pull a waiting check-in back to edit it or change branch. */
export async function withdrawCheckin(db: Db, deps: MemberDeps, userId: number, reason?: string): Promise<MyCheckin> {
  const { pii } = deps;
  const id = await runWithRowLock(db, userId, async (tx, row) => {
    if (membershipBlocksCheckinEdit(row?.membershipStatus)) throw new AppError('MEMBERSHIP_ENDED');
    const status = row?.status ?? null;
    const t = nextCheckinStatus(status, 'withdraw');
    if (!t.ok || !row) throw new AppError(t.ok ? 'CHECKIN_NOT_WITHDRAWABLE' : t.code);
    await tx.update(checkins).set({ status: t.status }).where(eq(checkins.id, row.id));
    await trackCheckinChange(tx, row, { status: t.status });
    await audit(tx, {
      actorUserId: userId,
      orgId: row.branchId,
      action: 'checkin.withdraw',
      targetType: 'checkin',
      targetId: row.id,
      before: { status },
      after: { status: t.status, ...(reason ? { reason } : {}) },
    });
    return row.id;
  });
  const [row] = await db.select().from(checkins).where(eq(checkins.id, id));
  return toMyCheckin(db, pii, row);
}
