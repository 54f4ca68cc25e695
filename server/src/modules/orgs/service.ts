import { and, asc, count, eq, inArray, isNotNull, like, or, sql } from 'drizzle-orm';
import { missingOrgFields, ORG_SET_ONCE_FIELDS, makeOrgCreateSchema, makeOrgUpdateSchema, type MyOrg, type OrgCreate, type OrgType, type OrgUpdate } from '@tj/shared';
import type { Db, DbOrTx } from '../../db/client';
import { checkins, orgs, rosterEntries, transfers, users } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { checkWith } from '../../lib/check-with';
import { isDuplicate } from '../../lib/mysql-errors';
import { childPath, descendantsLike } from '../../lib/org-path';
import type { Pii } from '../../lib/pii';
import { ancestorNames, toDetail, toSummary, type OrgRow } from './view';
import { theRow } from '../../lib/rows';

export interface Actor {
  userId: number;
}

async function childCounts(db: DbOrTx, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ parentId: orgs.parentId, n: count() }).from(orgs).where(inArray(orgs.parentId, ids)).groupBy(orgs.parentId);
  return new Map(rows.map((r) => [Number(r.parentId), Number(r.n)]));
}

/** §3.3 "secretary has registered with a phone": an account exists for the secretary's phone. */
async function secretaryRegistered(db: DbOrTx, org: OrgRow): Promise<boolean> {
  if (!org.secretaryPhone) return false;
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.phone, org.secretaryPhone)).limit(1);
  return Boolean(u);
}

/**
 * Keeps orgs.secretary_registered equal to secretaryRegistered() above for the orgs whose
 * secretary phone is one of `phones` or whose id is one of `orgIds`. Call it in the
 * transaction that creates an account, changes an account's phone, or sets an org's
 * secretary phone.
 */
export async function syncSecretaryRegistered(db: DbOrTx, { phones = [], orgIds = [] }: { phones?: (string | null | undefined)[]; orgIds?: number[] }) {
  const ps = [...new Set(phones.filter((p): p is string => Boolean(p)))];
  if (ps.length === 0 && orgIds.length === 0) return;
  const where = ps.length && orgIds.length ? or(inArray(orgs.secretaryPhone, ps), inArray(orgs.id, orgIds)) : ps.length ? inArray(orgs.secretaryPhone, ps) : inArray(orgs.id, orgIds);
  await db
    .update(orgs)
    .set({ secretaryRegistered: sql`(orgs.secretary_phone is not null and exists (select 1 from users u where u.phone = orgs.secretary_phone))` })
    .where(where);
}

export async function getOrgDetail(db: Db, pii: Pii, org: OrgRow) {
  const [names, counts, registered] = await Promise.all([ancestorNames(db, [org]), childCounts(db, [org.id]), secretaryRegistered(db, org)]);
  return toDetail(org, names, counts.get(org.id) ?? 0, pii, registered);
}

export async function summarize(db: DbOrTx, rows: OrgRow[]) {
  const [names, counts] = await Promise.all([
    ancestorNames(db, rows),
    childCounts(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => toSummary(r, names, counts.get(r.id) ?? 0));
}

export async function listChildren(db: Db, orgId: number) {
  const rows = await db.select().from(orgs).where(eq(orgs.parentId, orgId)).orderBy(asc(orgs.sortOrder), asc(orgs.id));
  return summarize(db, rows);
}

/** The orgs where the user holds an onboarded position, with that position. */
export async function myOrgs(db: Db, userId: number): Promise<MyOrg[]> {
  const entries = await db
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.userId, userId), isNotNull(rosterEntries.onboardedAt)));
  if (entries.length === 0) return [];
  const rows = await db
    .select()
    .from(orgs)
    .where(
      inArray(
        orgs.id,
        entries.map((e) => e.orgId),
      ),
    );
  const summaries = new Map((await summarize(db, rows)).map((s) => [s.id, s]));
  return entries
    .filter((e) => summaries.has(String(e.orgId)))
    .map((e) => ({ ...summaries.get(String(e.orgId))!, position: e.position, isAdmin: e.isAdmin, isOperator: e.isOperator || e.isAdmin }));
}

/** The §3.3 completeness of an org's fields after a change (see orgs.fieldsComplete). */
export function fieldsComplete(type: OrgType, fields: Record<string, unknown>): boolean {
  return missingOrgFields({ ...(fields as object), type }).length === 0;
}

export function orgValues(pii: Pii, input: Record<string, unknown>) {
  const {
    secretaryIdNumber,
    type: _t,
    shortName: _s,
    fullName: _f,
    industry: _i,
    ...rest
  } = input as Record<string, unknown> & {
    secretaryIdNumber?: string | null;
  };
  const values: Record<string, unknown> = { ...rest };
  // 组织排序 left empty (null, as the form sends it) is the default order: the column is NOT NULL
  if (values.sortOrder === null) values.sortOrder = 0;
  if (secretaryIdNumber !== undefined) {
    values.secretaryIdEnc = secretaryIdNumber ? pii.encrypt(secretaryIdNumber) : null;
    values.secretaryIdHash = secretaryIdNumber ? pii.lookupHash(secretaryIdNumber) : null;
  }
  return values;
}

/**
 * Inserts children of `parent` in one transaction (single create and Excel import share it).
 * The path needs the new id, so each row is inserted then given its path.
 */
export async function insertChildren(tx: DbOrTx, pii: Pii, actor: Actor, parent: OrgRow, inputs: OrgCreate[]): Promise<OrgRow[]> {
  const created: OrgRow[] = [];
  for (const input of inputs) {
    const [res] = await tx.insert(orgs).values({
      ...orgValues(pii, input),
      parentId: parent.id,
      path: `${parent.path}pending/`,
      depth: parent.depth + 1,
      type: input.type,
      shortName: input.shortName,
      fullName: input.fullName || null,
      industry: input.industry ?? null,
      sortOrder: input.sortOrder ?? 0,
      fieldsComplete: fieldsComplete(input.type, input),
      createdBy: actor.userId,
    } as typeof orgs.$inferInsert);
    const id = Number(res.insertId);
    await tx
      .update(orgs)
      .set({ path: childPath(parent.path, id) })
      .where(eq(orgs.id, id));
    if (input.secretaryPhone) await syncSecretaryRegistered(tx, { orgIds: [id] });
    const row = theRow(await tx.select().from(orgs).where(eq(orgs.id, id)), 'the org just inserted');
    await audit(tx, {
      actorUserId: actor.userId,
      orgId: parent.id,
      action: 'org.create',
      targetType: 'org',
      targetId: id,
      after: { type: row.type, shortName: row.shortName, fullName: row.fullName },
    });
    created.push(row);
  }
  return created;
}

export async function createChild(db: Db, pii: Pii, actor: Actor, parent: OrgRow, body: unknown) {
  const input = checkWith<OrgCreate>(makeOrgCreateSchema(parent.type), body);
  try {
    const row = theRow(await db.transaction((tx) => insertChildren(tx, pii, actor, parent, [input])), 'the org just inserted');
    return theRow(await summarize(db, [row]), 'the org summary');
  } catch (err) {
    // The unique index (parent, short name) settles concurrent creations: one wins.
    if (isDuplicate(err)) throw new AppError('ORG_NAME_TAKEN', 'shortName');
    throw err;
  }
}

export async function updateOrg(db: Db, pii: Pii, actor: Actor, org: OrgRow, body: unknown) {
  const input = checkWith<OrgUpdate>(makeOrgUpdateSchema(org.type), body);
  const values = orgValues(pii, input);
  // 004 §二(一)3 + (2.2): full name and industry are given once — by the superior or later by
  // the org's own admin — and never changed after.
  for (const f of ORG_SET_ONCE_FIELDS) {
    if (input[f] === undefined) continue;
    if (org[f] != null && org[f] !== '') throw new AppError('ORG_FIELD_IMMUTABLE', f);
    values[f] = input[f];
  }
  if (Object.keys(values).length === 0) return getOrgDetail(db, pii, org);
  const stored = { ...org, secretaryIdNumber: org.secretaryIdEnc ? pii.decrypt(org.secretaryIdEnc) : null };
  values.fieldsComplete = fieldsComplete(org.type, { ...stored, ...input });
  await db.transaction(async (tx) => {
    await tx.update(orgs).set(values).where(eq(orgs.id, org.id));
    if ('secretaryPhone' in values) await syncSecretaryRegistered(tx, { orgIds: [org.id] });
    const before = Object.fromEntries(Object.keys(input).map((k) => [k, k === 'secretaryIdNumber' ? '***' : (org as Record<string, unknown>)[k]]));
    const after = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, k === 'secretaryIdNumber' ? '***' : v]));
    await audit(tx, { actorUserId: actor.userId, orgId: org.id, action: 'org.update', targetType: 'org', targetId: org.id, before, after });
  });
  const fresh = theRow(await db.select().from(orgs).where(eq(orgs.id, org.id)), 'the org just updated');
  return getOrgDetail(db, pii, fresh);
}

/**
 * §3.4 only empty orgs can be deleted: no sub-orgs, no roster lines, no members' check-ins
 * (issue 12 item 6: deleting one with check-ins orphaned them), no open transfer from, to or
 * waiting at it — each refused with its own reason. The foreign keys refuse the same at the
 * database (a check-in saved meanwhile makes the DELETE fail, answered as CONFLICT); the org's
 * own codes, QR scenes and zeroed counters go with it (ON DELETE CASCADE).
 */
export async function deleteChild(db: Db, actor: Actor, parent: OrgRow, childId: number, opts: { keepExitedMembers?: boolean } = {}) {
  await db.transaction(async (tx) => {
    const [child] = await tx
      .select()
      .from(orgs)
      .where(and(eq(orgs.id, childId), eq(orgs.parentId, parent.id)))
      .for('update');
    if (!child) throw new AppError('NOT_FOUND');
    const exists = async (q: Promise<unknown[]>) => (await q).length > 0;
    if (await exists(tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.parentId, child.id)).limit(1))) throw new AppError('ORG_HAS_SUB_ORGS');
    // Issue 16 B3: an emptied 毕业生团组织 goes although members who left (团籍状态 not 正常) still
    // name it — their rows stay as history (checkins.branch_id has no foreign key for this).
    const members = opts.keepExitedMembers ? and(eq(checkins.branchId, child.id), eq(checkins.membershipStatus, 'normal')) : eq(checkins.branchId, child.id);
    if (await exists(tx.select({ id: checkins.id }).from(checkins).where(members).limit(1))) throw new AppError('ORG_HAS_MEMBERS');
    if (await exists(tx.select({ id: rosterEntries.id }).from(rosterEntries).where(eq(rosterEntries.orgId, child.id)).limit(1))) throw new AppError('ORG_HAS_CADRES');
    const touches = or(eq(transfers.fromBranchId, child.id), eq(transfers.toOrgId, child.id), eq(transfers.toBranchId, child.id), eq(transfers.stepOrgId, child.id));
    if (
      await exists(
        tx
          .select({ id: transfers.id })
          .from(transfers)
          .where(and(isNotNull(transfers.openUserId), touches))
          .limit(1),
      )
    )
      throw new AppError('ORG_HAS_OPEN_TRANSFERS');
    await tx.delete(orgs).where(eq(orgs.id, child.id));
    await audit(tx, {
      actorUserId: actor.userId,
      orgId: parent.id,
      action: 'org.delete',
      targetType: 'org',
      targetId: child.id,
      before: { type: child.type, shortName: child.shortName, fullName: child.fullName },
    });
  });
}

export const subtreeCount = async (db: DbOrTx, path: string) =>
  Number(
    theRow(
      await db
        .select({ n: sql<number>`count(*)` })
        .from(orgs)
        .where(like(orgs.path, descendantsLike(path))),
      'a count',
    ).n,
  );
