import { and, eq, isNotNull } from 'drizzle-orm';
import { devNumberTakenMessage, isActiveMembership, validateDevelopmentNumber } from '@tj/shared';
import type { Db } from '../../db/client';
import { checkins, orgs } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { isDuplicate } from '../../lib/mysql-errors';
import type { Pii } from '../../lib/pii';
import { mayCorrectDevNumber } from '../../lib/policy';
import type { OrgContext } from '../../plugins/org-guard';
import { devNumberHolderBranch, devNumberTakenError } from '../checkins/rules';

/**
 * 004 FAQ (3) "管理员（本组织或者直属上级管理员皆可）修改…发展团员编号": an admin of the member's branch
 * or of its direct superior corrects the number at once — in the data in force, the draft
 * and the unique column alike — with an audit row. The member's own change stays an edit
 * sent for review (checkins/member-service saveStep).
 */
export async function correctDevNumber(db: Db, pii: Pii, ctx: OrgContext, checkinId: number, raw: string) {
  const value = raw.trim();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ c: checkins, branch: { id: orgs.id, parentId: orgs.parentId, path: orgs.path } })
        .from(checkins)
        .innerJoin(orgs, eq(orgs.id, checkins.branchId))
        .where(and(eq(checkins.id, checkinId), isNotNull(checkins.approvedIdHash)))
        .for('update');
      // a member outside the org's subtree answers like a missing one
      if (!row || !ctx.contains(row.branch.path)) throw new AppError('NOT_FOUND');
      if (!mayCorrectDevNumber(ctx, row.branch)) throw new AppError('FORBIDDEN');
      // issue 16 B2: a member who left is kept as they were (nothing edited after the exit)
      if (!isActiveMembership(row.c.membershipStatus)) throw new AppError('MEMBERSHIP_NOT_NORMAL');
      const data = row.c.approvedData ?? {};
      const check = validateDevelopmentNumber(value, typeof data.joinedAt === 'string' ? data.joinedAt : '', pii.decrypt(row.c.idEnc));
      if (!check.ok) throw new AppError(check.code, 'developmentNumber');
      const next = value === '' ? null : value;
      const before = row.c.approvedDevNumber;
      if (next && next !== before) {
        const holder = await devNumberHolderBranch(tx, next, row.c.idHash);
        if (holder) throw AppError.withMessage('DEVELOPMENT_NUMBER_TAKEN', devNumberTakenMessage(holder), 'developmentNumber');
      }
      const draft = { ...row.c.draft, developmentNumber: next };
      await tx
        .update(checkins)
        .set({ approvedDevNumber: next, developmentNumber: next, approvedData: { ...data, developmentNumber: next }, draft })
        .where(eq(checkins.id, row.c.id));
      await audit(tx, {
        actorUserId: ctx.userId,
        orgId: ctx.org.id,
        action: 'member.devNumberCorrect',
        targetType: 'checkin',
        targetId: row.c.id,
        before: { developmentNumber: before },
        after: { developmentNumber: next },
      });
      return { developmentNumber: next };
    });
  } catch (err) {
    // two corrections racing for one number: the unique index referees
    if (isDuplicate(err)) throw await devNumberTakenError(db, value, null);
    throw err;
  }
}
