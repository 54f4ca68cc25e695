import { inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { isOrgInfoComplete, maskIdNumber, missingOrgFields, type OrgDetail, type OrgSummary } from '@tj/shared';
import type { DbOrTx } from '../../db/client';
import { orgs } from '../../db/schema';
import { ancestorIds } from '../../lib/org-path';
import type { Pii } from '../../lib/pii';

export type OrgRow = typeof orgs.$inferSelect;

/** Short names of every ancestor of the given orgs, fetched in one query. */
export async function ancestorNames(db: DbOrTx, rows: Pick<OrgRow, 'path'>[]): Promise<Map<number, string>> {
  const ids = [...new Set(rows.flatMap((r) => ancestorIds(r.path)))];
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: orgs.id, shortName: orgs.shortName }).from(orgs).where(inArray(orgs.id, ids));
  return new Map(found.map((f) => [f.id, f.shortName]));
}

/**
 * The same names as a column of another statement: the ids of the path `path` ('/1/5/9/')
 * as a JSON table joined to orgs by primary key: `[[id, name], …]`, the org itself included.
 * Saves the second round trip where the org is read anyway (issue 8, P1's submit).
 */
export const ancestorNamesColumn = (path: AnyColumn): SQL<unknown> => sql`(
  select json_arrayagg(json_array(a.id, a.short_name))
  from json_table(concat('[', replace(trim(both '/' from ${path}), '/', ','), ']'), '$[*]' columns (id bigint path '$')) p
  join orgs a on a.id = p.id)`;

/** The value of `ancestorNamesColumn` as ancestorNames() returns it (MariaDB gives text, MySQL parsed JSON). */
export function parseAncestorNames(value: unknown): Map<number, string> {
  const pairs = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as [number, string][];
  return new Map(pairs.map(([id, name]) => [Number(id), name]));
}

export function toSummary(row: OrgRow, names: Map<number, string>, childCount: number): OrgSummary {
  return {
    id: String(row.id),
    parentId: row.parentId == null ? null : String(row.parentId),
    type: row.type,
    shortName: row.shortName,
    fullName: row.fullName ?? row.shortName,
    alias: row.alias,
    branchCategory: row.branchCategory,
    depth: row.depth,
    sortOrder: row.sortOrder,
    pathNames: ancestorIds(row.path).map((id) => names.get(id) ?? ''),
    childCount,
  };
}

export function toDetail(row: OrgRow, names: Map<number, string>, childCount: number, pii: Pii, secretaryRegistered: boolean): OrgDetail {
  const idNumber = row.secretaryIdEnc ? pii.decrypt(row.secretaryIdEnc) : null;
  const info = {
    type: row.type,
    shortName: row.shortName,
    fullName: row.fullName,
    industry: row.industry,
    secretaryName: row.secretaryName,
    secretaryIdNumber: idNumber,
    secretaryPhone: row.secretaryPhone,
    contactPhone: row.contactPhone,
    email: row.email,
    adminStaffQuota: row.adminStaffQuota,
    adminStaffActual: row.adminStaffActual,
    institutionStaffQuota: row.institutionStaffQuota,
    institutionStaffActual: row.institutionStaffActual,
  };
  return {
    ...toSummary(row, names, childCount),
    industry: row.industry,
    secretaryName: row.secretaryName,
    secretaryIdMasked: idNumber ? maskIdNumber(idNumber) : null,
    secretaryPhone: row.secretaryPhone,
    contactPhone: row.contactPhone,
    email: row.email,
    adminStaffQuota: row.adminStaffQuota,
    adminStaffActual: row.adminStaffActual,
    institutionStaffQuota: row.institutionStaffQuota,
    institutionStaffActual: row.institutionStaffActual,
    youthCount: row.youthCount,
    partyRecommendedCount: row.partyRecommendedCount,
    missingFields: missingOrgFields(info),
    infoComplete: isOrgInfoComplete(info, secretaryRegistered),
  };
}
