import { sql } from 'drizzle-orm';
import { boolean, char, datetime, index, int, mysqlTable, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt } from './columns';
import { users } from './accounts';
import { orgs } from './orgs';
import { sealedJson } from './sealed';

const formJson = sealedJson<Record<string, unknown>>(['phone']);
import { STATS_COLUMNS } from '../../modules/stats/columns';
import type { CheckinStatus, MembershipStatus, RealNameStatus } from '@tj/shared';

const statsCounterColumns = () => Object.fromEntries(STATS_COLUMNS.map((c) => [c, int(c).notNull().default(0)])) as Record<(typeof STATS_COLUMNS)[number], ReturnType<typeof int>>;

/**
 * §4 a member's check-in (报到): one row per account, created when the first step is saved.
 * `draft` is the form being edited (every field but the ID number, which lives encrypted
 * in `id_enc` + `id_hash`, §9); `approved_data` is the data in force since the last
 * approval — an edit waiting for review (editSubmitted) or returned (editReturned) changes
 * `draft` only, so the approved data stays in force until the edit is approved (§4.2).
 *
 * §5.1 one ID = one branch: `approved_id_hash` is set only while the check-in counts as
 * approved, and its unique index is the referee when two branches approve the same person at
 * once (NULLs never collide). `approved_dev_number` does the same for §5.2's nationally
 * unique development number.
 */
export const checkins = mysqlTable(
  'checkins',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    /**
     * No foreign key (issue 16 B3): a member who left keeps their row as history, pointing at
     * their last branch, also after an emptied 毕业生团组织 is deleted — nothing is ever deleted,
     * and the org's names stay in the 'org.delete' audit row. Every live branch is still checked
     * on write (assertBranch), and deleteChild refuses an org with a member who has not left.
     */
    branchId: ref('branch_id').notNull(),
    /** null = a draft never submitted; otherwise a CheckinStatus. */
    status: varchar('status', { length: 16 }).$type<CheckinStatus>(),
    /** How many of the four steps are saved, in order (resume point). */
    savedSteps: tinyint('saved_steps').notNull().default(0),
    // §9 the form's phone is sealed inside the JSON document (db/schema/sealed.ts).
    draft: formJson('draft').notNull(),
    approvedData: formJson('approved_data'),
    idEnc: varchar('id_enc', { length: 120 }).notNull(),
    idHash: char('id_hash', { length: 64 }).notNull(),
    approvedIdHash: char('approved_id_hash', { length: 64 }),
    /** The draft's development number, to find one already claimed by someone else. */
    developmentNumber: varchar('development_number', { length: 12 }),
    approvedDevNumber: varchar('approved_dev_number', { length: 12 }),
    /** null until the first submit; otherwise a RealNameStatus. */
    realNameStatus: varchar('real_name_status', { length: 16 }).$type<RealNameStatus>(),
    /** Bumped by every new verification, so answers to an older one are ignored. */
    realNameGeneration: int('real_name_generation').notNull().default(0),
    /** The automatic re-check already ran for this verification (§4.2: once). */
    realNameRechecked: boolean('real_name_rechecked').notNull().default(false),
    /** HMAC of the name + ID that were verified: unchanged identity keeps its result. */
    realNameKey: char('real_name_key', { length: 64 }),
    returnReason: varchar('return_reason', { length: 400 }),
    offlineNote: varchar('offline_note', { length: 400 }),
    offlinePhotoId: ref('offline_photo_id'),
    /**
     * 团籍状态 (issue 16 part 3): only `normal` belongs; any other value is an exit, kept forever
     * and left out of lists and statistics (modules/stats/counters.ts `countersOf`).
     */
    membershipStatus: varchar('membership_status', { length: 24 }).$type<MembershipStatus>().notNull().default('normal'),
    membershipChangedAt: datetime('membership_changed_at', { mode: 'date', fsp: 3 }),
    /** [004 §二(二)2(3)] flagged 毕业生 when the branch became a 毕业生团组织. */
    graduate: boolean('graduate').notNull().default(false),
    /** [004 §二(二)4] 延迟毕业团员: a month later than the branch's, and why. */
    delayedGraduationMonth: char('delayed_graduation_month', { length: 7 }),
    delayedGraduationReason: varchar('delayed_graduation_reason', { length: 400 }),
    submittedAt: datetime('submitted_at', { mode: 'date', fsp: 3 }),
    reviewedAt: datetime('reviewed_at', { mode: 'date', fsp: 3 }),
    reviewedBy: ref('reviewed_by'),
    /**
     * 团员录入 (issue 16 part 5): the admin who entered this member. The row then belongs to a
     * placeholder account (modules/entered/service.ts) until the person claims it; `claimed_at`
     * is set when their proven account takes it over.
     */
    enteredBy: ref('entered_by'),
    enteredAt: datetime('entered_at', { mode: 'date', fsp: 3 }),
    claimedAt: datetime('claimed_at', { mode: 'date', fsp: 3 }),
    /**
     * The data in force's 入团年月 and birth date as indexed columns (issue 16 B5), generated by
     * MariaDB from the JSON, so the uncertified counts (2020+ joins) and the daily 28-year job
     * are index range scans instead of reading every check-in's JSON.
     */
    approvedJoinedAt: char('approved_joined_at', { length: 7 }).generatedAlwaysAs(sql`json_unquote(json_extract(approved_data, '$.joinedAt'))`, { mode: 'virtual' }),
    approvedBirthDate: char('approved_birth_date', { length: 10 }).generatedAlwaysAs(sql`json_unquote(json_extract(approved_data, '$.birthDate'))`, { mode: 'virtual' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('checkins_user_uq').on(t.userId),
    index('checkins_joined_at_idx').on(t.approvedJoinedAt),
    index('checkins_age_out_idx').on(t.membershipStatus, t.approvedBirthDate),
    index('checkins_entered_idx').on(t.enteredAt),
    uniqueIndex('checkins_approved_id_hash_uq').on(t.approvedIdHash),
    uniqueIndex('checkins_approved_dev_number_uq').on(t.approvedDevNumber),
    index('checkins_id_hash_idx').on(t.idHash),
    index('checkins_dev_number_idx').on(t.developmentNumber),
    // the review queue: waiting check-ins of a few branches, oldest first
    index('checkins_branch_status_idx').on(t.branchId, t.status, t.submittedAt),
    index('checkins_membership_idx').on(t.membershipStatus),
  ],
);

/**
 * A branch's request to end a member's 团籍 (自愿退团 / 开除团籍 / 自行脱团) with a reason, decided by
 * the branch's direct superior (issue 16 part 3). Requests stay as the record of why.
 */
export const membershipRequests = mysqlTable(
  'membership_requests',
  {
    id: id(),
    checkinId: ref('checkin_id')
      .notNull()
      .references(() => checkins.id),
    // no foreign key: the record outlives the branch (a 毕业生团组织 is deleted once emptied)
    branchId: ref('branch_id').notNull(),
    kind: varchar('kind', { length: 24 }).$type<MembershipStatus>().notNull(),
    reason: varchar('reason', { length: 400 }).notNull(),
    status: varchar('status', { length: 16 }).$type<'pending' | 'approved' | 'rejected'>().notNull().default('pending'),
    /** set while pending, so the unique index allows one open request per member */
    openKey: ref('open_key'),
    requestedBy: ref('requested_by').notNull(),
    decidedBy: ref('decided_by'),
    decidedAt: datetime('decided_at', { mode: 'date', fsp: 3 }),
    decisionReason: varchar('decision_reason', { length: 400 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('membership_requests_open_uq').on(t.openKey), index('membership_requests_branch_idx').on(t.branchId, t.status)],
);

/**
 * Subtree statistics (modules/stats): per-branch counters, changed in the same transaction
 * as every check-in change (modules/stats/counters.ts), so a subtree's figures are one range
 * scan over its branches' rows (~members / 17) instead of an aggregate over its check-ins.
 * Keyed by the branch's `path` (orgs never move, so it never changes) to make that scan
 * sequential. The counter columns are named in modules/stats/columns.ts.
 */
export const branchStats = mysqlTable(
  'branch_stats',
  {
    path: varchar('path', { length: 255 }).primaryKey(),
    branchId: ref('branch_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    ...statsCounterColumns(),
  },
  (t) => [uniqueIndex('branch_stats_branch_uq').on(t.branchId)],
);

/**
 * The same counters rolled up per unit (modules/stats/counters.ts `UNIT_DEPTH`): the org at
 * depth 2 above a branch (a county-level committee, a university college, a direct unit's
 * branch), kept in the same statement sequence as `branch_stats`. A province or city asks
 * ~1–2k unit rows instead of ~members/17 branch rows; deeper orgs keep reading branch rows.
 * Not one row per ancestor: the province's and cities' rows would take every submit's lock.
 * `branches_with_members` counts the unit's branches with a member (entry progress).
 */
export const unitStats = mysqlTable(
  'unit_stats',
  {
    path: varchar('path', { length: 255 }).primaryKey(),
    unitId: ref('unit_id').notNull(),
    branchesWithMembers: int('branches_with_members').notNull().default(0),
    ...statsCounterColumns(),
  },
  (t) => [uniqueIndex('unit_stats_unit_uq').on(t.unitId)],
);

/**
 * [004 §一(一)1] 姓名、性别与身份证号码需上报省团委，由省团委进行编辑: a request to correct the identity of
 * an approved check-in, filed by the member or the branch with an evidence photo, decided by the
 * province's admins (modules/identity-corrections). The requested number is sealed like every
 * ID (§9). Requests stay as the record of what changed and why.
 */
export const identityCorrections = mysqlTable(
  'identity_corrections',
  {
    id: id(),
    checkinId: ref('checkin_id')
      .notNull()
      .references(() => checkins.id),
    name: varchar('name', { length: 30 }).notNull(),
    gender: varchar('gender', { length: 8 }).notNull(),
    idEnc: varchar('id_enc', { length: 120 }).notNull(),
    idHash: char('id_hash', { length: 64 }).notNull(),
    note: varchar('note', { length: 400 }),
    photoId: ref('photo_id').notNull(),
    status: varchar('status', { length: 16 }).$type<'pending' | 'approved' | 'rejected'>().notNull().default('pending'),
    /** set while pending, so the unique index allows one open request per member */
    openKey: ref('open_key'),
    requestedBy: ref('requested_by').notNull(),
    decidedBy: ref('decided_by'),
    decidedAt: datetime('decided_at', { mode: 'date', fsp: 3 }),
    decisionReason: varchar('decision_reason', { length: 400 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('identity_corrections_open_uq').on(t.openKey), index('identity_corrections_status_idx').on(t.status, t.id), index('identity_corrections_checkin_idx').on(t.checkinId)],
);
