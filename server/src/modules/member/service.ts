import { isCheckinApproved, type MemberHome } from '@tj/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import type { Pii } from '../../lib/pii';
import { approvedView, branchView, type CheckinRow } from '../checkins/view';

/** §4.1 step 6 the member home: 认证资料 (in force, ID masked) and 我的组织. */
export async function memberHome(db: Db, pii: Pii, row: CheckinRow): Promise<MemberHome> {
  const branch = await branchView(db, row.branchId, row.userId);
  if (!branch) throw new AppError('NOT_FOUND');
  // the member guard let only approved check-ins here; this tells the type so
  if (!isCheckinApproved(row.status)) throw new AppError('CHECKIN_REQUIRED');
  return {
    status: row.status,
    realNameStatus: row.realNameStatus,
    profile: approvedView(row, pii) ?? {},
    branch,
    returnReason: row.status === 'editReturned' ? row.returnReason : null,
    membershipStatus: row.membershipStatus,
  };
}
