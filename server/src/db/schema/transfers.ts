import { datetime, index, int, json, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt } from './columns';
import { users } from './accounts';
import { checkins } from './checkins';
import type { LeagueSystem, TransferDirection, TransferKind, TransferStatus, TransferStepKind, TransferStepOutcome, TransferAppealStatuses } from '@tj/shared';

/**
 * §7 org-relation transfers (组织关系转接). One row per transfer of one member; the row
 * carries the step now waiting (`step_org_id`, `step_since`, `step_deadline`) so "what waits
 * for org X" and "what is overdue under X" are index lookups.
 *
 * §7.2 one open transfer per member: `open_user_id` is the member's user id while the
 * transfer is open and NULL once it closes; its unique index is the referee when two
 * transfers for the same person start at once (NULLs never collide).
 *
 * `step_generation` grows with every step change; deadline and reminder jobs carry the
 * generation they were scheduled for and do nothing once it moved on.
 */
export const transfers = mysqlTable(
  'transfers',
  {
    id: id(),
    /** TransferKind */
    kind: varchar('kind', { length: 16 }).$type<TransferKind>().notNull(),
    /** TransferDirection */
    direction: varchar('direction', { length: 16 }).$type<TransferDirection>().notNull(),
    /** TransferStatus */
    status: varchar('status', { length: 16 }).$type<TransferStatus>().notNull(),
    memberUserId: ref('member_user_id')
      .notNull()
      .references(() => users.id),
    checkinId: ref('checkin_id')
      .notNull()
      .references(() => checkins.id),
    /** The member's name when the transfer started (lists need no join into JSON). */
    memberName: varchar('member_name', { length: 30 }).notNull(),
    openUserId: ref('open_user_id'),
    fromBranchId: ref('from_branch_id').notNull(),
    /** In-province destination: a branch, or a committee / general branch that assigns one. */
    toOrgId: ref('to_org_id'),
    /** The branch the member lands in (= to_org_id for a branch; set on assignment otherwise). */
    toBranchId: ref('to_branch_id'),
    /** Out-of-province: OutOfProvinceDestination key, LeagueSystem, and the org over there. */
    destinationRegion: varchar('destination_region', { length: 24 }),
    destinationSystem: varchar('destination_system', { length: 16 }).$type<LeagueSystem>().notNull(),
    destinationOrgRef: varchar('destination_org_ref', { length: 64 }),
    destinationOrgName: varchar('destination_org_name', { length: 100 }),
    externalId: varchar('external_id', { length: 80 }),
    /** TransferReason */
    reason: varchar('reason', { length: 24 }).notNull(),
    remarks: varchar('remarks', { length: 400 }),
    contact: varchar('contact', { length: 200 }),
    superiorContact: varchar('superior_contact', { length: 200 }),
    attachmentIds: json('attachment_ids').$type<number[]>().notNull(),
    returnReason: varchar('return_reason', { length: 400 }),
    /** Which step returned it and the org that did, for an appeal (§10). */
    returnedStep: varchar('returned_step', { length: 8 }).$type<TransferStepKind>(),
    returnedByOrgId: ref('returned_by_org_id'),
    /** The org holding the open step (null: closed, or waiting for the other system). */
    stepOrgId: ref('step_org_id'),
    stepSince: datetime('step_since', { mode: 'date', fsp: 3 }),
    stepDeadline: datetime('step_deadline', { mode: 'date', fsp: 3 }),
    stepGeneration: int('step_generation').notNull().default(0),
    initiatedBy: ref('initiated_by').notNull(),
    initiatorOrgId: ref('initiator_org_id'),
    closedAt: datetime('closed_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('transfers_open_user_uq').on(t.openUserId),
    index('transfers_step_org_idx').on(t.stepOrgId, t.status, t.stepSince),
    index('transfers_member_idx').on(t.memberUserId, t.id),
    index('transfers_from_idx').on(t.fromBranchId),
    index('transfers_to_org_idx').on(t.toOrgId),
    index('transfers_to_branch_idx').on(t.toBranchId),
    index('transfers_external_idx').on(t.externalId),
  ],
);

/**
 * The progress of a transfer, step by step, for both sides (§7.1: who holds it, since
 * when, until when; how it ended and who acted — the org itself or its direct superior).
 */
export const transferSteps = mysqlTable(
  'transfer_steps',
  {
    id: id(),
    transferId: ref('transfer_id')
      .notNull()
      .references(() => transfers.id),
    /** 'out' | 'in' | 'external' | 'appeal' */
    kind: varchar('kind', { length: 8 }).$type<TransferStepKind>().notNull(),
    orgId: ref('org_id'),
    /** TransferStepOutcome */
    outcome: varchar('outcome', { length: 12 }).$type<TransferStepOutcome>().notNull(),
    since: datetime('since', { mode: 'date', fsp: 3 }).notNull(),
    deadline: datetime('deadline', { mode: 'date', fsp: 3 }),
    handledAt: datetime('handled_at', { mode: 'date', fsp: 3 }),
    handledBy: ref('handled_by'),
    actingOrgId: ref('acting_org_id'),
    comment: varchar('comment', { length: 400 }),
  },
  (t) => [index('transfer_steps_transfer_idx').on(t.transferId, t.id)],
);

/** §10 申诉 of a returned transfer, decided by the returning org's direct superior. */
export const transferAppeals = mysqlTable(
  'transfer_appeals',
  {
    id: id(),
    transferId: ref('transfer_id')
      .notNull()
      .references(() => transfers.id),
    memberUserId: ref('member_user_id').notNull(),
    reason: varchar('reason', { length: 400 }).notNull(),
    attachmentIds: json('attachment_ids').$type<number[]>().notNull(),
    decidingOrgId: ref('deciding_org_id').notNull(),
    /** 'pendingOut' | 'pendingIn': where an approved appeal resumes the transfer. */
    resumeAt: varchar('resume_at', { length: 16 }).$type<'pendingOut' | 'pendingIn'>().notNull(),
    /** 'pending' | 'approved' | 'rejected' */
    status: varchar('status', { length: 12 }).$type<(typeof TransferAppealStatuses)[number]>().notNull(),
    decidedBy: ref('decided_by'),
    decidedAt: datetime('decided_at', { mode: 'date', fsp: 3 }),
    decisionComment: varchar('decision_comment', { length: 400 }),
    createdAt: createdAt(),
  },
  (t) => [index('transfer_appeals_org_idx').on(t.decidingOrgId, t.status), index('transfer_appeals_transfer_idx').on(t.transferId)],
);

/**
 * A member's org-relation history for both sides (我的组织关系转接历史): a row when the
 * member left a branch and one when they joined another, written with the move itself.
 */
export const membershipHistory = mysqlTable(
  'membership_history',
  {
    id: id(),
    checkinId: ref('checkin_id')
      .notNull()
      .references(() => checkins.id),
    userId: ref('user_id').notNull(),
    /** The branch left or joined (null: left for another League system). */
    orgId: ref('org_id'),
    event: varchar('event', { length: 8 }).$type<'in' | 'out'>().notNull(),
    transferId: ref('transfer_id').notNull(),
    at: datetime('at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('membership_history_org_idx').on(t.orgId, t.at), index('membership_history_user_idx').on(t.userId, t.at)],
);

/**
 * [003 §四] transfers into Guangdong started in another League system: one row per their
 * transfer id (idempotent), waiting until the member's check-in at the receiving branch is
 * approved; then 报到成功 is reported back to that system (durable job).
 */
export const inboundTransfers = mysqlTable(
  'inbound_transfers',
  {
    id: id(),
    /** LeagueSystem of the sender (central / beijing / fujian). */
    sourceSystem: varchar('source_system', { length: 16 }).$type<LeagueSystem>().notNull(),
    externalTransferId: varchar('external_transfer_id', { length: 80 }).notNull(),
    /** sha256 of the signed body, to tell a retry from a different request under the same id. */
    bodyHash: varchar('body_hash', { length: 64 }).notNull(),
    memberName: varchar('member_name', { length: 30 }).notNull(),
    idEnc: varchar('id_enc', { length: 120 }).notNull(),
    idHash: varchar('id_hash', { length: 64 }).notNull(),
    toBranchId: ref('to_branch_id').notNull(),
    fromOrgName: varchar('from_org_name', { length: 100 }),
    reason: varchar('reason', { length: 24 }).notNull(),
    /** awaitingCheckin → checkedIn (approved here) → reported (the other system was told). */
    status: varchar('status', { length: 16 }).$type<'awaitingCheckin' | 'checkedIn' | 'reported'>().notNull(),
    checkinId: ref('checkin_id'),
    checkedInAt: datetime('checked_in_at', { mode: 'date', fsp: 3 }),
    reportedAt: datetime('reported_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('inbound_transfers_ext_uq').on(t.sourceSystem, t.externalTransferId), index('inbound_transfers_id_hash_idx').on(t.idHash, t.status)],
);
