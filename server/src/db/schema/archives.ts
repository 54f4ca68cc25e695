import { datetime, index, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { ArchiveStatus } from '@tj/shared';
import { createdAt, id, ref, updatedAt } from './columns';
import { checkins } from './checkins';

/**
 * 团员电子档案 (modules/archives, [004 §二(四)]): one row per member whose 入团志愿书 was
 * uploaded (no row = 尚未认证). `file_id` is the file of `status` (waiting, refused or
 * certified); a change of a certified archive [004 §二(四)4(5)(v)] waits in `change_*` while
 * the certified file stays in force. `approver_org_id` is the committee that decides what
 * is waiting (null when nothing is). Files are rows of `uploads` (mime application/pdf),
 * never served by /api/uploads.
 */
export const memberArchives = mysqlTable(
  'member_archives',
  {
    id: id(),
    checkinId: ref('checkin_id')
      .notNull()
      .references(() => checkins.id),
    status: varchar('status', { length: 16 }).$type<ArchiveStatus>().notNull(),
    fileId: ref('file_id').notNull(),
    uploadedBy: ref('uploaded_by').notNull(),
    uploadedByOrgId: ref('uploaded_by_org_id').notNull(),
    uploadedAt: datetime('uploaded_at', { mode: 'date', fsp: 3 }).notNull(),
    approverOrgId: ref('approver_org_id'),
    rejectReason: varchar('reject_reason', { length: 400 }),
    changeFileId: ref('change_file_id'),
    changeReason: varchar('change_reason', { length: 400 }),
    changeUploadedBy: ref('change_uploaded_by'),
    changeUploadedByOrgId: ref('change_uploaded_by_org_id'),
    changeUploadedAt: datetime('change_uploaded_at', { mode: 'date', fsp: 3 }),
    decidedBy: ref('decided_by'),
    decidedAt: datetime('decided_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('member_archives_checkin_uq').on(t.checkinId), index('member_archives_approver_idx').on(t.approverOrgId)],
);
