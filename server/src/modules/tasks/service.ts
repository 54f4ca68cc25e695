import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { TaskKinds, TransferStatuses, type TaskCounts, type TaskItem, type TaskKind } from '@tj/shared';
import type { FastifyInstance } from 'fastify';
import { transferAppeals, transfers } from '../../db/schema';
import type { OrgContext } from '../../plugins/org-guard';
import { countWaitingReviews, reviewQueue, reviewScope } from '../checkins/review-service';
import { pendingAdminRequests } from '../roster/service';
import { approvalsWaitingHere } from '../archives/service';
import { waitingCondition } from '../transfers/scope';

/**
 * 操作中心 (§1, [004]): everything waiting for the caller in the current org, oldest first —
 * check-ins to review, transfer steps the org holds (or, for an admin, its direct children
 * hold), appeals it decides, admin changes of its children. Each source answers only what
 * the caller's role in :orgId lets them act on, through the module that owns it.
 */
const item = (kind: TaskKind, o: Omit<TaskItem, 'kind' | 'kindLabel' | 'overdue'>, now: Date): TaskItem => ({
  kind,
  kindLabel: TaskKinds[kind],
  ...o,
  overdue: o.deadline != null && new Date(o.deadline) <= now,
});

export async function taskList(app: FastifyInstance, ctx: OrgContext, limit: number, now: Date) {
  const { db } = app;
  const orgId = String(ctx.org.id);
  const items: TaskItem[] = [];

  if (ctx.isOperator) {
    // a branch the caller reviews nothing in (reviewScope null) simply has no review tasks
    const scope = await reviewScope(db, ctx);
    const queue = scope ? await reviewQueue(db, app.pii, scope, { limit: 200 }) : { items: [] };
    for (const r of queue.items) {
      items.push(
        item(
          'checkinReview',
          {
            id: r.id,
            title: `${r.name}${r.kind === 'edit' ? '的修改资料待审核' : '的报到待审核'}`,
            subtitle: r.branchName,
            since: r.submittedAt,
            deadline: null,
            link: { page: 'checkin-review', params: { orgId, checkinId: r.id } },
          },
          now,
        ),
      );
    }
    const steps = await db.select().from(transfers).where(waitingCondition(db, ctx)).orderBy(asc(transfers.stepSince)).limit(200);
    for (const t of steps) {
      const kind: TaskKind = t.status === 'pendingOut' ? 'transferOut' : 'transferIn';
      items.push(
        item(
          kind,
          {
            id: String(t.id),
            title: `${t.memberName}的组织关系${kind === 'transferOut' ? '转出' : '转入'}待审批`,
            subtitle: TransferStatuses[t.status] ?? t.status,
            since: t.stepSince!.toISOString(),
            deadline: t.stepDeadline?.toISOString() ?? null,
            link: { page: 'transfer-review', params: { orgId, transferId: String(t.id) } },
          },
          now,
        ),
      );
    }
  }

  if (ctx.isAdmin) {
    const appeals = await db
      .select({ a: transferAppeals, name: transfers.memberName, deadline: transfers.stepDeadline })
      .from(transferAppeals)
      .innerJoin(transfers, eq(transfers.id, transferAppeals.transferId))
      .where(and(eq(transferAppeals.decidingOrgId, ctx.org.id), eq(transferAppeals.status, 'pending')))
      .orderBy(asc(transferAppeals.createdAt))
      .limit(200);
    for (const r of appeals) {
      items.push(
        item(
          'transferAppeal',
          {
            id: String(r.a.id),
            title: `${r.name}的转接申诉待处理`,
            subtitle: r.a.reason,
            since: r.a.createdAt.toISOString(),
            deadline: r.deadline?.toISOString() ?? null,
            link: { page: 'transfer-appeal', params: { orgId, appealId: String(r.a.id) } },
          },
          now,
        ),
      );
    }
    for (const r of await pendingAdminRequests(db, ctx.org)) {
      items.push(
        item(
          'adminChange',
          {
            id: r.id,
            title: `${r.orgName}${r.makeAdmin ? '设置' : '取消'}管理员：${r.cadreName}`,
            subtitle: null,
            since: r.requestedAt,
            deadline: null,
            link: { page: 'admin-change', params: { orgId, requestId: r.id } },
          },
          now,
        ),
      );
    }
    for (const r of await approvalsWaitingHere(db, ctx.org.id)) {
      items.push(
        item(
          'archiveApproval',
          {
            id: String(r.checkinId),
            title: `${r.name}的团员电子档案${r.change ? '变更' : ''}待审批`,
            subtitle: r.branchName,
            since: r.since.toISOString(),
            deadline: null,
            link: { page: 'archive-approval', params: { orgId, checkinId: String(r.checkinId) } },
          },
          now,
        ),
      );
    }
  }

  items.sort((a, b) => a.since.localeCompare(b.since) || a.kind.localeCompare(b.kind) || Number(a.id) - Number(b.id));
  return { items: items.slice(0, limit), total: items.length };
}

/** The dashboard's counters of the same sources (counts, not rows). */
export async function taskCounts(app: FastifyInstance, ctx: OrgContext): Promise<TaskCounts> {
  const { db } = app;
  const counts: TaskCounts = { checkinReview: 0, transferOut: 0, transferIn: 0, transferAppeal: 0, adminChange: 0, archiveApproval: 0, total: 0 };
  if (ctx.isOperator) {
    counts.checkinReview = await countWaitingReviews(db, ctx);
    const rows = await db.select({ status: transfers.status, n: count() }).from(transfers).where(waitingCondition(db, ctx)).groupBy(transfers.status);
    for (const r of rows) counts[r.status === 'pendingOut' ? 'transferOut' : 'transferIn'] += Number(r.n);
  }
  if (ctx.isAdmin) {
    const [a] = await db
      .select({ n: count() })
      .from(transferAppeals)
      .where(and(eq(transferAppeals.decidingOrgId, ctx.org.id), inArray(transferAppeals.status, ['pending'])));
    counts.transferAppeal = Number(a?.n ?? 0);
    counts.adminChange = (await pendingAdminRequests(db, ctx.org)).length;
    counts.archiveApproval = (await approvalsWaitingHere(db, ctx.org.id)).length;
  }
  counts.total = counts.checkinReview + counts.transferOut + counts.transferIn + counts.transferAppeal + counts.adminChange + counts.archiveApproval;
  return counts;
}
