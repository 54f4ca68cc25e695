import { and, asc, eq, gt, inArray, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import { isPositionAllowed, maskMobile, validateAlias, type CadreOrg, type PendingRosterLine } from '@tj/shared';
import type { Db } from '../../db/client';
import { orgs, rosterEntries, users } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { isDuplicate } from '../../lib/mysql-errors';
import { descendantsLike } from '../../lib/org-path';
import type { OrgContext } from '../../plugins/org-guard';
import { summarize } from '../orgs/service';
import { resolveScene } from '../qr/service';
import { verifiedIdHash } from '../accounts/identity';
import { lastRow, theRow } from '../../lib/rows';

type Entry = typeof rosterEntries.$inferSelect;
type User = typeof users.$inferSelect;

async function userOf(db: Db, userId: number): Promise<User> {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u) throw new AppError('UNAUTHORIZED');
  return u;
}

/**
 * §6.2 + issue 12: the roster lines that may be this person — the phone is the account's own
 * (proven by SMS at registration) and, where the account has a verified identity, the ID is
 * it. A line naming only the ID (another phone) is never offered: an admin typing a phone
 * must not reach the account behind it, nor an ID typed somewhere reach its owner.
 */
function offeredTo(user: User): SQL {
  const idHash = verifiedIdHash(user);
  return and(eq(rosterEntries.phone, user.phone), idHash ? eq(rosterEntries.idHash, idHash) : undefined) as SQL;
}

async function cadreOrgs(db: Db, entries: Entry[]): Promise<CadreOrg[]> {
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
  const byId = new Map(rows.map((r) => [r.id, r]));
  const summaries = new Map((await summarize(db, rows)).map((s) => [s.id, s]));
  return entries.map((e) => {
    const org = byId.get(e.orgId)!;
    const operator = e.isOperator || e.isAdmin;
    return {
      ...summaries.get(String(e.orgId))!,
      entryId: String(e.id),
      position: e.position,
      positionSet: e.onboardedAt != null,
      isOperator: operator,
      isAdmin: e.isAdmin,
      needsAlias: operator && !org.alias,
    };
  });
}

async function pendingLines(db: Db, entries: Entry[]): Promise<PendingRosterLine[]> {
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
  return entries.map((e) => {
    const org = summaries.get(String(e.orgId))!;
    return {
      entryId: String(e.id),
      orgId: org.id,
      orgName: org.alias ?? org.shortName,
      fullName: org.fullName ?? org.shortName,
      pathNames: org.pathNames,
      position: e.position,
      name: e.name,
      isOperator: e.isOperator || e.isAdmin,
      isAdmin: e.isAdmin,
    };
  });
}

export interface EntryDeps {
  verifyInvitation(token: string): { entryId: number } | null;
}

/**
 * §6.2 entering the cadre side. It writes nothing (issue 12): the lines bound to the account
 * are listed with what is left to do, and the unbound lines naming the account wait for the
 * person to confirm them. Neither → refused (NOT_IN_ROSTER). A line already declined is not
 * offered again, nor a second line in an org where the account already holds one.
 */
export async function enter(db: Db, deps: EntryDeps, userId: number, input: { token?: string; scene?: string }) {
  const user = await userOf(db, userId);
  let focusOrgId: number | null = null;
  if (input.token) {
    const invite = deps.verifyInvitation(input.token);
    if (!invite) throw new AppError('INVITATION_INVALID');
    const [entry] = await db
      .select()
      .from(rosterEntries)
      .where(and(eq(rosterEntries.id, invite.entryId), or(eq(rosterEntries.userId, userId), and(isNull(rosterEntries.userId), offeredTo(user)))));
    if (!entry) throw new AppError('INVITATION_NOT_YOURS');
    focusOrgId = entry.orgId;
  } else if (input.scene) {
    const scene = await resolveScene(db, input.scene);
    if (scene.kind === 'cadre') focusOrgId = Number(scene.orgId);
  }
  const bound = await db.select().from(rosterEntries).where(eq(rosterEntries.userId, userId)).orderBy(asc(rosterEntries.id));
  const boundOrgs = new Set(bound.map((e) => e.orgId));
  const offered = (
    await db
      .select()
      .from(rosterEntries)
      .where(and(isNull(rosterEntries.userId), isNull(rosterEntries.declinedAt), offeredTo(user)))
      .orderBy(asc(rosterEntries.id))
  ).filter((e) => !boundOrgs.has(e.orgId));
  const reachable = (orgId: number) => boundOrgs.has(orgId) || offered.some((e) => e.orgId === orgId);
  if ((bound.length === 0 && offered.length === 0) || (focusOrgId && !reachable(focusOrgId))) {
    throw new AppError('NOT_IN_ROSTER');
  }
  return {
    focusOrgId: focusOrgId ? String(focusOrgId) : null,
    items: await cadreOrgs(db, bound),
    pending: await pendingLines(db, offered),
  };
}

/** A line offered to the caller (see offeredTo); anything else is not theirs to see: 404. */
async function offeredEntry(db: Db, user: User, entryId: number): Promise<Entry> {
  const [entry] = await db.select().from(rosterEntries).where(eq(rosterEntries.id, entryId));
  const idHash = verifiedIdHash(user);
  const mine = entry && (entry.userId === user.id || (entry.phone === user.phone && (!idHash || entry.idHash === idHash)));
  if (!entry || !mine) throw new AppError('NOT_FOUND');
  return entry;
}

/**
 * Issue 12: the person confirms "您被录入为 X 的 Y" — only now is the line bound. The UPDATE
 * re-checks everything the offer rested on (unbound, not declined, the phone and verified ID
 * still the account's), so an edit or a second account racing it binds nothing.
 */
export async function confirmEntry(db: Db, userId: number, entryId: number): Promise<CadreOrg> {
  const user = await userOf(db, userId);
  const entry = await offeredEntry(db, user, entryId);
  if (entry.userId === userId) return theRow(await cadreOrgs(db, [entry]), "the entry's org");
  if (entry.userId != null || entry.declinedAt) throw new AppError('ROSTER_ENTRY_NOT_PENDING');
  const idHash = verifiedIdHash(user);
  await db.transaction(async (tx) => {
    const [other] = await tx
      .select({ id: rosterEntries.id })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.orgId, entry.orgId), eq(rosterEntries.userId, userId)))
      .limit(1);
    if (other) throw new AppError('ALREADY_IN_ROSTER');
    const [res] = await tx
      .update(rosterEntries)
      .set({ userId })
      .where(
        and(
          eq(rosterEntries.id, entry.id),
          isNull(rosterEntries.userId),
          isNull(rosterEntries.declinedAt),
          eq(rosterEntries.phone, user.phone),
          idHash ? eq(rosterEntries.idHash, idHash) : undefined,
        ),
      );
    if (res.affectedRows !== 1) throw new AppError('ROSTER_ENTRY_NOT_PENDING');
    await audit(tx, { actorUserId: userId, orgId: entry.orgId, action: 'cadre.confirm', targetType: 'roster', targetId: entry.id, after: { position: entry.position } });
  });
  const fresh = theRow(await db.select().from(rosterEntries).where(eq(rosterEntries.id, entry.id)), 'the roster entry');
  return theRow(await cadreOrgs(db, [fresh]), "the entry's org");
}

/** Issue 12: "不是我" — the line is marked declined, not offered again; its org's admin sees it. */
export async function declineEntry(db: Db, userId: number, entryId: number, now: Date): Promise<void> {
  const user = await userOf(db, userId);
  const entry = await offeredEntry(db, user, entryId);
  if (entry.userId != null || entry.declinedAt) throw new AppError('ROSTER_ENTRY_NOT_PENDING');
  await db.transaction(async (tx) => {
    const [res] = await tx
      .update(rosterEntries)
      .set({ declinedAt: now })
      .where(and(eq(rosterEntries.id, entry.id), isNull(rosterEntries.userId), isNull(rosterEntries.declinedAt), eq(rosterEntries.phone, user.phone)));
    if (res.affectedRows !== 1) throw new AppError('ROSTER_ENTRY_NOT_PENDING');
    await audit(tx, { actorUserId: userId, orgId: entry.orgId, action: 'cadre.decline', targetType: 'roster', targetId: entry.id });
  });
}

/** §6.3 first entry into an org: the cadre sets the position; that completes onboarding. */
export async function setPosition(db: Db, userId: number, orgId: number, position: string, now: Date) {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  const [entry] = org
    ? await db
        .select()
        .from(rosterEntries)
        .where(and(eq(rosterEntries.orgId, orgId), eq(rosterEntries.userId, userId)))
    : [];
  if (!org || !entry) throw new AppError('NOT_IN_ROSTER');
  if (!isPositionAllowed(org.type, position)) throw new AppError('POSITION_NOT_ALLOWED', 'position');
  await db.transaction(async (tx) => {
    await tx
      .update(rosterEntries)
      .set({ position, onboardedAt: entry.onboardedAt ?? now })
      .where(eq(rosterEntries.id, entry.id));
    await audit(tx, {
      actorUserId: userId,
      orgId,
      action: entry.onboardedAt ? 'cadre.position' : 'cadre.onboard',
      targetType: 'roster',
      targetId: entry.id,
      before: { position: entry.position },
      after: { position },
    });
  });
  const fresh = theRow(await db.select().from(rosterEntries).where(eq(rosterEntries.id, entry.id)), 'the roster entry');
  return theRow(await cadreOrgs(db, [fresh]), "the entry's org");
}

function checkAlias(org: typeof orgs.$inferSelect, alias: string) {
  const ok = validateAlias(alias, org.type);
  if (!ok.ok) throw new AppError(ok.code, 'alias');
}

/**
 * §6.4 the first operator names the org. The conditional UPDATE (… WHERE alias IS NULL) lets
 * exactly one of racing operators win; the others learn the alias is already set.
 */
export async function setFirstAlias(db: Db, ctx: OrgContext, alias: string) {
  checkAlias(ctx.org, alias);
  try {
    return await db.transaction(async (tx) => {
      const [res] = await tx
        .update(orgs)
        .set({ alias })
        .where(and(eq(orgs.id, ctx.org.id), isNull(orgs.alias)));
      if (res.affectedRows !== 1) throw new AppError('ALIAS_ALREADY_SET', 'alias');
      await audit(tx, { actorUserId: ctx.userId, orgId: ctx.org.id, action: 'org.alias', targetType: 'org', targetId: ctx.org.id, after: { alias } });
      return { alias };
    });
  } catch (err) {
    if (isDuplicate(err)) throw new AppError('ALIAS_TAKEN', 'alias');
    throw err;
  }
}

/** Admins may change the alias later in org settings (audited). */
export async function changeAlias(db: Db, ctx: OrgContext, alias: string) {
  checkAlias(ctx.org, alias);
  try {
    await db.transaction(async (tx) => {
      await tx.update(orgs).set({ alias }).where(eq(orgs.id, ctx.org.id));
      await audit(tx, { actorUserId: ctx.userId, orgId: ctx.org.id, action: 'org.alias', targetType: 'org', targetId: ctx.org.id, before: { alias: ctx.org.alias }, after: { alias } });
    });
  } catch (err) {
    if (isDuplicate(err)) throw new AppError('ALIAS_TAKEN', 'alias');
    throw err;
  }
  return { alias };
}

export interface InviteDeps {
  issueInvitation(entryId: number, orgId: number): string;
  send(phone: string, text: string): Promise<void>;
  linkBase: string;
}

const RESEND_AFTER_MS = 10 * 60_000;

/**
 * §6.2 invitation SMS with a signed link. Resends to one cadre are limited to one per 10
 * minutes (claimed with a conditional update, so concurrent sends send once).
 */
async function inviteOne(db: Db, deps: InviteDeps, ctx: OrgContext, entry: Entry, now: Date): Promise<boolean> {
  const [res] = await db
    .update(rosterEntries)
    .set({ lastInvitedAt: now })
    .where(
      and(eq(rosterEntries.id, entry.id), isNull(rosterEntries.onboardedAt), or(isNull(rosterEntries.lastInvitedAt), gt(rosterEntries.lastInvitedAt, now) /* clock moved back */, lt10(now))),
    );
  if (res.affectedRows !== 1) return false;
  const token = deps.issueInvitation(entry.id, entry.orgId);
  const url = `${deps.linkBase.replace(/\/$/, '')}/cadre/pages/entry/index?token=${encodeURIComponent(token)}`;
  await deps.send(entry.phone, `【智慧团建】${entry.name}您好，${ctx.org.shortName}邀请您入驻“智慧团建”团干部移动端，请点击链接并用本手机号登录：${url}（7天内有效）`);
  await audit(db, { actorUserId: ctx.userId, orgId: ctx.org.id, action: 'roster.invite', targetType: 'roster', targetId: entry.id });
  return true;
}

function lt10(now: Date) {
  return lt(rosterEntries.lastInvitedAt, new Date(now.getTime() - RESEND_AFTER_MS));
}

export async function inviteEntry(db: Db, deps: InviteDeps, ctx: OrgContext, entryId: number, now: Date) {
  const [entry] = await db
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.id, entryId), eq(rosterEntries.orgId, ctx.org.id)));
  if (!entry) throw new AppError('NOT_FOUND');
  if (entry.onboardedAt) throw new AppError('ALREADY_ONBOARDED');
  // The person said 不是我: fix the line's phone first (that offers it again).
  if (entry.declinedAt) throw new AppError('ROSTER_ENTRY_NOT_PENDING');
  if (!(await inviteOne(db, deps, ctx, entry, now))) throw new AppError('INVITATION_TOO_FREQUENT');
  return { sent: 1, skipped: 0 };
}

export async function inviteAll(db: Db, deps: InviteDeps, ctx: OrgContext, now: Date) {
  const entries = await db
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.orgId, ctx.org.id), isNull(rosterEntries.onboardedAt), isNull(rosterEntries.declinedAt)));
  let sent = 0;
  for (const e of entries) if (await inviteOne(db, deps, ctx, e, now)) sent++;
  return { sent, skipped: entries.length - sent };
}

export async function invitationPreview(db: Db, deps: EntryDeps, token: string) {
  const invite = deps.verifyInvitation(token);
  if (!invite) throw new AppError('INVITATION_INVALID');
  const [row] = await db.select({ e: rosterEntries, o: orgs }).from(rosterEntries).innerJoin(orgs, eq(orgs.id, rosterEntries.orgId)).where(eq(rosterEntries.id, invite.entryId));
  if (!row) throw new AppError('INVITATION_INVALID');
  const summary = theRow(await summarize(db, [row.o]), 'the org summary');
  return {
    orgId: summary.id,
    orgName: row.o.alias ?? row.o.shortName,
    fullName: row.o.fullName ?? row.o.shortName,
    pathNames: summary.pathNames,
    cadreName: row.e.name,
    phoneMasked: maskMobile(row.e.phone),
  };
}

/** Cadres of the org's subtree with their positions (phones masked), keyset-paginated. */
export async function listCadres(db: Db, org: typeof orgs.$inferSelect, cursor: number | undefined, limit: number) {
  const conds: SQL[] = [like(orgs.path, descendantsLike(org.path))];
  if (cursor) conds.push(gt(rosterEntries.id, cursor));
  const rows = await db
    .select({ e: rosterEntries, orgName: orgs.shortName, alias: orgs.alias })
    .from(rosterEntries)
    .innerJoin(orgs, eq(orgs.id, rosterEntries.orgId))
    .where(and(...conds))
    .orderBy(asc(rosterEntries.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: String(r.e.id),
      name: r.e.name,
      position: r.e.position,
      orgId: String(r.e.orgId),
      orgName: r.alias ?? r.orgName,
      phoneMasked: maskMobile(r.e.phone),
      isOperator: r.e.isOperator || r.e.isAdmin,
      onboarded: r.e.onboardedAt != null,
    })),
    nextCursor: rows.length > limit ? String(lastRow(page, 'a full page').e.id) : null,
  };
}
