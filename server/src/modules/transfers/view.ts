import { asc, eq, inArray } from 'drizzle-orm';
import {
  maskIdNumber,
  nextTransferStatus,
  transferNextSteps,
  needsBranchAssignment,
  OutOfProvinceDestinations,
  TransferReasons,
  TransferStatuses,
  type TransferAppealView,
  type TransferDetail,
  type TransferOrg,
  type TransferStep,
  type TransferSummary,
} from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { checkins, orgs, transferAppeals, transferSteps, transfers } from '../../db/schema';
import { ancestorIds } from '../../lib/org-path';
import type { Pii } from '../../lib/pii';
import { secretaryContacts, type SecretaryContact } from '../orgs/contacts';
import { ancestorNames } from '../orgs/view';
import type { OrgRow, TransferRow } from './engine';
import { lastRow, theRow } from '../../lib/rows';

type StepRow = typeof transferSteps.$inferSelect;
type AppealRow = typeof transferAppeals.$inferSelect;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toTransferOrg(org: OrgRow, names: Map<number, string>, contact: SecretaryContact): TransferOrg {
  return {
    id: String(org.id),
    type: org.type,
    name: org.alias ?? org.shortName,
    fullName: org.fullName ?? org.shortName,
    pathNames: ancestorIds(org.path).map((id) => names.get(id) ?? ''),
    ...contact,
    contactPhone: org.contactPhone,
  };
}

/**
 * Orgs by id as transfers show them to `viewerId`, with their paths and secretaries (a few
 * queries whatever the count). `viewerId` null: nobody in particular — phones masked.
 */
export async function loadOrgs(db: DbOrTx, ids: (number | null | undefined)[], viewerId: number | null): Promise<Map<number, { row: OrgRow; view: TransferOrg }>> {
  const wanted = [...new Set(ids.filter((i): i is number => i != null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select().from(orgs).where(inArray(orgs.id, wanted));
  const [names, contacts] = await Promise.all([ancestorNames(db, rows), secretaryContacts(db, rows, viewerId)]);
  return new Map(rows.map((r) => [r.id, { row: r, view: toTransferOrg(r, names, contacts.get(r.id)!) }]));
}

const STEP_LABELS = { out: '转出组织审核', in: '转入组织审核', external: '等待转入系统确认', appeal: '申诉审核' } as const;

/** Everything the views of a page of transfers need, fetched once for the page. */
export interface ViewData {
  orgs: Map<number, { row: OrgRow; view: TransferOrg }>;
  steps: Map<number, StepRow[]>;
  appeals: Map<number, AppealRow[]>;
  masked: Map<number, string>;
}

export async function loadViewData(db: DbOrTx, pii: Pii, rows: TransferRow[], viewerId: number): Promise<ViewData> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { orgs: new Map(), steps: new Map(), appeals: new Map(), masked: new Map() };
  const [stepRows, appealRows, checkinRows] = await Promise.all([
    db.select().from(transferSteps).where(inArray(transferSteps.transferId, ids)).orderBy(asc(transferSteps.since), asc(transferSteps.id)), // time, not id order (issue 19)
    db.select().from(transferAppeals).where(inArray(transferAppeals.transferId, ids)).orderBy(asc(transferAppeals.createdAt), asc(transferAppeals.id)),
    db
      .select({ id: checkins.id, idEnc: checkins.idEnc })
      .from(checkins)
      .where(inArray(checkins.id, [...new Set(rows.map((r) => r.checkinId))])),
  ]);
  const orgIds = [...rows.flatMap((r) => [r.fromBranchId, r.toOrgId, r.toBranchId]), ...stepRows.flatMap((s) => [s.orgId, s.actingOrgId]), ...appealRows.map((a) => a.decidingOrgId)];
  const group = <T extends { transferId: number }>(list: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of list) m.set(x.transferId, [...(m.get(x.transferId) ?? []), x]);
    return m;
  };
  return {
    orgs: await loadOrgs(db, orgIds, viewerId),
    steps: group(stepRows),
    appeals: group(appealRows),
    masked: new Map(checkinRows.map((c) => [c.id, maskIdNumber(pii.decrypt(c.idEnc))])),
  };
}

function stepView(row: TransferRow, s: StepRow, data: ViewData): TransferStep {
  const org = s.orgId != null ? data.orgs.get(s.orgId) : undefined;
  const kind = s.kind;
  return {
    kind,
    label: STEP_LABELS[kind],
    outcome: s.outcome,
    org: org?.view ?? null,
    externalName: kind === 'external' ? row.destinationOrgName : null,
    needsBranchAssignment: kind === 'in' && s.outcome === 'pending' && row.toBranchId == null && !!org && needsBranchAssignment(org.row.type),
    since: s.since.toISOString(),
    deadline: iso(s.deadline),
    handledAt: iso(s.handledAt),
    handledByOrgName: s.actingOrgId != null ? (data.orgs.get(s.actingOrgId)?.view.name ?? null) : null,
    comment: s.comment,
  };
}

function appealView(a: AppealRow, data: ViewData): TransferAppealView {
  return {
    id: String(a.id),
    status: a.status,
    reason: a.reason,
    attachmentIds: a.attachmentIds.map(String),
    decidingOrg: data.orgs.get(a.decidingOrgId)?.view ?? null,
    decisionComment: a.decisionComment,
    createdAt: a.createdAt.toISOString(),
    decidedAt: iso(a.decidedAt),
  };
}

export function toSummary(row: TransferRow, data: ViewData): TransferSummary {
  const status = row.status;
  const steps = data.steps.get(row.id) ?? [];
  const current = steps.find((s) => s.outcome === 'pending');
  const org = (id: number | null) => (id != null ? (data.orgs.get(id)?.view ?? null) : null);
  const region = row.destinationRegion as keyof typeof OutOfProvinceDestinations | null;
  return {
    id: String(row.id),
    kind: row.kind,
    direction: row.direction,
    status,
    statusLabel: TransferStatuses[status] ?? status,
    member: { id: String(row.checkinId), name: row.memberName, idNumberMasked: data.masked.get(row.checkinId) ?? '' },
    fromBranch: org(row.fromBranchId)!,
    toOrg: org(row.toOrgId),
    toBranch: org(row.toBranchId),
    destinationRegion: row.destinationRegion,
    destinationRegionLabel: region ? (OutOfProvinceDestinations[region] ?? null) : null,
    destinationSystem: row.destinationSystem,
    destinationOrgName: row.destinationOrgName,
    externalId: row.externalId,
    reason: row.reason,
    reasonLabel: TransferReasons[row.reason as keyof typeof TransferReasons] ?? row.reason,
    remarks: row.remarks,
    returnReason: row.returnReason,
    currentStep: current ? stepView(row, current, data) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: iso(row.closedAt),
  };
}

export function toDetail(row: TransferRow, data: ViewData): TransferDetail {
  const status = row.status;
  const appeals = data.appeals.get(row.id) ?? [];
  return {
    ...toSummary(row, data),
    steps: (data.steps.get(row.id) ?? []).map((s) => stepView(row, s, data)),
    contact: row.contact,
    superiorContact: row.superiorContact,
    attachmentIds: row.attachmentIds.map(String),
    appeal: appeals.length ? appealView(lastRow(appeals, 'an appeal'), data) : null,
    nextSteps: row.direction === 'outOfProvince' ? transferNextSteps(row.destinationSystem, row.createdAt) : null,
    canWithdraw: nextTransferStatus(status, 'withdraw').ok,
    canAppeal: nextTransferStatus(status, 'appeal', { returnedByOrg: row.returnedByOrgId != null }).ok,
  };
}

export async function detailsOf(db: DbOrTx, pii: Pii, rows: TransferRow[], viewerId: number): Promise<TransferDetail[]> {
  const data = await loadViewData(db, pii, rows, viewerId);
  return rows.map((r) => toDetail(r, data));
}

export async function detailOf(db: DbOrTx, pii: Pii, id: number, viewerId: number): Promise<TransferDetail> {
  const row = theRow(await db.select().from(transfers).where(eq(transfers.id, id)), 'the transfer');
  return theRow(await detailsOf(db, pii, [row], viewerId), 'the transfer detail');
}
