import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { TransferOrg } from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { orgs, transfers } from '../../db/schema';
import { AppError } from '../../errors';
import { concerns as policyConcerns } from '../../lib/policy';
import type { OrgContext } from '../../plugins/org-guard';
import { ORG_STEPS, orgById } from './common';
import type { TransferRow } from './engine';
import { loadOrgs } from './view';

/** Which org may act on, or see, a transfer: the transfer facts the rules of lib/policy.ts need. */

/**
 * §2 / §7.2 who acts on a step: the org holding it (its operators and admins, or an admin
 * above, as the guard decided for :orgId), or the admins of its direct superior acting for
 * it [004: 原团支部或者原团支部的直属上级管理员]. An org the transfer does not concern gets
 * 403 and nothing else; one it concerns whose step is over gets TRANSFER_NOT_PENDING.
 */
export async function actingOrg(tx: DbOrTx, ctx: OrgContext, row: TransferRow): Promise<number> {
  const holderId = row.stepOrgId;
  if (holderId != null && ORG_STEPS.includes(row.status)) {
    const holder = holderId === ctx.org.id ? ctx.org : await orgById(tx, holderId);
    if (holder && ctx.actsFor(holder)) return ctx.org.id;
  }
  if (await concerns(tx, ctx, row)) throw new AppError('TRANSFER_NOT_PENDING');
  throw new AppError('FORBIDDEN');
}

/** The transfer touches the org's subtree (from, to, assigned branch, or a step it held). */
export async function concerns(db: DbOrTx, ctx: OrgContext, row: TransferRow): Promise<boolean> {
  const ids = [row.fromBranchId, row.toOrgId, row.toBranchId, row.stepOrgId, row.returnedByOrgId].filter((i): i is number => i != null);
  const found = await loadOrgs(db, ids, null);
  return policyConcerns(
    ctx,
    ctx.org.id,
    [...found.values()].map((o) => o.row),
  );
}

const childIds = (db: DbOrTx, orgId: number) => db.select({ id: orgs.id }).from(orgs).where(eq(orgs.parentId, orgId));

/** Steps waiting for :orgId — its own, plus (for an admin) those of its direct children. */
export function waitingCondition(db: DbOrTx, ctx: OrgContext): SQL {
  const mine = eq(transfers.stepOrgId, ctx.org.id);
  const held = ctx.isAdmin ? or(mine, inArray(transfers.stepOrgId, childIds(db, ctx.org.id)))! : mine;
  return and(inArray(transfers.status, ORG_STEPS), held)!;
}

/** Per row: the step :orgId may act on now ('out' / 'in'), and the child it would act for. */
export async function actionFor(db: DbOrTx, ctx: OrgContext, rows: TransferRow[]) {
  const holders = await loadOrgs(
    db,
    rows.map((r) => r.stepOrgId),
    ctx.userId,
  );
  const out = new Map<number, { actionable: 'out' | 'in' | null; actingFor: TransferOrg | null }>();
  for (const r of rows) {
    const h = r.stepOrgId != null ? holders.get(r.stepOrgId) : undefined;
    const open = ORG_STEPS.includes(r.status) && h;
    const here = open && h.row.id === ctx.org.id;
    const forChild = open && !here && ctx.actsFor(h.row);
    out.set(r.id, { actionable: here || forChild ? (r.status === 'pendingOut' ? 'out' : 'in') : null, actingFor: forChild ? h.view : null });
  }
  return out;
}
