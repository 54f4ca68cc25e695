import { char, datetime, index, int, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { CampaignKind, MemberOutcome, SubmissionState } from '@tj/shared';
import { createdAt, id, ref, updatedAt } from './columns';
import { users } from './accounts';
import { orgs } from './orgs';

/**
 * 两制 (issue 16 part 4): 年度团籍注册 and 团员教育评议 of one year, opened by a committee for
 * its subtree. The unique key refuses a second campaign of the same kind and year at the same
 * root; the service refuses one at an ancestor or descendant of it (one campaign per branch
 * per kind and year), serialized by a lock on the tree's root org row.
 */
export const twoSystemsCampaigns = mysqlTable(
  'two_systems_campaigns',
  {
    id: id(),
    kind: varchar('kind', { length: 16 }).$type<CampaignKind>().notNull(),
    year: int('year').notNull(),
    rootOrgId: ref('root_org_id')
      .notNull()
      .references(() => orgs.id),
    /** China days 'YYYY-MM-DD', both ends included. */
    startsOn: char('starts_on', { length: 10 }).notNull(),
    endsOn: char('ends_on', { length: 10 }).notNull(),
    openedBy: ref('opened_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('two_systems_campaign_uq').on(t.kind, t.year, t.rootOrgId), index('two_systems_campaign_root_idx').on(t.rootOrgId)],
);

/**
 * One branch's work on one campaign. Created (as draft) by the branch's first decision; the
 * row is the lock every branch step takes, and its state changes only by conditional updates,
 * so a double submit or a double approval has one winner.
 */
export const twoSystemsSubmissions = mysqlTable(
  'two_systems_submissions',
  {
    id: id(),
    campaignId: ref('campaign_id')
      .notNull()
      .references(() => twoSystemsCampaigns.id),
    // no foreign key (issue 16 B3): a year's record outlives an emptied 毕业生团组织 that is deleted
    branchId: ref('branch_id').notNull(),
    state: varchar('state', { length: 16 }).$type<SubmissionState>().notNull(),
    submittedAt: datetime('submitted_at', { mode: 'date', fsp: 3 }),
    submittedBy: ref('submitted_by'),
    reviewedAt: datetime('reviewed_at', { mode: 'date', fsp: 3 }),
    reviewedBy: ref('reviewed_by'),
    returnReason: varchar('return_reason', { length: 400 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('two_systems_submission_uq').on(t.campaignId, t.branchId), index('two_systems_submission_branch_idx').on(t.branchId, t.state)],
);

/** One member's decision (予以注册 / 不予注册, or the review's rating): one per member per campaign. */
export const twoSystemsRecords = mysqlTable(
  'two_systems_records',
  {
    id: id(),
    campaignId: ref('campaign_id')
      .notNull()
      .references(() => twoSystemsCampaigns.id),
    submissionId: ref('submission_id')
      .notNull()
      .references(() => twoSystemsSubmissions.id),
    /** The member's account (a check-in is one per account): the member page finds its records by it. */
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    checkinId: ref('checkin_id').notNull(),
    /** The name when decided: lists need no join into the check-in's JSON. */
    memberName: varchar('member_name', { length: 30 }).notNull(),
    outcome: varchar('outcome', { length: 16 }).$type<MemberOutcome>().notNull(),
    reason: varchar('reason', { length: 400 }),
    decidedBy: ref('decided_by'),
    decidedAt: datetime('decided_at', { mode: 'date', fsp: 3 }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('two_systems_record_uq').on(t.campaignId, t.userId), index('two_systems_record_submission_idx').on(t.submissionId), index('two_systems_record_user_idx').on(t.userId)],
);
