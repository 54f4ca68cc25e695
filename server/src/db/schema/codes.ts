import { char, datetime, index, mysqlTable, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { sealedText } from './sealed';
import { createdAt, id, ref } from './columns';
import { users } from './accounts';
import { orgs } from './orgs';
import type { QrKind, SmsPurpose } from '@tj/shared';

/**
 * §3.4 admin registration codes: case-sensitive, single use — the use is a conditional
 * UPDATE … WHERE used_at IS NULL, so concurrent uses yield one winner.
 *
 * Stored like the other secrets (issue 12 item 12): found through `code_hash`, a keyed hash
 * of the exact code (lib/pii.ts `secretHash`), and kept encrypted in `code_enc` so the
 * issuing org's admins can read the codes in force again (issue 13 item 2). Both are null
 * only on rows from before this storage, which therefore no longer match any code.
 */
export const adminCodes = mysqlTable(
  'admin_codes',
  {
    id: id(),
    orgId: ref('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    codeHash: char('code_hash', { length: 64 }),
    codeEnc: varchar('code_enc', { length: 120 }),
    issuedBy: ref('issued_by').notNull(),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
    usedAt: datetime('used_at', { mode: 'date', fsp: 3 }),
    usedBy: ref('used_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('admin_codes_code_hash_uq').on(t.codeHash), index('admin_codes_org_idx').on(t.orgId)],
);

/** SMS verification codes (stored hashed): 6 digits, 5 minutes, single use, 5 wrong tries. */
export const smsCodes = mysqlTable(
  'sms_codes',
  {
    id: id(),
    phone: sealedText('phone', { length: 80 }).notNull(),
    purpose: varchar('purpose', { length: 16 }).$type<SmsPurpose>().notNull(),
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
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
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
    orgId: ref('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 16 }).$type<QrKind>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('qr_scenes_scene_uq').on(t.scene), uniqueIndex('qr_scenes_org_kind_uq').on(t.orgId, t.kind)],
);
