import { boolean, char, index, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref } from './columns';

/**
 * Uploaded images (modules/uploads). The bytes live in the storage adapter under
 * `storage_key`; `org_id` is set when the file is attached to an org's record (an offline
 * verification photo), which lets that org's operators read it.
 */
export const uploads = mysqlTable(
  'uploads',
  {
    id: id(),
    ownerUserId: ref('owner_user_id').notNull(),
    orgId: ref('org_id'),
    mime: varchar('mime', { length: 32 }).notNull(),
    size: int('size').notNull(),
    storageKey: varchar('storage_key', { length: 128 }).notNull(),
    sha256: char('sha256', { length: 64 }).notNull(),
    /** [003: 您上传的材料我们会添加水印] stamped once, when attached to a transfer. */
    watermarked: boolean('watermarked').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('uploads_owner_idx').on(t.ownerUserId)],
);
