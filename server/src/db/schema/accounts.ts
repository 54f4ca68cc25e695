import { char, datetime, index, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { sealedText } from './sealed';
import { createdAt, id, ref, updatedAt } from './columns';

export const users = mysqlTable(
  'users',
  {
    id: id(),
    /** §9 sealed (db/schema/sealed.ts): equality lookups still work. */
    phone: sealedText('phone', { length: 80 }).notNull(),
    /** scrypt$N$r$p$salt$hash — see modules/auth/password.ts */
    passwordHash: varchar('password_hash', { length: 200 }).notNull(),
    name: varchar('name', { length: 30 }),
    /**
     * §9 ID number: AES-256-GCM ciphertext + HMAC lookup hash (lib/pii.ts). Only ever a
     * VERIFIED identity (issue 12): written together with `id_verified_at` when the account's
     * own check-in passes real-name or offline verification, or admin registration passes a
     * real-name check. A hash without `id_verified_at` (older rows) counts as no identity.
     */
    idEnc: varchar('id_enc', { length: 120 }),
    idHash: char('id_hash', { length: 64 }),
    idVerifiedAt: datetime('id_verified_at', { mode: 'date', fsp: 3 }),
    /** County-level administrative division code (所属地区, §4.1). */
    regionCode: char('region_code', { length: 6 }),
    wxOpenid: varchar('wx_openid', { length: 64 }),
    lastLoginAt: datetime('last_login_at', { mode: 'date', fsp: 3 }),
    /** Access tokens issued before this are refused (plugins/auth.ts): a reset ends every session. */
    passwordChangedAt: datetime('password_changed_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_phone_uq').on(t.phone), uniqueIndex('users_wx_openid_uq').on(t.wxOpenid), index('users_id_hash_idx').on(t.idHash)],
);

/** Opaque refresh tokens, stored hashed; rotation marks the old one used (§ issue 4). */
export const refreshTokens = mysqlTable(
  'refresh_tokens',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: char('token_hash', { length: 64 }).notNull(),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
    revokedAt: datetime('revoked_at', { mode: 'date', fsp: 3 }),
    /** One login's chain of rotated tokens; reusing a rotated one revokes the chain (issue 12 item 14). */
    family: char('family', { length: 22 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_uq').on(t.tokenHash), index('refresh_tokens_user_idx').on(t.userId)],
);
