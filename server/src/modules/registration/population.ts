import { and, asc, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { checkins } from '../../db/schema';
import { memberName } from '../transfers/common';

/**
 * Who a branch registers / reviews: its members whose check-in counts as approved (§4.2; the
 * approved ID hash is set exactly then) and whose 团籍状态 is 正常 — members who left (满28周岁离团,
 * 自愿退团, 开除团籍, 自行脱团, 已转出; issue 16 part 3) are no longer registered. Every query of this
 * module goes through it.
 */
export const registrable = (extra?: SQL): SQL => and(isNotNull(checkins.approvedIdHash), eq(checkins.membershipStatus, 'normal'), extra) as SQL;

export interface BranchMemberRow {
  checkinId: number;
  userId: number;
  name: string;
}

export async function branchMembers(db: DbOrTx, branchId: number, checkinIds?: number[]): Promise<BranchMemberRow[]> {
  const rows = await db
    .select()
    .from(checkins)
    .where(registrable(and(eq(checkins.branchId, branchId), checkinIds?.length ? inArray(checkins.id, checkinIds) : undefined)))
    .orderBy(asc(checkins.id));
  return rows.map((c) => ({ checkinId: c.id, userId: c.userId, name: memberName(c).slice(0, 30) }));
}
