import { and, desc, eq, isNotNull, like, ne, or, sql } from 'drizzle-orm';
import {
  Genders,
  checkIdentityCorrection,
  isKeyOf,
  maskIdNumber,
  todayInChina,
  type Gender,
  type IdDocType,
  type IdentityCorrectionDecision,
  type IdentityCorrectionItem,
  type IdentityCorrectionRequest,
} from '@tj/shared';
import type { Db, DbOrTx } from '../../db/client';
import { checkins, identityCorrections, orgs, users } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { isDuplicate } from '../../lib/mysql-errors';
import { descendantsLike } from '../../lib/org-path';
import type { Pii } from '../../lib/pii';
import type { OrgContext } from '../../plugins/org-guard';
import { realNameKey } from '../checkins/real-name';
import type { CheckinRow } from '../checkins/view';
import { trackCheckinChange } from '../stats/counters';
import { attachUpload, uploadUrl } from '../uploads/service';

/**
 * [004 §一(一)1] 姓名、性别与身份证号码需上报省团委，由省团委进行编辑. The member (for their own
 * check-in) or the branch files a correction with an evidence photo; the admins of the
 * province's leading organ — the root of the tree — decide it. Approval rewrites the check-in's
 * identity and the account's in one transaction.
 */

type Data = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The identity in force of an approved check-in (the ID decrypted). */
function currentIdentity(row: CheckinRow, pii: Pii) {
  const data = (row.approvedData ?? {}) as Data;
  const idType = (text(data.idType) || 'residentId') as IdDocType;
  const gender = isKeyOf(Genders, data.gender) ? data.gender : 'female';
  return { idType, values: { name: text(data.name), gender, idNumber: pii.decrypt(row.idEnc) } };
}

/**
 * Another account already holds `idHash` (a check-in of someone else, or another account's
 * verified identity): refused with a code that never says whose it is.
 */
async function assertIdFree(tx: DbOrTx, row: CheckinRow, idHash: string) {
  const [otherCheckin] = await tx
    .select({ id: checkins.id })
    .from(checkins)
    .where(and(ne(checkins.id, row.id), or(eq(checkins.idHash, idHash), eq(checkins.approvedIdHash, idHash))))
    .limit(1);
  const [otherUser] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(ne(users.id, row.userId), eq(users.idHash, idHash), isNotNull(users.idVerifiedAt)))
    .limit(1);
  if (otherCheckin || otherUser) throw new AppError('IDENTITY_CORRECTION_ID_TAKEN', 'idNumber');
}

/** Files the request for check-in `row` (locked by the caller); `uploaderId` owns the photo. */
async function file(tx: DbOrTx, pii: Pii, row: CheckinRow, uploaderId: number, orgId: number, body: IdentityCorrectionRequest) {
  if (row.status === 'editSubmitted' || row.status === 'editReturned') throw new AppError('IDENTITY_CORRECTION_EDIT_PENDING');
  if (row.status !== 'approved' || !row.approvedData) throw new AppError('IDENTITY_CORRECTION_NOT_MEMBER');
  const { idType, values } = currentIdentity(row, pii);
  const check = checkIdentityCorrection(idType, values, body, todayInChina());
  if (!check.ok) throw new AppError(check.code, check.field);
  const [open] = await tx.select({ id: identityCorrections.id }).from(identityCorrections).where(eq(identityCorrections.openKey, row.id));
  if (open) throw new AppError('IDENTITY_CORRECTION_PENDING');
  const idHash = pii.lookupHash(check.corrected.idNumber);
  if (check.changed.includes('idNumber')) await assertIdFree(tx, row, idHash);
  const photo = await attachUpload(tx, uploaderId, body.photo.fileId, row.branchId, 'photo');
  let requestId: number;
  try {
    const [res] = await tx.insert(identityCorrections).values({
      checkinId: row.id,
      name: check.corrected.name,
      gender: check.corrected.gender,
      idEnc: pii.encrypt(check.corrected.idNumber),
      idHash,
      note: body.note || null,
      photoId: photo.id,
      openKey: row.id,
      requestedBy: uploaderId,
    });
    requestId = Number(res.insertId);
  } catch (err) {
    // two requests at once: the unique open_key lets one through
    if (isDuplicate(err)) throw new AppError('IDENTITY_CORRECTION_PENDING');
    throw err;
  }
  await audit(tx, {
    actorUserId: uploaderId,
    orgId,
    action: 'identityCorrection.request',
    targetType: 'checkin',
    targetId: row.id,
    after: { requestId, changed: check.changed, photoId: photo.id },
  });
}

const lockedCheckin = async (tx: DbOrTx, where: ReturnType<typeof eq>) => (await tx.select().from(checkins).where(where).for('update'))[0];

/** The member files for their own check-in. */
export async function requestOwn(db: Db, pii: Pii, userId: number, body: IdentityCorrectionRequest) {
  await db.transaction(async (tx) => {
    const row = await lockedCheckin(tx, eq(checkins.userId, userId));
    if (!row) throw new AppError('IDENTITY_CORRECTION_NOT_MEMBER');
    await file(tx, pii, row, userId, row.branchId, body);
  });
  return myCorrection(db, pii, userId);
}

/** An admin of the member's branch files it (acting through the branch itself). */
export async function requestForMember(db: Db, pii: Pii, ctx: OrgContext, memberId: number, body: IdentityCorrectionRequest) {
  await db.transaction(async (tx) => {
    const row = await lockedCheckin(tx, eq(checkins.id, memberId));
    if (!row || row.branchId !== ctx.org.id) throw new AppError('NOT_FOUND');
    await file(tx, pii, row, ctx.userId, ctx.org.id, body);
  });
}

/**
 * The province is the root of the tree (a 团的领导机关 at depth 0); only its own admins decide
 * [004 §一(一)1: 由省团委进行编辑] — an admin of a city below is an admin "above" nothing here.
 */
function assertProvinceAdmin(ctx: OrgContext) {
  if (ctx.org.parentId !== null || ctx.org.depth !== 0 || ctx.org.type !== 'leadingOrgan' || !ctx.isAdminHere) throw new AppError('IDENTITY_CORRECTION_PROVINCE_ONLY');
}

function toItem(pii: Pii, r: typeof identityCorrections.$inferSelect, c: CheckinRow, branchName: string): IdentityCorrectionItem {
  const cur = currentIdentity(c, pii).values;
  return {
    id: String(r.id),
    memberId: String(r.checkinId),
    branchName,
    current: cur,
    requested: { name: r.name, gender: r.gender, idNumber: pii.decrypt(r.idEnc) },
    note: r.note,
    photoUrl: uploadUrl(r.photoId),
    status: r.status,
    decisionReason: r.decisionReason,
    requestedAt: r.createdAt.toISOString(),
  };
}

/** The province's list: open requests first, then the latest decided ones. */
export async function listForProvince(db: Db, pii: Pii, ctx: OrgContext): Promise<{ items: IdentityCorrectionItem[] }> {
  assertProvinceAdmin(ctx);
  const rows = await db
    .select({ r: identityCorrections, c: checkins, b: orgs })
    .from(identityCorrections)
    .innerJoin(checkins, eq(checkins.id, identityCorrections.checkinId))
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(like(orgs.path, descendantsLike(ctx.org.path)))
    .orderBy(sql`${identityCorrections.status} = 'pending' desc`, desc(identityCorrections.id))
    .limit(200);
  return { items: rows.map(({ r, c, b }) => toItem(pii, r, c, b.alias || b.shortName)) };
}

/** The member's latest request (null: none). */
export async function myCorrection(db: Db, pii: Pii, userId: number): Promise<{ item: IdentityCorrectionItem | null }> {
  const [row] = await db
    .select({ r: identityCorrections, c: checkins, b: orgs })
    .from(identityCorrections)
    .innerJoin(checkins, eq(checkins.id, identityCorrections.checkinId))
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(eq(checkins.userId, userId))
    .orderBy(desc(identityCorrections.id))
    .limit(1);
  return { item: row ? toItem(pii, row.r, row.c, row.b.alias || row.b.shortName) : null };
}

/**
 * 同意 applies the correction — check-in data, ID columns and the account's identity — with its
 * audit row, all in one transaction; 不同意 records the reason and changes nothing else.
 */
export async function decide(db: Db, pii: Pii, ctx: OrgContext, requestId: number, body: IdentityCorrectionDecision, now: Date) {
  assertProvinceAdmin(ctx);
  await db.transaction(async (tx) => {
    const [req] = await tx.select().from(identityCorrections).where(eq(identityCorrections.id, requestId)).for('update');
    if (!req) throw new AppError('NOT_FOUND');
    const row = await lockedCheckin(tx, eq(checkins.id, req.checkinId));
    const [branch] = row ? await tx.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, row.branchId)) : [];
    if (!row || !branch || !ctx.contains(branch.path)) throw new AppError('NOT_FOUND');
    if (req.status !== 'pending') throw new AppError('IDENTITY_CORRECTION_NOT_PENDING');
    let audited: Record<string, unknown> = { requestId: req.id };
    if (body.approve) audited = { ...audited, ...(await apply(tx, pii, row, req, now)) };
    await tx
      .update(identityCorrections)
      .set({ status: body.approve ? 'approved' : 'rejected', openKey: null, decidedBy: ctx.userId, decidedAt: now, decisionReason: body.approve ? null : (body.reason ?? null) })
      .where(eq(identityCorrections.id, req.id));
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: ctx.org.id,
      action: body.approve ? 'identityCorrection.approve' : 'identityCorrection.reject',
      targetType: 'checkin',
      targetId: row.id,
      after: body.approve ? audited : { ...audited, reason: body.reason ?? null },
    });
  });
}

async function apply(tx: DbOrTx, pii: Pii, row: CheckinRow, req: typeof identityCorrections.$inferSelect, now: Date) {
  if (row.status !== 'approved' || !row.approvedData)
    throw new AppError(row.status === 'editSubmitted' || row.status === 'editReturned' ? 'IDENTITY_CORRECTION_EDIT_PENDING' : 'IDENTITY_CORRECTION_NOT_MEMBER');
  const { idType, values } = currentIdentity(row, pii);
  const requested = { name: req.name, gender: req.gender as Gender, idNumber: pii.decrypt(req.idEnc) };
  // the data in force may have changed since filing: checked again against it
  const check = checkIdentityCorrection(idType, values, requested, todayInChina());
  if (!check.ok) throw new AppError(check.code, check.field);
  const { corrected } = check;
  if (check.changed.includes('idNumber')) await assertIdFree(tx, row, req.idHash);
  const identity: Data = { name: corrected.name, gender: corrected.gender, ...(corrected.birthDate ? { birthDate: corrected.birthDate } : {}) };
  const approvedData = { ...row.approvedData, ...identity };
  const set = {
    approvedData,
    draft: { ...row.draft, ...identity },
    idEnc: req.idEnc,
    idHash: req.idHash,
    approvedIdHash: row.approvedIdHash ? req.idHash : null,
    // The province decided on the evidence photo: as good as an offline verification, and a new
    // generation so an answer of a check of the old identity still running is ignored.
    realNameStatus: 'offlinePassed' as const,
    realNameKey: realNameKey(pii, corrected.name, corrected.idNumber),
    realNameGeneration: row.realNameGeneration + 1,
  };
  try {
    await tx.update(checkins).set(set).where(eq(checkins.id, row.id));
  } catch (err) {
    if (isDuplicate(err)) throw new AppError('IDENTITY_CORRECTION_ID_TAKEN', 'idNumber');
    throw err;
  }
  await trackCheckinChange(tx, row, { approvedData });
  /*
   * The account's identity follows (issue 12: users.id_hash is only ever a verified one). The
   * corrected number is verified — by the province's decision on the evidence, the same kind of
   * proof an offline verification is — so id_verified_at becomes the decision time, honestly
   * dated, instead of keeping the date a different number was verified.
   */
  await tx.update(users).set({ idEnc: req.idEnc, idHash: req.idHash, idVerifiedAt: now }).where(eq(users.id, row.userId));
  return {
    changed: check.changed,
    before: { name: values.name, gender: values.gender, idNumber: maskIdNumber(values.idNumber) },
    corrected: { name: corrected.name, gender: corrected.gender, idNumber: maskIdNumber(corrected.idNumber) },
  };
}
