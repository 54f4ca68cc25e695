import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { checkins, orgs, passwordResetCodes, rosterEntries, users } from '../../db/schema';
import { AppError } from '../../errors';
import { resetCodeVerdict } from '../../lib/policy';
import { issueResetCode, RESET_CODE_TTL_HOURS } from '../accounts/service';
import type { OrgContext } from '../../plugins/org-guard';

export interface ResetCodeDeps {
  /** The SMS adapter: the account's owner is told a code was issued (never the code). */
  send(phone: string, text: string): Promise<void>;
}

const orgNameOf = (org: OrgContext['org']) => org.alias ?? org.shortName;

/**
 * §10 for a person who lost their phone: an admin issues a one-time code for an account of
 * its subtree (lib/policy.ts resetCodeVerdict). The owner's phone gets an SMS saying so — if the notice
 * cannot be sent, the code is retired again and nothing is handed out.
 */
export async function issueResetCodeInSubtree(db: Db, deps: ResetCodeDeps, ctx: OrgContext, phone: string, now: Date) {
  const [person] = await db.select({ userId: users.id, name: users.name, phone: users.phone }).from(users).where(eq(users.phone, phone)).limit(1);
  if (!person) throw new AppError('PERSON_NOT_IN_SUBTREE', 'phone');
  const positions = await db.select({ path: orgs.path }).from(rosterEntries).innerJoin(orgs, eq(orgs.id, rosterEntries.orgId)).where(eq(rosterEntries.userId, person.userId));
  const [branch] = await db
    .select({ path: orgs.path, status: checkins.status, draft: checkins.draft })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(eq(checkins.userId, person.userId))
    .limit(1);
  const verdict = resetCodeVerdict(
    ctx.org.path,
    positions.map((p) => p.path),
    branch?.path ?? null,
    branch?.status != null,
  );
  if (verdict === 'notInSubtree') throw new AppError('PERSON_NOT_IN_SUBTREE', 'phone');
  if (verdict === 'notAllowed') throw new AppError('RESET_CODE_NOT_ALLOWED', 'phone');

  const code = await issueResetCode(db, { userId: person.userId, issuedBy: ctx.userId, orgId: ctx.org.id }, now);
  const org = orgNameOf(ctx.org);
  try {
    await deps.send(person.phone, `【智慧团建】${org}为您的账号生成了密码重置码，${RESET_CODE_TTL_HOURS}小时内有效。如非本人申请，请联系您所在的团组织或${org}的上级团组织。`);
  } catch {
    await db
      .update(passwordResetCodes)
      .set({ usedAt: now })
      .where(and(eq(passwordResetCodes.userId, person.userId), isNull(passwordResetCodes.usedAt)));
    throw new AppError('SMS_SEND_FAILED');
  }
  // the name on the check-in form (a member's account has none), so the admin sees whom the code is for
  const formName = typeof branch?.draft.name === 'string' ? branch.draft.name : null;
  return { name: formName ?? person.name, code, expiresAt: new Date(now.getTime() + RESET_CODE_TTL_HOURS * 3600_000).toISOString() };
}
