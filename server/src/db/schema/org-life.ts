import { boolean, char, index, int, mysqlTable, primaryKey, smallint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { OrgLifeKind } from '@tj/shared';
import { createdAt, id, ref, updatedAt } from './columns';
import { users } from './accounts';
import { orgs } from './orgs';
import { uploads } from './uploads';

/**
 * 组织生活 (issue 17 part 2): one 三会 / 团课 / 团日活动 a branch held. `branch_path` copies the
 * branch's materialized path (orgs never move) so a committee's counts for its whole subtree
 * are one range scan of `org_life_path_idx`, grouped by the sub-org the path passes through.
 * `(branch_id, request_id)` is unique: the client's submit carries an id it generated once per
 * form, so a retry after a flaky network finds the record instead of adding a second [004 §一 7, 10].
 * The records go with their branch when it is deleted (an emptied 毕业生团组织, issue 16): the
 * history belongs to the org, and a deleted org is in no committee's counts any more.
 * `member_count` is the branch's members when the record was created — the base of its
 * 参与率 — and `counted` / `rate_met` cache the shared rule (domain/org-life.ts) for the SQL
 * aggregates; both are rewritten with every save.
 */
export const orgLifeRecords = mysqlTable(
  'org_life_records',
  {
    id: id(),
    branchId: ref('branch_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    branchPath: varchar('branch_path', { length: 255 }).notNull(),
    requestId: varchar('request_id', { length: 64 }).notNull(),
    kind: varchar('kind', { length: 24 }).$type<OrgLifeKind>().notNull(),
    /** China day 'YYYY-MM-DD'. */
    heldOn: char('held_on', { length: 10 }).notNull(),
    topic: varchar('topic', { length: 240 }).notNull(),
    place: varchar('place', { length: 240 }).notNull(),
    note: varchar('note', { length: 4000 }),
    attendeeCount: int('attendee_count').notNull(),
    memberCount: int('member_count').notNull(),
    counted: boolean('counted').notNull(),
    rateMet: boolean('rate_met').notNull(),
    createdBy: ref('created_by').references(() => users.id),
    updatedBy: ref('updated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('org_life_request_uq').on(t.branchId, t.requestId),
    index('org_life_branch_idx').on(t.branchId, t.heldOn),
    index('org_life_path_idx').on(t.branchPath, t.heldOn, t.kind, t.counted, t.rateMet),
  ],
);

/** Who took part: members of the branch (by check-in), the name as it was then. */
export const orgLifeAttendees = mysqlTable(
  'org_life_attendees',
  {
    recordId: ref('record_id')
      .notNull()
      .references(() => orgLifeRecords.id, { onDelete: 'cascade' }),
    checkinId: ref('checkin_id').notNull(),
    name: varchar('name', { length: 30 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.checkinId] }), index('org_life_attendee_checkin_idx').on(t.checkinId)],
);

/** Up to 9 photos per record (uploads attached to the branch); `upload_id` unique: a photo belongs to one record. */
export const orgLifePhotos = mysqlTable(
  'org_life_photos',
  {
    recordId: ref('record_id')
      .notNull()
      .references(() => orgLifeRecords.id, { onDelete: 'cascade' }),
    uploadId: ref('upload_id')
      .notNull()
      .references(() => uploads.id),
    position: smallint('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.uploadId] }), uniqueIndex('org_life_photo_upload_uq').on(t.uploadId)],
);
