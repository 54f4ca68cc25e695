import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { maskMobile } from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { cadreOfChain } from '../../lib/policy';
import { rosterEntries, users } from '../../db/schema';
import type { OrgRow } from './view';

export interface SecretaryContact {
  secretaryName: string | null;
  secretaryPhone: string | null;
}

/**
 * The secretary members and transfer parties are pointed at (issue 13 item 4): the org's
 * onboarded 书记 of the roster — a real, reachable person bound to an account — and only when
 * there is none the name and phone typed into the org record. §9: the phone is a person's, so
 * it is masked for everyone but the cadres of the org's chain (a bound roster line in the org
 * or an ancestor), who work with that secretary. Two queries whatever the number of orgs.
 */
export async function secretaryContacts(
  db: DbOrTx,
  rows: Pick<OrgRow, 'id' | 'path' | 'secretaryName' | 'secretaryPhone'>[],
  viewerId: number | null,
): Promise<Map<number, SecretaryContact>> {
  const result = new Map<number, SecretaryContact>();
  if (rows.length === 0) return result;
  const orgIds = [...new Set(rows.map((r) => r.id))];
  const [secretaries, viewerOrgs] = await Promise.all([
    db
      .select({ orgId: rosterEntries.orgId, name: rosterEntries.name, phone: users.phone })
      .from(rosterEntries)
      .innerJoin(users, eq(users.id, rosterEntries.userId))
      .where(and(inArray(rosterEntries.orgId, orgIds), eq(rosterEntries.position, 'secretary'), isNotNull(rosterEntries.onboardedAt)))
      .orderBy(asc(rosterEntries.id)),
    viewerId == null
      ? Promise.resolve([] as { orgId: number }[])
      : db
          .select({ orgId: rosterEntries.orgId })
          .from(rosterEntries)
          .where(and(eq(rosterEntries.userId, viewerId), isNotNull(rosterEntries.onboardedAt))),
  ]);
  const onboarded = new Map<number, { name: string; phone: string }>();
  // the earliest line wins when an org has two secretaries on its roster
  for (const s of secretaries) if (!onboarded.has(s.orgId)) onboarded.set(s.orgId, s);
  const cadreOf = new Set(viewerOrgs.map((v) => v.orgId));
  for (const r of rows) {
    const s = onboarded.get(r.id);
    const name = s ? s.name : r.secretaryName;
    const phone = s ? s.phone : r.secretaryPhone;
    const inChain = cadreOfChain(cadreOf, r.path);
    result.set(r.id, { secretaryName: name, secretaryPhone: phone && !inChain ? maskMobile(phone) : phone });
  }
  return result;
}
