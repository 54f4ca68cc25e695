import { char, datetime, index, mysqlTable, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { sealedText } from './sealed';
import { createdAt, id, ref } from './columns';

/**
 * §3.4 admin registration codes: case-sensitive (binary collation), single use — the use is
 * a conditional UPDATE … WHERE used_at IS NULL, so concurrent uses yield one winner.
 */
export const adminCodes = mysqlTable(
  'admin_codes',
  {
    id: id(),
    orgId: ref('org_id').notNull(),
    code: varchar('code', { length: 8 }).notNull(),
    issuedBy: ref('issued_by').notNull(),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
    usedAt: datetime('used_at', { mode: 'date', fsp: 3 }),
    usedBy: ref('used_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('admin_codes_code_uq').on(t.code), index('admin_codes_org_idx').on(t.orgId)],
);

/** SMS verification codes (stored hashed): 6 digits, 5 minutes, single use, 5 wrong tries. */
export const smsCodes = mysqlTable(
  'sms_codes',
  {
    id: id(),
    phone: sealedText('phone', { length: 80 }).notNull(),
    purpose: varchar('purpose', { length: 16 }).notNull(),
    codeHash: char('code_hash', { length: 64 }).notNull(),
    attempts: tinyint('attempts').notNull().default(0),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
    usedAt: datetime('used_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [index('sms_codes_phone_idx').on(t.phone, t.createdAt)],
);

/** §10 admin-issued password reset codes for people who lost their phone number. */
export const passwordResetCodes = mysqlTable(
  'password_reset_codes',
  {
    id: id(),
    userId: ref('user_id').notNull(),
    codeHash: char('code_hash', { length: 64 }).notNull(),
    issuedBy: ref('issued_by').notNull(),
    orgId: ref('org_id').notNull(),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
    usedAt: datetime('used_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [index('password_reset_codes_user_idx').on(t.userId)],
);

/** Short scene tokens (≤ 32 chars, WeChat's limit) that QR codes carry, mapped to an org. */
export const qrScenes = mysqlTable(
  'qr_scenes',
  {
    id: id(),
    scene: varchar('scene', { length: 32 }).notNull(),
    orgId: ref('org_id').notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('qr_scenes_scene_uq').on(t.scene), uniqueIndex('qr_scenes_org_kind_uq').on(t.orgId, t.kind)],
);
