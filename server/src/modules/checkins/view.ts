import { and, desc, eq } from 'drizzle-orm';
import {
  maskIdNumber,
  OutOfProvinceDestinations,
  TRANSFERRED_OUT,
  type CertStep,
  type CertificationDraft,
  type MyCheckin,
  type OutOfProvinceDestination,
  type TransferredOut,
} from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { checkins, orgs, transfers } from '../../db/schema';
import { ancestorIds } from '../../lib/org-path';
import type { Pii } from '../../lib/pii';
import { secretaryContacts } from '../orgs/contacts';
import { ancestorNames, type OrgRow } from '../orgs/view';

export type CheckinRow = typeof checkins.$inferSelect;

export const STEP_ORDER: CertStep[] = ['identity', 'league', 'contact', 'optional'];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The stored draft plus the ID number, decrypted for its owner's form or an operator's review. */
export const fullData = (row: Pick<CheckinRow, 'draft' | 'idEnc'>, pii: Pii): CertificationDraft => ({ ...row.draft, idNumber: pii.decrypt(row.idEnc) });

/** The data in force with the ID masked (§9: shown back in lists and on the home page). */
export const approvedView = (row: Pick<CheckinRow, 'approvedData' | 'idEnc'>, pii: Pii, masked = true): CertificationDraft | null => {
  if (!row.approvedData) return null;
  const idNumber = pii.decrypt(row.idEnc);
  return { ...row.approvedData, idNumber: masked ? maskIdNumber(idNumber) : idNumber };
};

/** §4.1 我的组织 / the search result: names of the path so nobody picks the wrong branch. */
export async function branchView(db: DbOrTx, branchId: number, viewerId: number) {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, branchId));
  if (!org) return null;
  return branchViewOf(db, org, viewerId);
}

/** `known`: the ancestors' names when the caller read them already; `viewerId`: who reads it (masks the secretary's phone). */
export async function branchViewOf(db: DbOrTx, org: OrgRow, viewerId: number, known?: Map<number, string>) {
  const [names, contacts] = await Promise.all([known ?? ancestorNames(db, [org]), secretaryContacts(db, [org], viewerId)]);
  return {
    id: String(org.id),
    shortName: org.shortName,
    fullName: org.fullName ?? org.shortName,
    pathNames: ancestorIds(org.path).map((id) => names.get(id) ?? ''),
    ...contacts.get(org.id)!,
  };
}

/** `branch`: the row's branch (and its ancestors' names) when the caller has it at hand (saves reading it again). */
export async function toMyCheckin(db: DbOrTx, pii: Pii, row: CheckinRow | undefined, branch?: { org: OrgRow; ancestorNames?: Map<number, string> }): Promise<MyCheckin> {
  if (!row) {
    return {
      status: null,
      realNameStatus: null,
      resumeStep: 'identity',
      draft: {},
      approved: null,
      branch: null,
      returnReason: null,
      submittedAt: null,
      reviewedAt: null,
      transferredOut: null,
    };
  }
  return {
    status: row.status,
    realNameStatus: row.realNameStatus,
    resumeStep: STEP_ORDER[row.savedSteps] ?? 'confirm',
    draft: fullData(row, pii),
    approved: approvedView(row, pii),
    branch: branch?.org.id === row.branchId ? await branchViewOf(db, branch.org, row.userId, branch.ancestorNames) : await branchView(db, row.branchId, row.userId),
    returnReason: row.returnReason,
    submittedAt: iso(row.submittedAt),
    reviewedAt: iso(row.reviewedAt),
    membershipStatus: row.membershipStatus,
    transferredOut: row.status === TRANSFERRED_OUT ? await transferredOutOf(db, row.id) : null,
  };
}

/** [issue 15 item 8] the completed out-of-province transfer that made the check-in 已转出. */
async function transferredOutOf(db: DbOrTx, checkinId: number): Promise<TransferredOut | null> {
  const [t] = await db
    .select()
    .from(transfers)
    .where(and(eq(transfers.checkinId, checkinId), eq(transfers.status, 'completed'), eq(transfers.direction, 'outOfProvince')))
    .orderBy(desc(transfers.createdAt), desc(transfers.id))
    .limit(1);
  if (!t) return null;
  const region = t.destinationRegion;
  return {
    state: TRANSFERRED_OUT,
    destinationRegion: region,
    destinationRegionLabel: region && region in OutOfProvinceDestinations ? OutOfProvinceDestinations[region as OutOfProvinceDestination] : null,
    destinationOrgName: t.destinationOrgName,
    transferId: String(t.id),
    at: (t.closedAt ?? t.updatedAt).toISOString(),
  };
}
