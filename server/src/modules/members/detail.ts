import { and, eq, isNotNull } from 'drizzle-orm';
import { archiveState, maskIdNumber, maskMobile, type MemberDetail } from '@tj/shared';
import type { Db } from '../../db/client';
import { checkins, memberArchives, orgs, users } from '../../db/schema';
import { AppError } from '../../errors';
import type { Pii } from '../../lib/pii';
import type { OrgContext } from '../../plugins/org-guard';
import { ancestorNames } from '../orgs/view';
import { shownPhone } from '../entered/placeholder';

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/**
 * §6.6 a member opened from a cadre's list: the data in force of a member of the org's
 * subtree, ID number and phone masked as in the list (§9: full values only to the person and
 * to the operator reviewing them).
 */
export async function memberDetail(db: Db, pii: Pii, ctx: OrgContext, checkinId: number): Promise<MemberDetail> {
  const [row] = await db
    .select({ c: checkins, phone: users.phone, branch: orgs, archive: memberArchives.status })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .leftJoin(memberArchives, eq(memberArchives.checkinId, checkins.id))
    .innerJoin(users, eq(users.id, checkins.userId))
    .where(and(eq(checkins.id, checkinId), isNotNull(checkins.approvedIdHash)));
  if (!row || !ctx.contains(row.branch.path)) throw new AppError('NOT_FOUND');
  const data = row.c.approvedData ?? {};
  const names = await ancestorNames(db, [row.branch]);
  const path = row.branch.path.split('/').filter(Boolean).map(Number);
  return {
    id: String(row.c.id),
    name: text(data.name) ?? '',
    idNumberMasked: maskIdNumber(pii.decrypt(row.c.idEnc)),
    phoneMasked: maskMobile(shownPhone(row.phone, data)),
    branchId: String(row.branch.id),
    branchName: row.branch.alias ?? row.branch.shortName,
    status: row.c.status ?? '',
    realNameStatus: row.c.realNameStatus,
    archiveState: archiveState(data.joinedAt, row.archive),
    gender: text(data.gender),
    joinedAt: text(data.joinedAt),
    developmentNumber: row.c.approvedDevNumber,
    highestEducation: text(data.highestEducation),
    politicalStatus: text(data.politicalStatus),
    branchPathNames: [...path.slice(0, -1).map((id) => names.get(id) ?? ''), row.branch.shortName],
  };
}
