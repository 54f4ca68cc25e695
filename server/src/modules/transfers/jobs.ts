import { and, eq } from 'drizzle-orm';
import { isTransferOpen, nextTransferStatus } from '@tj/shared';
import type { FastifyInstance } from 'fastify';
import type { TransferDeps } from './deps';
import { JOB_INBOUND_REPORT, reportInbound } from './inbound';
import { checkins, orgs, transferAppeals, transfers } from '../../db/schema';
import { enqueue } from '../../jobs/queue';
import { afterMove, JOB_DEADLINE, JOB_EXTERNAL_POLL, JOB_EXTERNAL_SUBMIT, JOB_REMIND, lockTransfer, move, moveMember, orgRecipients, type StepJobPayload, type TransferRow } from './engine';
import { theRow } from '../../lib/rows';
import { transferDeadlineMessage } from './messages';

/**
 * §7.4 the durable work of transfers. Every handler re-reads the transfer and acts only when
 * it is still at the step generation the job was scheduled for: a step already handled, or
 * a job running twice after a lease takeover, changes nothing.
 */
type JobDeps = TransferDeps & { pollIntervalSeconds: number };

const current = async (deps: JobDeps, p: StepJobPayload): Promise<TransferRow | null> => {
  const [row] = await deps.db
    .select()
    .from(transfers)
    .where(eq(transfers.id, Number(p.transferId)));
  return row && row.stepGeneration === Number(p.generation) && isTransferOpen(row.status) ? row : null;
};

/** §7.4 not handled within 10 days: returned automatically (an appeal left undecided lapses). */
async function expire(deps: JobDeps, p: StepJobPayload) {
  let after: TransferRow | null = null;
  await deps.db.transaction(async (tx) => {
    const row = await lockTransfer(tx, Number(p.transferId));
    if (!row || row.stepGeneration !== Number(p.generation)) return;
    const t = nextTransferStatus(row.status, 'expire');
    if (!t.ok) return;
    const now = deps.now();
    if (row.status === 'appealing') {
      await tx
        .update(transferAppeals)
        .set({ status: 'rejected', decidedAt: now, decisionComment: '超过10天未处理，申诉已失效' })
        .where(and(eq(transferAppeals.transferId, row.id), eq(transferAppeals.status, 'pending')));
    }
    after = await move(tx, row, {
      to: t.status,
      now,
      actorUserId: null,
      outcome: 'expired',
      comment: '超过10天未处理，已自动退回',
      set: row.status === 'appealing' ? {} : { returnReason: '超过10天未处理，已自动退回' },
      audit: 'transfer.expire',
    });
  });
  if (after) await afterMove(deps, after);
}

/** §7.4 day 3 and day 7: remind whoever holds the step; on day 7 its direct superior's admins too (escalation). */
async function remind(deps: JobDeps, p: StepJobPayload) {
  const row = await current(deps, p);
  if (!row || row.stepOrgId == null) return;
  const [holder] = await deps.db.select().from(orgs).where(eq(orgs.id, row.stepOrgId));
  if (!holder) return;
  const day = Number(p.day);
  const left = Math.max(0, 10 - day);
  const to = await orgRecipients(deps.db, [holder.id]);
  if (day >= 7 && holder.parentId != null) {
    const above = await orgRecipients(deps.db, [holder.parentId], true);
    for (const r of above) if (!to.some((x) => x.userId === r.userId)) to.push(r);
  }
  if (to.length === 0) return;
  const what = row.status === 'appealing' ? '转接申诉' : '组织关系转接';
  const message = `${row.memberName}的${what}已等待${day}天，${left}天后将自动退回，请尽快处理（${holder.shortName}）`;
  // the inbox first (a retried job may post twice; the subscribe message after it, as before)
  await deps.db.transaction((tx) =>
    transferDeadlineMessage(
      tx,
      to.map((r) => r.userId),
      row,
      message,
    ),
  );
  await deps.notifier.notify(to, { kind: `transfer.remind.day${day}`, orgId: holder.id, message });
}

/** Hands an approved cross-system transfer to the other system (retried by the queue on failure). */
async function submitExternal(deps: JobDeps, p: StepJobPayload) {
  const row = await current(deps, p);
  if (!row || row.status !== 'awaitingExternal') return;
  if (!row.externalId) {
    const c = theRow(await deps.db.select().from(checkins).where(eq(checkins.id, row.checkinId)), "the transfer's check-in");
    const { externalId } = await deps.externalSystem.submitTransfer({
      transferId: row.id,
      system: row.destinationSystem as 'central' | 'beijing' | 'fujian',
      destinationRegion: row.destinationRegion ?? '',
      destinationOrgRef: row.destinationOrgRef ?? '',
      destinationOrgName: row.destinationOrgName,
      member: { name: row.memberName, idNumber: deps.pii.decrypt(c.idEnc) },
      reason: row.reason,
    });
    const [res] = await deps.db
      .update(transfers)
      .set({ externalId })
      .where(and(eq(transfers.id, row.id), eq(transfers.stepGeneration, row.stepGeneration), eq(transfers.status, 'awaitingExternal')));
    if (res.affectedRows !== 1) return;
  }
  await schedulePoll(deps, row, deps.now());
}

async function schedulePoll(deps: JobDeps, row: TransferRow, now: Date) {
  const at = new Date(now.getTime() + deps.pollIntervalSeconds * 1000);
  // Past the deadline the deadline job returns it; no poll is needed after that.
  if (row.stepDeadline && at > row.stepDeadline) return;
  await enqueue(deps.db, JOB_EXTERNAL_POLL, { transferId: row.id, generation: row.stepGeneration }, at);
}

/** Asks the other system for its answer: confirmed → completed (the member leaves), rejected → returned. */
async function pollExternal(deps: JobDeps, p: StepJobPayload) {
  const row = await current(deps, p);
  if (!row || row.status !== 'awaitingExternal' || !row.externalId) return;
  const result = await deps.externalSystem.fetchResult(row.externalId);
  const now = deps.now();
  if (result.state === 'pending') return schedulePoll(deps, row, now);
  let after: TransferRow | null = null;
  await deps.db.transaction(async (tx) => {
    const locked = await lockTransfer(tx, row.id);
    if (!locked || locked.stepGeneration !== row.stepGeneration) return;
    const t = nextTransferStatus(locked.status, result.state === 'confirmed' ? 'confirmExternal' : 'rejectExternal');
    if (!t.ok) return;
    if (result.state === 'confirmed') {
      await moveMember(tx, locked, null, now);
      after = await move(tx, locked, { to: t.status, now, actorUserId: null, outcome: 'approved', audit: 'transfer.externalConfirm', auditAfter: { externalId: locked.externalId } });
    } else {
      after = await move(tx, locked, {
        to: t.status,
        now,
        actorUserId: null,
        outcome: 'rejected',
        comment: result.reason,
        set: { returnReason: result.reason, returnedStep: 'external', returnedByOrgId: null },
        audit: 'transfer.externalReject',
      });
    }
  });
  if (after) await afterMove(deps, after);
}

export function registerTransferJobs(app: FastifyInstance, transferDeps: TransferDeps) {
  const deps: JobDeps = { ...transferDeps, pollIntervalSeconds: app.config.externalPollIntervalSeconds };
  app.jobs.register(JOB_DEADLINE, (p) => expire(deps, p));
  app.jobs.register(JOB_REMIND, (p) => remind(deps, p));
  app.jobs.register(JOB_EXTERNAL_SUBMIT, (p) => submitExternal(deps, p));
  app.jobs.register(JOB_EXTERNAL_POLL, (p) => pollExternal(deps, p));
  app.jobs.register(JOB_INBOUND_REPORT, (p) => reportInbound(deps, p));
}
