import { datetime, index, int, json, mysqlTable, primaryKey, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { NoticeAudience } from '@tj/shared';
import { createdAt, id, ref } from './columns';

/**
 * 工作通知 (issue 17 part 3): a notice is stored once with its targets — never one row per
 * recipient, since "everyone in the province" is ~1M people. An account's inbox is the
 * notices with a target among the ancestors-or-self of its orgs (`notice_targets_org_idx`,
 * a handful of primary-key-like probes), and reading writes one `notice_reads` row that
 * keeps the path of the org it was read through, so read counts per sub-org are index range
 * scans on (notice_id, org_path).
 */
export const notices = mysqlTable(
  'notices',
  {
    id: id(),
    orgId: ref('org_id').notNull(),
    title: varchar('title', { length: 255 }).notNull(),
    body: text('body').notNull(),
    audience: varchar('audience', { length: 16 }).$type<NoticeAudience>().notNull(),
    publishedBy: ref('published_by').notNull(),
    publishedAt: datetime('published_at', { mode: 'date', fsp: 3 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('notices_org_idx').on(t.orgId, t.publishedAt, t.id)],
);

/** One row per target org (its whole subtree), with the audience copied so the inbox probe is index-only. */
export const noticeTargets = mysqlTable(
  'notice_targets',
  {
    noticeId: ref('notice_id').notNull(),
    orgId: ref('org_id').notNull(),
    audience: varchar('audience', { length: 16 }).$type<NoticeAudience>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.orgId] }), index('notice_targets_org_idx').on(t.orgId, t.audience, t.noticeId)],
);

/** The files of a notice (bytes in storage through the `uploads` row), in the publisher's order. */
export const noticeAttachments = mysqlTable(
  'notice_attachments',
  {
    id: id(),
    noticeId: ref('notice_id').notNull(),
    uploadId: ref('upload_id').notNull(),
    name: varchar('name', { length: 255 }).notNull(),
    sortOrder: int('sort_order').notNull().default(0),
  },
  (t) => [index('notice_attachments_notice_idx').on(t.noticeId), uniqueIndex('notice_attachments_upload_uq').on(t.uploadId)],
);

/** Who read a notice, once (idempotent), under the path of the org it reached them through. */
export const noticeReads = mysqlTable(
  'notice_reads',
  {
    noticeId: ref('notice_id').notNull(),
    userId: ref('user_id').notNull(),
    /** digits and slashes like orgs.path, so `LIKE '/1/23/%'` is an index range */
    orgPath: varchar('org_path', { length: 255 }).notNull(),
    readAt: datetime('read_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.noticeId] }), index('notice_reads_path_idx').on(t.noticeId, t.orgPath)],
);

/**
 * 站内信: the product's own messages to one account (check-in reviewed, real-name result,
 * transfer steps, deadlines, e-archive decisions, admin-change requests …), written by
 * `postMessage` in the transaction of the event that causes them. `route` + `params` is the
 * mini-program page it opens.
 */
export const messages = mysqlTable(
  'messages',
  {
    id: id(),
    userId: ref('user_id').notNull(),
    kind: varchar('kind', { length: 48 }).notNull(),
    title: varchar('title', { length: 255 }).notNull(),
    body: varchar('body', { length: 2000 }).notNull(),
    orgId: ref('org_id'),
    route: varchar('route', { length: 128 }),
    params: json('params').$type<Record<string, string>>().notNull(),
    readAt: datetime('read_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [index('messages_user_idx').on(t.userId, t.createdAt, t.id), index('messages_user_unread_idx').on(t.userId, t.readAt)],
);
