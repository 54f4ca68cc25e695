import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import {
  isTransferOpen,
  TRANSFERRED_OUT,
  transferStepDays,
  type StepClock,
  transferHolder,
  transferReminderTimes,
  transferStepDeadline,
  type AuditAction,
  type ErrorCode,
  type TransferStatus,
  type TransferStepOutcome,
} from '@tj/shared';
import type { DbOrTx, Tx } from '../../db/client';
import { checkins, membershipHistory, orgs, rosterEntries, transferAppeals, transferSteps, transfers, users } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { enqueue } from '../../jobs/queue';
import { trackCheckinChange } from '../stats/counters';
import type { NotifyDeps } from './deps';
import { transferMoveMessages, transferWaitingMessage } from './messages';

/**
 * The moves every transfer makes, whoever causes them (a member, an org, a deadline job,
 * the other system's answer). Each runs inside the caller's transaction and is one
 * conditional UPDATE on the status and step generation read: a second approval, an approval
 * racing a withdrawal, or a job for a step already handled finds nothing to update.
 */
export type TransferRow = typeof transfers.$inferSelect;
export type OrgRow = typeof orgs.$inferSelect;

export const JOB_DEADLINE = 'transfer.deadline';
export const JOB_REMIND = 'transfer.remind';
export const JOB_EXTERNAL_SUBMIT = 'transfer.external.submit';
export const JOB_EXTERNAL_POLL = 'transfer.external.poll';

export interface StepJobPayload {
  transferId: number;
  generation: number;
  day?: number;
}

declare module '../../jobs/queue' {
  interface JobPayloads {
    [JOB_DEADLINE]: StepJobPayload;
    [JOB_REMIND]: StepJobPayload;
    [JOB_EXTERNAL_SUBMIT]: StepJobPayload;
    [JOB_EXTERNAL_POLL]: StepJobPayload;
  }
}

export async function lockTransfer(tx: DbOrTx, id: number): Promise<TransferRow | undefined> {
  const [row] = await tx.select().from(transfers).where(eq(transfers.id, id)).for('update');
  return row;
}

/** The org holding a transfer in `status` (null: closed, or the other system holds it). */
export async function holderOrgId(tx: DbOrTx, row: TransferRow, status: TransferStatus): Promise<number | null> {
  switch (transferHolder(status)) {
    case 'out':
      return row.fromBranchId;
    case 'in':
      return row.toOrgId;
    case 'appeal': {
      const [a] = await tx
        .select({ orgId: transferAppeals.decidingOrgId })
        .from(transferAppeals)
        .where(and(eq(transferAppeals.transferId, row.id), eq(transferAppeals.status, 'pending')));
      return a?.orgId ?? null;
    }
    default:
      return null;
  }
}

/**
 * The clock of a step: the season of the application [004 (2.2)(i)] and, for the provincial
 * committee's step of a transfer into the special-unit pool, 15 days [004 §二(三)6(4)].
 */
export async function stepClock(tx: DbOrTx, row: Pick<TransferRow, 'createdAt' | 'toOrgId'>, holder: string | null, appliedAt?: Date): Promise<StepClock> {
  let pool = false;
  if (holder === 'in' && row.toOrgId != null) {
    const [o] = await tx.select({ role: orgs.transferRole }).from(orgs).where(eq(orgs.id, row.toOrgId));
    pool = o?.role === 'specialUnitPool';
  }
  return { appliedAt: appliedAt ?? row.createdAt, days: transferStepDays(pool) };
}

const STEP_KIND = { out: 'out', in: 'in', external: 'external', appeal: 'appeal' } as const;

export interface Move {
  to: TransferStatus;
  now: Date;
  actorUserId: number | null;
  /** The org on whose behalf the actor acted (audit), if any. */
  actingOrgId?: number | null;
  /** How the step being left ended. */
  outcome: TransferStepOutcome;
  comment?: string | null;
  /** Extra columns to write with the move. */
  set?: Partial<typeof transfers.$inferInsert>;
  /** The code when the transfer moved on meanwhile. */
  conflict?: ErrorCode;
  audit: AuditAction;
  auditAfter?: Record<string, unknown>;
}

/**
 * Moves `row` to `m.to`: closes the step it leaves, opens the next one (with its 10-day
 * deadline and day-3/day-7 reminders as durable jobs carrying the new generation), keeps
 * `open_user_id` set exactly while the transfer is open, and writes the audit row.
 */
export async function move(tx: Tx, row: TransferRow, m: Move): Promise<TransferRow> {
  const generation = row.stepGeneration + 1;
  const open = isTransferOpen(m.to);
  const holder = transferHolder(m.to);
  const merged = { ...row, ...(m.set ?? {}) };
  const stepOrgId = open ? await holderOrgId(tx, merged, m.to) : null;
  const clock = await stepClock(tx, merged, holder);
  const deadline = open ? transferStepDeadline(m.now, clock) : null;
  const [res] = await tx
    .update(transfers)
    .set({
      ...(m.set ?? {}),
      status: m.to,
      stepOrgId,
      stepSince: open ? m.now : null,
      stepDeadline: deadline,
      stepGeneration: generation,
      openUserId: open ? row.memberUserId : null,
      closedAt: open ? null : m.now,
      updatedAt: m.now,
    })
    .where(and(eq(transfers.id, row.id), eq(transfers.status, row.status), eq(transfers.stepGeneration, row.stepGeneration)));
  if (res.affectedRows !== 1) throw new AppError(m.conflict ?? 'TRANSFER_NOT_PENDING');

  await tx
    .update(transferSteps)
    .set({ outcome: m.outcome, handledAt: m.now, handledBy: m.actorUserId, actingOrgId: m.actingOrgId ?? null, comment: m.comment ?? null })
    .where(and(eq(transferSteps.transferId, row.id), eq(transferSteps.outcome, 'pending')));

  if (open && holder) {
    await tx.insert(transferSteps).values({ transferId: row.id, kind: STEP_KIND[holder], orgId: stepOrgId, outcome: 'pending', since: m.now, deadline });
    await scheduleStepJobs(tx, row.id, generation, holder, m.now, clock);
  }
  await audit(tx, {
    actorUserId: m.actorUserId,
    orgId: m.actingOrgId ?? row.stepOrgId ?? row.fromBranchId,
    action: m.audit,
    targetType: 'transfer',
    targetId: row.id,
    before: { status: row.status, generation: row.stepGeneration },
    after: { status: m.to, generation, ...(m.comment ? { comment: m.comment } : {}), ...(m.auditAfter ?? {}) },
  });
  const after = { ...merged, status: m.to, stepOrgId, stepGeneration: generation, openUserId: open ? row.memberUserId : null };
  await transferMoveMessages(tx, after, m);
  return after;
}

/** §7.4 the deadline and the reminders of a step, or the other system's submission and polling. */
export async function scheduleStepJobs(tx: DbOrTx, transferId: number, generation: number, holder: string, since: Date, clock: StepClock = {}): Promise<void> {
  const payload = { transferId, generation };
  await enqueue(tx, JOB_DEADLINE, payload, transferStepDeadline(since, clock));
  if (holder === 'external') {
    await enqueue(tx, JOB_EXTERNAL_SUBMIT, payload, since, { maxAttempts: 10 });
    return;
  }
  for (const r of transferReminderTimes(since, clock)) await enqueue(tx, JOB_REMIND, { ...payload, day: r.day }, r.at);
}

/** Opens the first step of a new transfer (the row was inserted with status and generation 1). */
export async function openFirstStep(tx: DbOrTx, row: Pick<TransferRow, 'id' | 'status' | 'stepOrgId' | 'stepGeneration'> & Partial<Pick<TransferRow, 'toOrgId'>>, now: Date) {
  const holder = transferHolder(row.status);
  if (!holder) return;
  const clock = await stepClock(tx, { createdAt: now, toOrgId: row.toOrgId ?? null }, holder);
  const deadline = transferStepDeadline(now, clock);
  await tx.insert(transferSteps).values({ transferId: row.id, kind: holder, orgId: row.stepOrgId, outcome: 'pending', since: now, deadline });
  // The row was inserted with the plain 10-day deadline; a season or a 15-day step moves it.
  await tx.update(transfers).set({ stepDeadline: deadline }).where(eq(transfers.id, row.id));
  await scheduleStepJobs(tx, row.id, row.stepGeneration, holder, now, clock);
  const [t] = await tx.select({ id: transfers.id, memberName: transfers.memberName, stepOrgId: transfers.stepOrgId }).from(transfers).where(eq(transfers.id, row.id));
  if (t) await transferWaitingMessage(tx, t, row.status);
}

/**
 * §7.2 completion: the member's branch changes in the same transaction as the status — the
 * UPDATE is conditional on the branch the transfer started from, so the member is never in
 * two branches nor in none. Out-of-province, the member leaves our system: the check-in
 * becomes 已转出 [issue 15 item 8] — not withdrawn, so no re-check-in here; its ID and
 * development number are freed, and a return is a transfer in (inbound.ts).
 */
export async function moveMember(tx: Tx, row: TransferRow, toBranchId: number | null, now: Date): Promise<void> {
  const [c] = await tx.select().from(checkins).where(eq(checkins.id, row.checkinId)).for('update');
  if (!c || c.branchId !== row.fromBranchId || c.approvedIdHash == null) throw new AppError('TRANSFER_MEMBER_NOT_IN_BRANCH');
  const set =
    toBranchId != null
      ? { branchId: toBranchId }
      : // 已转出 is both the check-in's state and the 团籍状态 (issue 16 part 3): the counters drop them
        { status: TRANSFERRED_OUT, membershipStatus: 'transferredOut' as const, membershipChangedAt: now, approvedIdHash: null, approvedDevNumber: null, returnReason: null };
  const [res] = await tx
    .update(checkins)
    .set({ ...set, updatedAt: now })
    .where(and(eq(checkins.id, c.id), eq(checkins.branchId, row.fromBranchId)));
  if (res.affectedRows !== 1) throw new AppError('TRANSFER_MEMBER_NOT_IN_BRANCH');
  // The subtree statistics (modules/stats) move with the member, in the same transaction.
  await trackCheckinChange(tx, { branchId: c.branchId, status: c.status, approvedData: c.approvedData, membershipStatus: c.membershipStatus }, set);
  await tx
    .insert(membershipHistory)
    .values([
      { checkinId: c.id, userId: c.userId, orgId: row.fromBranchId, event: 'out', transferId: row.id, at: now },
      ...(toBranchId != null ? [{ checkinId: c.id, userId: c.userId, orgId: toBranchId, event: 'in' as const, transferId: row.id, at: now }] : []),
    ]);
}

/** Operators and admins of an org (onboarded), with their WeChat openids: who a reminder reaches. */
export async function orgRecipients(db: DbOrTx, orgIds: number[], adminsOnly = false) {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ userId: users.id, openid: users.wxOpenid })
    .from(rosterEntries)
    .innerJoin(users, eq(users.id, rosterEntries.userId))
    .where(
      and(
        inArray(rosterEntries.orgId, orgIds),
        isNotNull(rosterEntries.onboardedAt),
        adminsOnly ? eq(rosterEntries.isAdmin, true) : or(eq(rosterEntries.isOperator, true), eq(rosterEntries.isAdmin, true)),
      ),
    );
  return rows.map((r) => ({ userId: r.userId, openid: r.openid }));
}

export async function userRecipient(db: DbOrTx, userId: number) {
  const [u] = await db.select({ userId: users.id, openid: users.wxOpenid }).from(users).where(eq(users.id, userId));
  return u ? [{ userId: u.userId, openid: u.openid }] : [];
}

/**
 * Best effort after the change committed: a failed notification never undoes a transfer step
 * (the day-3 / day-7 reminders are durable jobs and do retry).
 */
export async function notifyAfterCommit(deps: Pick<NotifyDeps, 'log'>, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {
    deps.log.warn({ err }, 'transfer notification failed');
  }
}

/** Notifies the holders of a transfer's current step that it waits for them. */
export async function notifyHolder(deps: NotifyDeps, row: Pick<TransferRow, 'id' | 'stepOrgId' | 'memberName' | 'status'>) {
  if (row.stepOrgId == null) return;
  const orgId = row.stepOrgId;
  await notifyAfterCommit(deps, async () => {
    const to = await orgRecipients(deps.db, [orgId]);
    const what = row.status === 'appealing' ? '转接申诉' : '组织关系转接';
    if (to.length) await deps.notifier.notify(to, { kind: 'transfer.waiting', orgId, message: `${row.memberName}的${what}待您审批` });
  });
}

/** Tells the member how their transfer ended (completed / returned / expired). */
export async function notifyMember(deps: NotifyDeps, row: Pick<TransferRow, 'memberUserId' | 'fromBranchId'>, kind: string, message: string) {
  await notifyAfterCommit(deps, async () => {
    await deps.notifier.notify(await userRecipient(deps.db, row.memberUserId), { kind, orgId: null, message });
  });
}

/** Who to tell after a move: the next holder, or the member about the result. */
export async function afterMove(deps: NotifyDeps, row: TransferRow) {
  if (row.status === 'completed') await notifyMember(deps, row, 'transfer.completed', '您的组织关系转接已办理成功');
  else if (row.status === 'rejected' || row.status === 'expired') await notifyMember(deps, row, `transfer.${row.status}`, '您的组织关系转接已被退回，可查看原因后重新申请');
  else if (row.stepOrgId != null) await notifyHolder(deps, row);
}
