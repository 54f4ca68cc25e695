import { and, desc, eq, inArray, isNotNull, like, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import { maskMobile } from '@tj/shared';
import type { Db } from '../../db/client';
import { auditLogs, checkins, orgs, rosterEntries, transfers, users } from '../../db/schema';
import { descendantsLike } from '../../lib/org-path';
import type { OrgRow } from '../orgs/view';
import { lastRow } from '../../lib/rows';
import { afterCursor, parseTimeIdCursor, timeIdCursor } from '../../lib/keyset';

const nameIn = (data: unknown): string | null => {
  const n = (data as { name?: unknown } | null)?.name;
  return typeof n === 'string' && n ? n : null;
};

/**
 * A person's name for the log. `users.name` is set only for admins who registered with a
 * code; members are named by their check-in (the approved data, else the form) and cadres
 * by their roster line — without these every member and cadre read 操作人：系统.
 */
async function personNames(db: Db, userIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return out;
  const phones = new Map<number, string>();
  for (const u of await db.select({ id: users.id, name: users.name, phone: users.phone }).from(users).where(inArray(users.id, ids))) {
    if (u.name) out.set(u.id, u.name);
    phones.set(u.id, u.phone);
  }
  let missing = ids.filter((id) => !out.has(id));
  if (missing.length) {
    const rows = await db.select({ userId: checkins.userId, approved: checkins.approvedData, draft: checkins.draft }).from(checkins).where(inArray(checkins.userId, missing));
    for (const r of rows) {
      const n = nameIn(r.approved) ?? nameIn(r.draft);
      if (n) out.set(r.userId, n);
    }
    missing = missing.filter((id) => !out.has(id));
  }
  if (missing.length) {
    const rows = await db
      .select({ userId: rosterEntries.userId, name: rosterEntries.name })
      .from(rosterEntries)
      .where(and(inArray(rosterEntries.userId, missing), isNotNull(rosterEntries.userId)));
    for (const r of rows) if (r.userId != null && !out.has(r.userId)) out.set(r.userId, r.name);
  }
  // An account that never gave a name (registered, nothing filled in yet): its masked phone.
  for (const id of ids) if (!out.has(id) && phones.has(id)) out.set(id, maskMobile(phones.get(id)!));
  return out;
}

type Row = { targetType: string; targetId: string | null };

/** The name of what each row is about: an org, a roster line, or the member of a check-in / transfer / account. */
async function targetNames(db: Db, rows: Row[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && r.targetId).map((r) => Number(r.targetId)))].filter(Number.isFinite);
  const out = new Map<string, string>();
  const orgIds = ids('org');
  if (orgIds.length) for (const o of await db.select({ id: orgs.id, name: orgs.shortName }).from(orgs).where(inArray(orgs.id, orgIds))) out.set(`org:${o.id}`, o.name);
  const rosterIds = ids('roster');
  if (rosterIds.length)
    for (const e of await db.select({ id: rosterEntries.id, name: rosterEntries.name }).from(rosterEntries).where(inArray(rosterEntries.id, rosterIds))) out.set(`roster:${e.id}`, e.name);

  // Check-ins, transfers and accounts all name a person: resolve them to user ids first.
  const userOf = new Map<string, number>();
  const checkinIds = ids('checkin');
  if (checkinIds.length)
    for (const c of await db.select({ id: checkins.id, userId: checkins.userId }).from(checkins).where(inArray(checkins.id, checkinIds))) userOf.set(`checkin:${c.id}`, c.userId);
  const transferIds = ids('transfer');
  if (transferIds.length)
    for (const t of await db.select({ id: transfers.id, userId: transfers.memberUserId }).from(transfers).where(inArray(transfers.id, transferIds))) userOf.set(`transfer:${t.id}`, t.userId);
  for (const id of ids('user')) userOf.set(`user:${id}`, id);
  const names = await personNames(db, [...userOf.values()]);
  for (const [key, userId] of userOf) {
    const n = names.get(userId);
    if (n) out.set(key, n);
  }
  return out;
}

/** The audit log of an org and its subtree, newest first, keyset-paginated by (time, id) — not id order (issue 19). */
export async function listAudit(db: Db, org: OrgRow, cursor: string | undefined, limit: number) {
  const o = alias(orgs, 'o');
  const conds: SQL[] = [like(o.path, descendantsLike(org.path))];
  const after = afterCursor(auditLogs.createdAt, auditLogs.id, parseTimeIdCursor(cursor), 'desc');
  if (after) conds.push(after);
  const rows = await db
    .select({ log: auditLogs, orgName: o.shortName })
    .from(auditLogs)
    .innerJoin(o, eq(o.id, auditLogs.orgId))
    .where(and(...conds))
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const actors = await personNames(
    db,
    page.map((r) => r.log.actorUserId).filter((id): id is number => id != null),
  );
  const targets = await targetNames(
    db,
    page.map((r) => r.log),
  );
  return {
    items: page.map((r) => ({
      id: String(r.log.id),
      actorName: r.log.actorUserId == null ? null : (actors.get(r.log.actorUserId) ?? null),
      orgName: r.orgName,
      action: r.log.action,
      targetName: r.log.targetId == null ? null : (targets.get(`${r.log.targetType}:${r.log.targetId}`) ?? null),
      targetType: r.log.targetType,
      targetId: r.log.targetId,
      before: r.log.before,
      after: r.log.after,
      createdAt: r.log.createdAt.toISOString(),
    })),
    nextCursor: rows.length > limit ? (({ log }) => timeIdCursor(log.createdAt, log.id))(lastRow(page, 'a full page')) : null,
  };
}
