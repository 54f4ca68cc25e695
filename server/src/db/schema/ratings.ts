import { datetime, index, int, mysqlTable, smallint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { RatingLevel } from '@tj/shared';
import { createdAt, id, ref, updatedAt } from './columns';
import { users } from './accounts';
import { orgs } from './orgs';

/**
 * 对标定级 [004 §二(五)] (issue 17): one row per 团（总）支部 and year — its self-rating (with the
 * changes used in the current round) and its superior committee's review. A self-rating newer
 * than the review (after 不予定级) is the "changed" mark the reviewer sees. Every write runs under
 * a lock of the rated org's row, so the change count and the review have one writer at a time.
 */
export const orgRatings = mysqlTable(
  'org_ratings',
  {
    id: id(),
    orgId: ref('org_id')
      .notNull()
      .references(() => orgs.id),
    year: smallint('year').notNull(),
    selfLevel: varchar('self_level', { length: 16 }).$type<RatingLevel>().notNull(),
    selfRatedAt: datetime('self_rated_at', { mode: 'date', fsp: 3 }).notNull(),
    selfRatedBy: ref('self_rated_by').references(() => users.id),
    changesUsed: int('changes_used').notNull().default(0),
    reviewLevel: varchar('review_level', { length: 16 }).$type<RatingLevel>(),
    reviewedAt: datetime('reviewed_at', { mode: 'date', fsp: 3 }),
    reviewedBy: ref('reviewed_by').references(() => users.id),
    /** the committee the review was made through */
    reviewerOrgId: ref('reviewer_org_id').references(() => orgs.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('org_ratings_org_year_uq').on(t.orgId, t.year), index('org_ratings_year_idx').on(t.year, t.orgId)],
);
