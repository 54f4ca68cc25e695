import { and, asc, eq } from 'drizzle-orm';
import { nextTransferStatus, type AppealDecision, type TransferAppeal } from '@tj/shared';
import { transferAppeals, transfers } from '../../db/schema';
import { AppError } from '../../errors';
import type { OrgContext } from '../../plugins/org-guard';
import { attachUpload } from '../uploads/service';
import { checkOwnImages, openExists, orgById } from './common';
import type { TransferDeps } from './deps';
import { afterMove, lockTransfer, move, notifyHolder, notifyMember, type TransferRow } from './engine';
import { ownTransfer } from './member';
import { detailOf, loadViewData, toSummary } from './view';

// ─── appeals (§10) ──────────────────────────────────────────────────────────────────────

/** §10 申诉: a transfer an org returned goes to that org's direct superior. */
export async function appealTransfer(deps: TransferDeps, userId: number, id: number, body: TransferAppeal) {
  const now = deps.now();
  const attachmentIds = await checkOwnImages(
    deps.db,
    userId,
    body.attachments.map((a) => a.fileId),
    'attachments',
  );
  let holder: number | null = null;
  try {
    await deps.db.transaction(async (tx) => {
      const row = await ownTransfer(tx, userId, id, true);
      const t = nextTransferStatus(row.status, 'appeal', { returnedByOrg: row.returnedByOrgId != null });
      if (!t.ok) throw new AppError(t.code);
      const returning = await orgById(tx, row.returnedByOrgId!);
      if (!returning?.parentId) throw new AppError('TRANSFER_NOT_APPEALABLE');
      for (const [i, fileId] of attachmentIds.entries()) await attachUpload(tx, userId, String(fileId), returning.parentId, `attachments.${i}`);
      await tx.insert(transferAppeals).values({
        transferId: row.id,
        memberUserId: userId,
        reason: body.reason,
        attachmentIds,
        decidingOrgId: returning.parentId,
        resumeAt: row.returnedStep === 'in' ? 'pendingIn' : 'pendingOut',
        status: 'pending',
        createdAt: now,
      });
      holder = returning.parentId;
      await move(tx, row, { to: t.status, now, actorUserId: userId, outcome: 'skipped', conflict: 'TRANSFER_NOT_APPEALABLE', audit: 'transfer.appeal', auditAfter: { reason: body.reason } });
    });
  } catch (err) {
    throw openExists(err);
  }
  const detail = await detailOf(deps.db, deps.pii, id, userId);
  await notifyHolder(deps, { id, stepOrgId: holder, memberName: detail.member.name, status: 'appealing' });
  return detail;
}

export async function orgAppeals(deps: TransferDeps, ctx: OrgContext) {
  const rows = await deps.db
    .select({ a: transferAppeals, t: transfers })
    .from(transferAppeals)
    .innerJoin(transfers, eq(transfers.id, transferAppeals.transferId))
    .where(and(eq(transferAppeals.decidingOrgId, ctx.org.id), eq(transferAppeals.status, 'pending')))
    .orderBy(asc(transferAppeals.createdAt), asc(transferAppeals.id));
  const data = await loadViewData(
    deps.db,
    deps.pii,
    rows.map((r) => r.t),
    ctx.userId,
  );
  return {
    items: rows.map((r) => ({
      id: String(r.a.id),
      status: r.a.status as 'pending',
      reason: r.a.reason,
      attachmentIds: r.a.attachmentIds.map(String),
      decidingOrg: data.orgs.get(r.a.decidingOrgId)?.view ?? null,
      decisionComment: r.a.decisionComment,
      createdAt: r.a.createdAt.toISOString(),
      decidedAt: null,
      transfer: toSummary(r.t, data),
    })),
  };
}

/** The superior decides: approve → the transfer resumes at the step that returned it; reject → it stays returned. */
export async function decideAppeal(deps: TransferDeps, ctx: OrgContext, appealId: number, body: AppealDecision) {
  const now = deps.now();
  let after: TransferRow | null = null;
  let transferId = 0;
  await deps.db.transaction(async (tx) => {
    const [a] = await tx.select().from(transferAppeals).where(eq(transferAppeals.id, appealId));
    if (!a || a.decidingOrgId !== ctx.org.id) throw new AppError('FORBIDDEN');
    transferId = a.transferId;
    const row = await lockTransfer(tx, a.transferId);
    if (!row) throw new AppError('FORBIDDEN');
    const approve = body.action === 'approve';
    const [res] = await tx
      .update(transferAppeals)
      .set({ status: approve ? 'approved' : 'rejected', decidedBy: ctx.userId, decidedAt: now, decisionComment: approve ? null : body.reason })
      .where(and(eq(transferAppeals.id, a.id), eq(transferAppeals.status, 'pending')));
    if (res.affectedRows !== 1) throw new AppError('TRANSFER_APPEAL_NOT_PENDING');
    const t = nextTransferStatus(row.status, approve ? 'approveAppeal' : 'rejectAppeal', { resumeAt: a.resumeAt });
    if (!t.ok) throw new AppError(t.code);
    after = await move(tx, row, {
      to: t.status,
      now,
      actorUserId: ctx.userId,
      actingOrgId: ctx.org.id,
      outcome: approve ? 'approved' : 'rejected',
      comment: approve ? null : body.reason,
      set: approve ? { returnReason: null } : {},
      conflict: 'TRANSFER_APPEAL_NOT_PENDING',
      audit: approve ? 'transfer.appealApprove' : 'transfer.appealReject',
    });
  });
  const row = after as TransferRow | null;
  if (row) {
    if (row.status === 'rejected') await notifyMember(deps, row, 'transfer.appealRejected', '您的转接申诉未通过');
    else await afterMove(deps, row);
  }
  return detailOf(deps.db, deps.pii, transferId, ctx.userId);
}
