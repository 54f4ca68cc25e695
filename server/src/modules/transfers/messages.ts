import { eq } from 'drizzle-orm';
import { MessagePages, TransferStatuses, type TransferStatus } from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { orgs, transfers } from '../../db/schema';
import { orgAccounts, postMessage } from '../inbox/messages';

type Row = Pick<typeof transfers.$inferSelect, 'id' | 'memberUserId' | 'memberName' | 'stepOrgId' | 'returnReason'>;

const orgName = async (tx: DbOrTx, id: number | null) => (id == null ? '' : ((await tx.select({ n: orgs.shortName }).from(orgs).where(eq(orgs.id, id)))[0]?.n ?? ''));

/** 站内信 to the operators and admins of the org that now holds the step: 待您审批. */
export async function transferWaitingMessage(tx: DbOrTx, row: Pick<Row, 'id' | 'memberName' | 'stepOrgId'>, status: TransferStatus) {
  if (row.stepOrgId == null) return;
  const to = await orgAccounts(tx, [row.stepOrgId], 'operators');
  const what = status === 'appealing' ? '转接申诉' : '组织关系转接';
  await postMessage(tx, {
    to,
    kind: 'transfer.waiting',
    title: `${row.memberName}的${what}待您审批`,
    body: `请在10天内处理，逾期将自动退回。`,
    orgId: row.stepOrgId,
    route: MessagePages.cadreTransfer,
    params: { orgId: row.stepOrgId, transferId: row.id },
  });
}

/**
 * 站内信 of a transfer's move, in the move's transaction (engine.ts `move`): the member learns
 * every step (到达 / 成功 / 退回 with the reason / 撤销), the new holder that it waits for them.
 */
export async function transferMoveMessages(tx: DbOrTx, after: Row & { status: TransferStatus }, m: { actorUserId: number | null; comment?: string | null }) {
  const member = { to: after.memberUserId, orgId: after.stepOrgId, route: MessagePages.memberTransferProgress, params: { id: after.id } };
  switch (after.status) {
    case 'completed':
      await postMessage(tx, { ...member, kind: 'transfer.completed', title: '您的组织关系转接已办理成功', body: '请按页面提示到新的团组织报到。' });
      break;
    case 'rejected':
    case 'expired': {
      const reason = after.returnReason ?? m.comment ?? '';
      await postMessage(tx, {
        ...member,
        kind: 'transfer.returned',
        title: '您的组织关系转接已被退回',
        body: `${TransferStatuses[after.status]}${reason ? `：${reason}` : ''}。可查看原因后重新申请或申诉。`,
      });
      break;
    }
    case 'withdrawn':
      // the member's own withdrawal needs no message
      if (m.actorUserId !== after.memberUserId)
        await postMessage(tx, { ...member, kind: 'transfer.withdrawn', title: '您的组织关系转接已被撤销', body: m.comment ? `说明：${m.comment}` : '' });
      break;
    default: {
      const holder = await orgName(tx, after.stepOrgId);
      await postMessage(tx, { ...member, kind: 'transfer.step', title: `组织关系转接：${TransferStatuses[after.status]}`, body: holder ? `当前由${holder}办理。` : '' });
      await transferWaitingMessage(tx, after, after.status);
    }
  }
}

/** §7.4 day 3 / day 7 reminders as 站内信 too (the job's own transaction). */
export async function transferDeadlineMessage(tx: DbOrTx, to: number[], row: Pick<Row, 'id' | 'memberName' | 'stepOrgId'>, text: string) {
  if (row.stepOrgId == null) return;
  await postMessage(tx, {
    to,
    kind: 'transfer.deadline',
    title: `${row.memberName}的转接即将超时`,
    body: text,
    orgId: row.stepOrgId,
    route: MessagePages.cadreTransfer,
    params: { orgId: row.stepOrgId, transferId: row.id },
  });
}
