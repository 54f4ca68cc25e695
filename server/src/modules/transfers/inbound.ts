import { createHash } from 'node:crypto';
import { theRow } from '../../lib/rows';
import { and, eq } from 'drizzle-orm';
import { TRANSFERRED_OUT, type InboundTransfer, type LeagueSystem } from '@tj/shared';
import { verifyInbound } from '../../adapters/external-system/inbound-signature';
import type { DbOrTx, Tx } from '../../db/client';
import { checkins, inboundTransfers, orgs } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { isDuplicate } from '../../lib/mysql-errors';
import { enqueue } from '../../jobs/queue';
import { trackCheckinChange } from '../stats/counters';
import type { TransferDeps } from './deps';

/**
 * [003 §四] 从外省转至广东: the other system sends its transfer (signed, idempotent by its
 * id); the member checks in at the receiving branch ("团员需要十个自然日内在广东“智慧团建”系统
 * 向转入团组织进行团员报到"); once approved, "广东系统将在十天内将“报到成功”的结果反馈省外系统"
 * — a durable job tells the sender through the external-system adapter.
 */
export const JOB_INBOUND_REPORT = 'transfer.inbound.report';
declare module '../../jobs/queue' {
  interface JobPayloads {
    [JOB_INBOUND_REPORT]: { inboundId: number };
  }
}

type InboundRow = typeof inboundTransfers.$inferSelect;
const SYSTEMS = ['central', 'beijing', 'fujian'] as const;
type OtherSystem = (typeof SYSTEMS)[number];

/** The sender, when its signature holds (anything else is one refusal: no oracle). */
export function authenticateInbound(deps: Pick<TransferDeps, 'inboundSecrets' | 'now'>, headers: Record<string, unknown>, rawBody: string): OtherSystem {
  const h = (k: string) => (typeof headers[k] === 'string' ? headers[k] : '');
  const system = h('x-tj-system');
  const known = (SYSTEMS as readonly string[]).includes(system);
  if (!known || !verifyInbound(deps.inboundSecrets[system], system, h('x-tj-timestamp'), h('x-tj-signature'), rawBody, deps.now())) {
    throw new AppError('TRANSFER_INBOUND_SIGNATURE');
  }
  return system as OtherSystem;
}

/** The receiving branch: the one named, or the province's 临时中转团组织 [003 五2]. */
async function receivingBranch(db: DbOrTx, toBranchId: string | null | undefined) {
  const [o] = toBranchId
    ? await db
        .select()
        .from(orgs)
        .where(eq(orgs.id, Number(toBranchId)))
    : await db.select().from(orgs).where(eq(orgs.transferRole, 'transit')).limit(1);
  if (!o || o.type !== 'branch' || o.transferRole === 'specialUnitPool') throw new AppError('TRANSFER_DESTINATION_NOT_BRANCH', 'toBranchId');
  return o;
}

const view = (row: InboundRow, branchName: string, duplicate: boolean) => ({ id: String(row.id), status: row.status, toBranchName: branchName, duplicate });

export async function receiveInbound(deps: TransferDeps, system: LeagueSystem, rawBody: string, body: InboundTransfer) {
  const { db, pii } = deps;
  const now = deps.now();
  const bodyHash = createHash('sha256').update(rawBody).digest('hex');
  const [seen] = await db
    .select()
    .from(inboundTransfers)
    .where(and(eq(inboundTransfers.sourceSystem, system), eq(inboundTransfers.externalTransferId, body.transferId)));
  if (seen) return repeat(db, seen, bodyHash);
  const branch = await receivingBranch(db, body.toBranchId);
  const idNumber = body.member.idNumber.toUpperCase();
  const idHash = pii.lookupHash(idNumber);
  try {
    const id = await db.transaction(async (tx) => {
      const [res] = await tx.insert(inboundTransfers).values({
        sourceSystem: system,
        externalTransferId: body.transferId,
        bodyHash,
        memberName: body.member.name,
        idEnc: pii.encrypt(idNumber),
        idHash,
        toBranchId: branch.id,
        fromOrgName: body.fromOrgName ?? null,
        reason: body.reason,
        status: 'awaitingCheckin',
        createdAt: now,
      });
      const newId = Number(res.insertId);
      // Returning after 已转出 [issue 15 item 8]: the kept check-in goes to the receiving
      // branch for review — the transfer in is the only way back, never withdrawn → submitted.
      const [back] = await tx.select().from(checkins).where(eq(checkins.idHash, idHash)).for('update');
      if (back && back.status === TRANSFERRED_OUT) {
        const set = {
          status: 'submitted' as const,
          membershipStatus: 'normal' as const,
          membershipChangedAt: now,
          branchId: branch.id,
          submittedAt: now,
          returnReason: null,
          updatedAt: now,
        };
        await tx
          .update(checkins)
          .set(set)
          .where(and(eq(checkins.id, back.id), eq(checkins.status, TRANSFERRED_OUT)));
        await trackCheckinChange(tx, { branchId: back.branchId, status: back.status, approvedData: back.approvedData, membershipStatus: back.membershipStatus }, set);
      }
      await audit(tx, {
        actorUserId: null,
        orgId: branch.id,
        action: 'transfer.inbound',
        targetType: 'inboundTransfer',
        targetId: newId,
        after: { system, externalTransferId: body.transferId, returning: Boolean(back) },
      });
      return newId;
    });
    const row = theRow(await db.select().from(inboundTransfers).where(eq(inboundTransfers.id, id)), 'the inbound transfer');
    return view(row, branch.fullName ?? branch.shortName, false);
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    // The same request twice at once: the unique (system, id) index decides; answer as a repeat.
    const row = theRow(
      await db
        .select()
        .from(inboundTransfers)
        .where(and(eq(inboundTransfers.sourceSystem, system), eq(inboundTransfers.externalTransferId, body.transferId))),
      'the inbound transfer',
    );
    return repeat(db, row, bodyHash);
  }
}

async function repeat(db: DbOrTx, row: InboundRow, bodyHash: string) {
  if (row.bodyHash !== bodyHash) throw new AppError('TRANSFER_INBOUND_CONFLICT');
  const [b] = await db.select({ name: orgs.fullName }).from(orgs).where(eq(orgs.id, row.toBranchId));
  return view(row, b?.name ?? '', true);
}

/**
 * Called in the transaction that approves a check-in: an inbound transfer waiting for this
 * person is now 报到成功, and the report to the sender is queued with it.
 */
export async function inboundCheckedIn(tx: Tx, checkin: { id: number; idHash: string; branchId: number }, now: Date): Promise<void> {
  const waiting = await tx
    .select()
    .from(inboundTransfers)
    .where(and(eq(inboundTransfers.idHash, checkin.idHash), eq(inboundTransfers.status, 'awaitingCheckin')))
    .for('update');
  for (const w of waiting) {
    await tx.update(inboundTransfers).set({ status: 'checkedIn', checkinId: checkin.id, checkedInAt: now }).where(eq(inboundTransfers.id, w.id));
    await enqueue(tx, JOB_INBOUND_REPORT, { inboundId: w.id }, now, { maxAttempts: 20 });
    await audit(tx, { actorUserId: null, orgId: checkin.branchId, action: 'transfer.inboundCheckedIn', targetType: 'inboundTransfer', targetId: w.id, after: { checkinId: checkin.id } });
  }
}

/** The job: tell the sender 报到成功 (the adapter call is idempotent; retried on failure). */
export async function reportInbound(deps: TransferDeps, p: { inboundId: number }): Promise<void> {
  const [row] = await deps.db
    .select()
    .from(inboundTransfers)
    .where(eq(inboundTransfers.id, Number(p.inboundId)));
  if (!row || row.status !== 'checkedIn') return;
  await deps.externalSystem.reportCheckedIn(row.sourceSystem as OtherSystem, row.externalTransferId, row.checkedInAt ?? deps.now());
  await deps.db.transaction(async (tx) => {
    const [res] = await tx
      .update(inboundTransfers)
      .set({ status: 'reported', reportedAt: deps.now() })
      .where(and(eq(inboundTransfers.id, row.id), eq(inboundTransfers.status, 'checkedIn')));
    if (res.affectedRows === 1)
      await audit(tx, { actorUserId: null, orgId: row.toBranchId, action: 'transfer.inboundReported', targetType: 'inboundTransfer', targetId: row.id, after: { system: row.sourceSystem } });
  });
}
