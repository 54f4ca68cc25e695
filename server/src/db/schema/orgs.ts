import { boolean, char, datetime, foreignKey, index, int, mysqlTable, smallint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { sealedText } from './sealed';
import { createdAt, id, ref, updatedAt } from './columns';
import type { BranchCategory, GraduationReason, IndustryCategory, OrgType } from '@tj/shared';

/**
 * The org tree as a materialized path: `path` is '/1/23/456/' (ancestor ids, then own id),
 * binary collation so `path LIKE '/1/23/%'` is an index range scan. "All descendants of X"
 * is that one range query; "all ancestors of X" is `id IN (ids parsed from X.path)`, one
 * primary-key lookup. Orgs never move between parents (transfers move members, not orgs),
 * so paths never need rewriting — the reason a closure table's extra writes buy nothing here.
 */
export const orgs = mysqlTable(
  'orgs',
  {
    id: id(),
    parentId: ref('parent_id'),
    path: varchar('path', { length: 255 }).notNull(),
    depth: smallint('depth').notNull(),
    type: varchar('type', { length: 24 }).$type<OrgType>().notNull(),
    shortName: varchar('short_name', { length: 100 }).notNull(),
    // 004 §二(一)3: full name and industry may wait for the org's own admin (set once, then immutable)
    fullName: varchar('full_name', { length: 100 }),
    alias: varchar('alias', { length: 64 }),
    industry: varchar('industry', { length: 32 }).$type<IndustryCategory>(),
    branchCategory: varchar('branch_category', { length: 32 }).$type<BranchCategory>(),
    secretaryName: varchar('secretary_name', { length: 30 }),
    /** §9 ID numbers: AES-256-GCM ciphertext + HMAC lookup hash (lib/pii.ts). */
    secretaryIdEnc: varchar('secretary_id_enc', { length: 120 }),
    secretaryIdHash: char('secretary_id_hash', { length: 64 }),
    /** §9 sealed (db/schema/sealed.ts). */
    secretaryPhone: sealedText('secretary_phone', { length: 80 }),
    contactPhone: sealedText('contact_phone', { length: 96 }),
    email: varchar('email', { length: 100 }),
    adminStaffQuota: int('admin_staff_quota'),
    adminStaffActual: int('admin_staff_actual'),
    institutionStaffQuota: int('institution_staff_quota'),
    institutionStaffActual: int('institution_staff_actual'),
    youthCount: int('youth_count'),
    partyRecommendedCount: int('party_recommended_count'),
    sortOrder: int('sort_order').notNull().default(0),
    /**
     * Cached result of shared `missingOrgFields(...)` being empty, written with every change,
     * so progress over thousands of orgs is one SQL aggregate and the rule stays in shared/.
     */
    fieldsComplete: boolean('fields_complete').notNull().default(false),
    /**
     * §3.3 "the secretary has registered": an account exists for `secretary_phone`. Kept by
     * orgs/service.ts `syncSecretaryRegistered` wherever an org's secretary phone or an
     * account's phone changes, so the subtree's "info complete" is one index-only scan instead
     * of a users probe per org.
     */
    secretaryRegistered: boolean('secretary_registered').notNull().default(false),
    /**
     * How many roster lines (`roster_entries`, the 团干部 of entry progress) the org has. Kept by
     * roster/lines.ts `countRosterLines` in the transaction of every roster insert and delete
     * (roster lines never change org), so a subtree's cadres and "branches without cadres" are
     * read from orgs_path_progress_idx instead of a roster probe per org.
     */
    cadreCount: int('cadre_count').notNull().default(0),
    /** Administrative division code of the org's region (6 digits), when known. */
    regionCode: char('region_code', { length: 6 }),
    /**
     * [004 §二(二)] a class branch's 标记团支部毕业时间: a month or a reason (never both), who marked
     * it through which org (only that org's superiors may correct it), and when the 6 月 1 日
     * job turned it into a 毕业生团组织 (modules/graduation).
     */
    graduationMonth: char('graduation_month', { length: 7 }),
    graduationReason: varchar('graduation_reason', { length: 32 }).$type<GraduationReason>(),
    graduationMarkedAt: datetime('graduation_marked_at', { mode: 'date', fsp: 3 }),
    graduationMarkedBy: ref('graduation_marked_by'),
    graduationMarkedOrgId: ref('graduation_marked_org_id'),
    graduationConvertedAt: datetime('graduation_converted_at', { mode: 'date', fsp: 3 }),
    /**
     * A transfer destination with a rule of its own: 'specialUnitPool' (特殊单位专属库,
     * approved by the provincial committee in 15 days [004 §二(三)6]) or 'transit'
     * (临时中转团组织 [003 FAQ 2]); null for every ordinary org.
     */
    transferRole: varchar('transfer_role', { length: 16 }).$type<'specialUnitPool' | 'transit'>(),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('orgs_path_idx').on(t.path),
    // subtree aggregates (stats, entry progress) read only these: an index-only range scan
    index('orgs_path_progress_idx').on(t.path, t.type, t.parentId, t.fieldsComplete, t.secretaryRegistered, t.cadreCount, t.secretaryPhone),
    index('orgs_secretary_phone_idx').on(t.secretaryPhone),
    index('orgs_parent_sort_idx').on(t.parentId, t.sortOrder),
    // §3.2: alias unique among siblings (NULLs — no alias yet — do not collide).
    uniqueIndex('orgs_parent_alias_uq').on(t.parentId, t.alias),
    uniqueIndex('orgs_parent_short_name_uq').on(t.parentId, t.shortName),
    index('orgs_short_name_idx').on(t.shortName),
    // the 6 月 1 日 job: marked, unconverted branches by month
    index('orgs_graduation_idx').on(t.graduationConvertedAt, t.graduationMonth),
    // Issue 12 item 6: an org is deleted only when empty (orgs/service.ts deleteChild); the
    // database enforces the strict relations too (Galera and TiDB ≥ 8.5 do as well).
    foreignKey({ name: 'orgs_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }),
  ],
);
