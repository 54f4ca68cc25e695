import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNotNull, like, or, sql, type SQL } from 'drizzle-orm';
import { deriveIdentity, makeCertificationSchema, maskIdNumber, todayInChina, type EnteredListQuery, type EnteredMemberDetail, type EnteredMemberItem } from '@tj/shared';
import type { Db, DbOrTx, Tx } from '../../db/client';
import { checkins, orgs, users } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { checkWith } from '../../lib/check-with';
import { isDuplicate } from '../../lib/mysql-errors';
import { descendantsLike } from '../../lib/org-path';
import type { Pii } from '../../lib/pii';
import type { OrgContext } from '../../plugins/org-guard';
import { assertDevNumberFree, assertNotApprovedElsewhere, devNumberTakenError, approvedElsewhereError, duplicateIndexOf, holdsRosterPosition } from '../checkins/rules';
import { trackCheckinChange } from '../stats/counters';
import { PLACEHOLDER_PHONE_PREFIX } from './placeholder';

/**
 * 团员录入 (issue 16 part 5, [004 §二(一)] 团员列表): an admin of a 团支部 or of an org above it
 * enters an existing member with the certification form — the same shared schema, join-age and
 * development-number rules as a member's own check-in — and the record counts as an approved
 * check-in at once (an admin vouches for it, as an approval would).
 *
 * Storage decision: a check-in belongs to exactly one account (`checkins.user_id` NOT NULL and
 * unique; ~120 reads join or compare it, and `user_id <> ?` conditions would silently skip a
 * NULL). So an entered member's row belongs to a placeholder account that can never sign in
 * (its phone is not a mobile number and its password hash is no scrypt hash); `entered_at` marks
 * the row. When the person proves their ID (modules/entered/claim.ts) the row, and the history
 * keyed by the account, move to their own account — no second check-in, no query changed.
 */

/** A placeholder account: no login can reach it (LoginSchema takes mobiles only; '!' is no password hash). */
export async function insertPlaceholderAccount(tx: DbOrTx): Promise<number> {
  const [res] = await tx.insert(users).values({ phone: PLACEHOLDER_PHONE_PREFIX + randomBytes(6).toString('hex'), passwordHash: '!entered' });
  return Number(res.insertId);
}

export interface EnteredDeps {
  pii: Pii;
  now: Date;
}

type CheckinRow = typeof checkins.$inferSelect;
type OrgRow = typeof orgs.$inferSelect;

export interface ParsedEntry {
  data: Record<string, unknown>;
  idNumber: string;
  idHash: string;
  developmentNumber: string | null;
}

const rawIdOf = (body: unknown) => {
  const v = (body as { idNumber?: unknown } | null)?.idNumber;
  return typeof v === 'string' ? v.trim().toUpperCase() : '';
};

/**
 * The whole form checked as a member's submit is (shared makeCertificationSchema with the roster
 * answer for the 28-year rule), for `branch`; birth date and gender come from a mainland ID.
 */
export async function parseEntry(db: DbOrTx, pii: Pii, branch: OrgRow, body: unknown, today: string): Promise<ParsedEntry> {
  const rawId = rawIdOf(body);
  const holds = rawId ? await holdsRosterPosition(db, pii.lookupHash(rawId)) : false;
  const input = { ...((body ?? {}) as Record<string, unknown>), branchId: String(branch.id) };
  const parsed = checkWith(makeCertificationSchema({ today, holdsRosterPosition: holds }), input);
  return toEntry(pii, parsed, today);
}

export function toEntry(pii: Pii, parsed: Record<string, unknown> & { idNumber: string }, today: string): ParsedEntry {
  const facts = deriveIdentity(parsed, today);
  const { idNumber, ...rest } = parsed;
  const dev = typeof rest.developmentNumber === 'string' && rest.developmentNumber.trim() !== '' ? rest.developmentNumber.trim() : null;
  const data: Record<string, unknown> = { ...rest, developmentNumber: dev, birthDate: facts.birthDate ?? rest.birthDate ?? null, gender: facts.gender ?? rest.gender ?? null };
  return { data, idNumber, idHash: pii.lookupHash(idNumber), developmentNumber: dev };
}

/** The branch an entry goes to: the org of the route itself, which must be a 团支部. */
function entryBranch(ctx: OrgContext): OrgRow {
  if (ctx.org.type !== 'branch') throw new AppError('ENTERED_NOT_BRANCH');
  return ctx.org;
}

/** Inserts one entered member (placeholder account + approved check-in) and counts it. */
export async function insertEntered(tx: Tx, ctx: OrgContext, branch: OrgRow, e: ParsedEntry, pii: Pii, now: Date): Promise<number> {
  const userId = await insertPlaceholderAccount(tx);
  const row = {
    userId,
    branchId: branch.id,
    status: 'approved' as const,
    savedSteps: 4,
    draft: e.data,
    approvedData: e.data,
    idEnc: pii.encrypt(e.idNumber),
    idHash: e.idHash,
    approvedIdHash: e.idHash,
    developmentNumber: e.developmentNumber,
    approvedDevNumber: e.developmentNumber,
    submittedAt: now,
    reviewedAt: now,
    reviewedBy: ctx.userId,
    enteredBy: ctx.userId,
    enteredAt: now,
  };
  const [res] = await tx.insert(checkins).values(row);
  await trackCheckinChange(tx, undefined, { branchId: branch.id, status: 'approved', approvedData: e.data });
  return Number(res.insertId);
}

/** A lost race on the unique approved ID / development number indexes, as the typed refusal. */
export async function duplicateError(db: DbOrTx, err: unknown, e: Pick<ParsedEntry, 'idHash' | 'developmentNumber'>): Promise<AppError | null> {
  if (!isDuplicate(err)) return null;
  const which = duplicateIndexOf(err);
  if (which === 'id') return approvedElsewhereError(db, e.idHash);
  if (which === 'devNumber' && e.developmentNumber) return devNumberTakenError(db, e.developmentNumber, e.idHash);
  return new AppError('CONFLICT');
}

/** 录入团员: one member into the route's 团支部 (admins of the branch or above). */
export async function enterMember(db: Db, deps: EnteredDeps, ctx: OrgContext, body: unknown): Promise<EnteredMemberDetail> {
  const branch = entryBranch(ctx);
  const today = todayInChina(deps.now);
  const entry = await parseEntry(db, deps.pii, branch, body, today);
  let id: number;
  try {
    id = await db.transaction(async (tx) => {
      // §5.1 one ID = one branch (the account id 0 is nobody's), §5.2 the development number.
      await assertNotApprovedElsewhere(tx, entry.idHash, 0);
      await assertDevNumberFree(tx, entry.developmentNumber, entry.idHash);
      const created = await insertEntered(tx, ctx, branch, entry, deps.pii, deps.now);
      await audit(tx, { actorUserId: ctx.userId, orgId: branch.id, action: 'member.enter', targetType: 'checkin', targetId: created, after: { joinedAt: entry.data.joinedAt } });
      return created;
    });
  } catch (err) {
    throw (await duplicateError(db, err, entry)) ?? err;
  }
  return enteredDetail(db, deps.pii, ctx, id);
}

const SCOPE_ERROR = () => new AppError('NOT_FOUND');

async function lockedEntered(tx: Tx, ctx: OrgContext, memberId: number): Promise<{ c: CheckinRow; b: OrgRow }> {
  const [row] = await tx.select({ c: checkins, b: orgs }).from(checkins).innerJoin(orgs, eq(orgs.id, checkins.branchId)).where(eq(checkins.id, memberId)).for('update');
  if (!row || !ctx.contains(row.b.path)) throw SCOPE_ERROR();
  return row;
}

/**
 * 修改录入的团员信息 (audited). Only while the record is the org's: once the person claimed it
 * they change their own data (§4.3, with review), and a member who left is kept as it was.
 */
export async function updateEntered(db: Db, deps: EnteredDeps, ctx: OrgContext, memberId: number, body: unknown): Promise<EnteredMemberDetail> {
  const today = todayInChina(deps.now);
  let entry: ParsedEntry | null = null;
  try {
    await db.transaction(async (tx) => {
      const { c, b } = await lockedEntered(tx, ctx, memberId);
      if (!c.enteredAt) throw new AppError('ENTERED_MEMBER_NOT_ENTERED');
      if (c.claimedAt) throw new AppError('ENTERED_MEMBER_CLAIMED');
      if (c.membershipStatus !== 'normal') throw new AppError('MEMBERSHIP_NOT_NORMAL');
      if (c.status !== 'approved') throw new AppError('CONFLICT');
      const e = await parseEntry(tx, deps.pii, b, body, today);
      entry = e;
      await assertNotApprovedElsewhere(tx, e.idHash, c.userId);
      await assertDevNumberFree(tx, e.developmentNumber, e.idHash);
      const before = c.approvedData ?? {};
      const changed = Object.keys({ ...before, ...e.data }).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(e.data[k] ?? null));
      const idChanged = c.idHash !== e.idHash;
      if (changed.length === 0 && !idChanged) return;
      const set = {
        draft: e.data,
        approvedData: e.data,
        idHash: e.idHash,
        approvedIdHash: e.idHash,
        idEnc: idChanged ? deps.pii.encrypt(e.idNumber) : c.idEnc,
        developmentNumber: e.developmentNumber,
        approvedDevNumber: e.developmentNumber,
      };
      await tx.update(checkins).set(set).where(eq(checkins.id, c.id));
      await trackCheckinChange(tx, c, { approvedData: e.data });
      // The log names what changed; ID numbers never enter it (§9).
      await audit(tx, {
        actorUserId: ctx.userId,
        orgId: b.id,
        action: 'member.edit',
        targetType: 'checkin',
        targetId: c.id,
        before: { fields: changed.filter((k) => k !== 'phone').map((k) => [k, before[k] ?? null]) },
        after: {
          fields: changed.filter((k) => k !== 'phone').map((k) => [k, e.data[k] ?? null]),
          ...(idChanged ? { idNumberChanged: true } : {}),
          ...(changed.includes('phone') ? { phoneChanged: true } : {}),
        },
      });
    });
  } catch (err) {
    const typed = entry ? await duplicateError(db, err, entry) : null;
    throw typed ?? err;
  }
  return enteredDetail(db, deps.pii, ctx, memberId);
}

const NAME = sql<string>`json_unquote(json_extract(${checkins.approvedData}, '$.name'))`;
const text = (v: unknown) => (typeof v === 'string' ? v : '');

function itemOf(pii: Pii, c: CheckinRow, b: OrgRow): EnteredMemberItem {
  const d = c.approvedData ?? c.draft;
  return {
    id: String(c.id),
    name: text(d.name),
    idNumberMasked: maskIdNumber(pii.decrypt(c.idEnc)),
    branchId: String(b.id),
    branchName: b.alias || b.shortName,
    joinedAt: text(d.joinedAt),
    claimed: c.claimedAt != null,
    membershipStatus: c.membershipStatus,
    enteredAt: (c.enteredAt ?? c.createdAt).toISOString(),
  };
}

/** 录入的团员 of the org's subtree, newest first; `q` a name, a full ID number or a development number. */
export async function listEntered(db: Db, pii: Pii, ctx: OrgContext, q: EnteredListQuery) {
  const conds: (SQL | undefined)[] = [isNotNull(checkins.enteredAt), like(orgs.path, descendantsLike(ctx.org.path))];
  const term = q.q.trim();
  if (term) {
    conds.push(or(sql`${NAME} like ${`%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`, eq(checkins.approvedIdHash, pii.lookupHash(term)), eq(checkins.approvedDevNumber, term)));
  }
  const rows = await db
    .select({ c: checkins, b: orgs })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(and(...conds))
    .orderBy(desc(checkins.id))
    .limit(q.limit + 1)
    .offset(q.offset);
  const items = rows.slice(0, q.limit).map(({ c, b }) => itemOf(pii, c, b));
  return { items, nextOffset: rows.length > q.limit ? q.offset + q.limit : null };
}

/** One entered member with the form's values for the edit page (full ID: admins of the chain only). */
export async function enteredDetail(db: Db, pii: Pii, ctx: OrgContext, memberId: number): Promise<EnteredMemberDetail> {
  const [row] = await db.select({ c: checkins, b: orgs }).from(checkins).innerJoin(orgs, eq(orgs.id, checkins.branchId)).where(eq(checkins.id, memberId));
  if (!row || !ctx.contains(row.b.path) || !row.c.enteredAt) throw SCOPE_ERROR();
  const data = { ...(row.c.approvedData ?? row.c.draft), idNumber: pii.decrypt(row.c.idEnc) };
  return { ...itemOf(pii, row.c, row.b), data };
}
