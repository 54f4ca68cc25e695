import { randomInt } from 'node:crypto';
import { and, asc, count, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import {
  ADMIN_CODE_ALPHABET,
  ADMIN_CODE_LENGTH,
  ADMIN_CODE_VALID_DAYS,
  MAX_ADMINS_PER_ORG,
  checkAdminCodeUsable,
  checkPosition,
  todayInChina,
  type AdminCodeIssued,
  type AdminCodeList,
  type AdminRegister,
} from '@tj/shared';
import type { Db, DbOrTx } from '../../db/client';
import { adminCodes, orgs, rosterEntries, users } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { buildWorkbook } from '../../lib/excel';
import { isDuplicate } from '../../lib/mysql-errors';
import type { Pii } from '../../lib/pii';
import type { RealNameVerifier } from '../../adapters/real-name/types';
import { recordVerifiedIdentity, verifiedIdHash } from '../accounts/identity';
import { checkSmsCode, consumeSmsCode } from '../accounts/sms-codes';
import { hashPassword } from '../auth/password';
import { issueTokens, type TokenSigner } from '../auth/service';
import { syncSecretaryRegistered, type Actor } from '../orgs/service';
import type { OrgRow } from '../orgs/view';
import { theRow } from '../../lib/rows';
import { countRosterLines } from '../roster/lines';

const generateCode = () => Array.from({ length: ADMIN_CODE_LENGTH }, () => ADMIN_CODE_ALPHABET[randomInt(ADMIN_CODE_ALPHABET.length)]).join('');

/** What the code services need besides the database: the keyed hash and the cipher (lib/pii.ts). */
export type CodeDeps = { pii: Pick<Pii, 'encrypt' | 'decrypt' | 'secretHash'> };

/** Unused, unexpired and stored the current way (older rows carry no hash and match nothing). */
const inForce = (now: Date) => and(isNull(adminCodes.usedAt), gt(adminCodes.expiresAt, now), isNotNull(adminCodes.codeEnc));

/** Inserts a fresh code for `org`; the unique hash index rejects the (unlikely) clash. */
async function insertCode(tx: DbOrTx, deps: CodeDeps, actor: Actor, org: OrgRow, now: Date): Promise<AdminCodeIssued> {
  const expiresAt = new Date(now.getTime() + ADMIN_CODE_VALID_DAYS * 86_400_000);
  for (let attempt = 0; ; attempt++) {
    const code = generateCode();
    try {
      await tx.insert(adminCodes).values({ orgId: org.id, codeHash: deps.pii.secretHash(code), codeEnc: deps.pii.encrypt(code), issuedBy: actor.userId, expiresAt, createdAt: now });
      await audit(tx, { actorUserId: actor.userId, orgId: org.parentId, action: 'adminCode.issue', targetType: 'org', targetId: org.id });
      return { orgId: String(org.id), orgName: org.shortName, code, expiresAt: expiresAt.toISOString() };
    } catch (err) {
      if (!isDuplicate(err) || attempt > 5) throw err;
    }
  }
}

/**
 * Serializes code issuing under one parent: an export issuing the missing codes and an
 * explicit re-issue never interleave, so an export cannot end up listing a code that a
 * parallel re-issue just expired, nor two exports issue two codes for one org.
 */
const lockParent = (tx: DbOrTx, parent: OrgRow) => tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, parent.id)).for('update');

async function directChild(db: DbOrTx, parent: OrgRow, childId: number): Promise<OrgRow> {
  const [child] = await db
    .select()
    .from(orgs)
    .where(and(eq(orgs.id, childId), eq(orgs.parentId, parent.id)));
  if (!child) throw new AppError('NOT_FOUND');
  return child;
}

/**
 * §3.4 (re-)issues the code of one direct subordinate: an explicit action (the page asks to
 * confirm), after which the org's earlier unused codes no longer work *(decision: only the
 * newest code handed out can be used)*.
 */
export async function issueCode(db: Db, deps: CodeDeps, actor: Actor, parent: OrgRow, childId: number, now: Date) {
  const child = await directChild(db, parent, childId);
  return db.transaction(async (tx) => {
    await lockParent(tx, parent);
    await tx
      .update(adminCodes)
      .set({ expiresAt: now })
      .where(and(eq(adminCodes.orgId, child.id), isNull(adminCodes.usedAt), gt(adminCodes.expiresAt, now)));
    return insertCode(tx, deps, actor, child, now);
  });
}

const childrenOf = (db: DbOrTx, parent: OrgRow) => db.select().from(orgs).where(eq(orgs.parentId, parent.id)).orderBy(asc(orgs.sortOrder), asc(orgs.id));

/** The code in force of each direct subordinate that has one (the newest), decrypted for the parent's admins. */
async function codesInForce(db: DbOrTx, deps: CodeDeps, children: OrgRow[], now: Date): Promise<Map<number, AdminCodeIssued>> {
  if (children.length === 0) return new Map();
  const rows = await db
    .select()
    .from(adminCodes)
    .where(
      and(
        inArray(
          adminCodes.orgId,
          children.map((c) => c.id),
        ),
        inForce(now),
      ),
    )
    .orderBy(asc(adminCodes.id));
  const byId = new Map(children.map((c) => [c.id, c]));
  const out = new Map<number, AdminCodeIssued>();
  for (const r of rows) {
    const org = byId.get(r.orgId)!;
    out.set(r.orgId, { orgId: String(org.id), orgName: org.shortName, code: deps.pii.decrypt(r.codeEnc!), expiresAt: r.expiresAt.toISOString() });
  }
  return out;
}

/** Issue 13 item 2: the codes in force of the direct subordinates, in the children's order. */
export async function listCodes(db: Db, deps: CodeDeps, parent: OrgRow, now: Date): Promise<AdminCodeList> {
  const children = await childrenOf(db, parent);
  const codes = await codesInForce(db, deps, children, now);
  return { items: children.flatMap((c) => (codes.has(c.id) ? [codes.get(c.id)!] : [])) };
}

/**
 * §3.4 the export's state change (a POST): every direct subordinate gets a code in force —
 * issued only where none is, so exporting never invalidates a code already handed out
 * (issue 13 item 2). Answers the full list; the workbook itself is a read (exportWorkbook).
 */
export async function ensureCodes(db: Db, deps: CodeDeps, actor: Actor, parent: OrgRow, now: Date): Promise<AdminCodeList> {
  return db.transaction(async (tx) => {
    await lockParent(tx, parent);
    const children = await childrenOf(tx, parent);
    const codes = await codesInForce(tx, deps, children, now);
    for (const child of children) if (!codes.has(child.id)) codes.set(child.id, await insertCode(tx, deps, actor, child, now));
    return { items: children.map((c) => codes.get(c.id)!) };
  });
}

/** §3.4 the Excel sheet of the codes in force (a pure read: GET-safe, changes nothing). */
export async function exportWorkbook(db: Db, deps: CodeDeps, parent: OrgRow, now: Date): Promise<Buffer> {
  const children = await childrenOf(db, parent);
  const codes = await codesInForce(db, deps, children, now);
  return buildWorkbook(
    '管理员注册码',
    ['组织简称', '组织全称', '管理员注册码', '有效期至'],
    children.map((c) => {
      const code = codes.get(c.id);
      return [c.shortName, c.fullName ?? '', code?.code ?? '（未生成）', code ? todayInChina(new Date(code.expiresAt)) : ''];
    }),
    ['注册码为8位数字或字母，区分大小写，有效期20天，每个注册码仅限使用一次。', '每个组织最多2名管理员。'],
  );
}

/** Which org a code is for (the registration page shows it before asking for personal data). */
export async function lookupCode(db: Db, pii: Pick<Pii, 'secretHash'>, code: string, now: Date) {
  // The hash is of the exact code: §3.4 codes are case-sensitive.
  const [row] = await db
    .select()
    .from(adminCodes)
    .where(eq(adminCodes.codeHash, pii.secretHash(code)))
    .limit(1);
  if (!row) throw new AppError('ADMIN_CODE_INVALID', 'code');
  const usable = checkAdminCodeUsable({ issuedAtMs: row.expiresAt.getTime() - ADMIN_CODE_VALID_DAYS * 86_400_000, usedAtMs: row.usedAt?.getTime() }, now.getTime());
  if (!usable.ok) throw new AppError(usable.code, 'code');
  const [org] = await db.select().from(orgs).where(eq(orgs.id, row.orgId));
  if (!org) throw new AppError('ADMIN_CODE_INVALID', 'code');
  return { row, org };
}

export interface RegisterDeps {
  pii: { encrypt(s: string): string; lookupHash(s: string): string; secretHash(s: string): string };
  /** The real-name adapter (app.realName): the typed name + ID are checked before anything is stored. */
  verifier: RealNameVerifier;
}

/**
 * Issue 12: the ID typed at registration becomes the account's identity only once proven.
 * An account that already has a verified identity must type that one (ID_NUMBER_MISMATCH);
 * otherwise the name + ID go through the real-name check, synchronously, and a failure
 * stores nothing. (Another account verified with the same ID is not refused: binding also
 * needs the phone, and refusing would let anyone block a person by verifying their ID first.)
 */
async function proveIdentity(db: Db, deps: RegisterDeps, input: AdminRegister, idHash: string): Promise<void> {
  const [existing] = await db.select().from(users).where(eq(users.phone, input.phone)).limit(1);
  const verified = existing ? verifiedIdHash(existing) : null;
  if (verified) {
    if (verified !== idHash) throw new AppError('ID_NUMBER_MISMATCH', 'idNumber');
    return;
  }
  let result: 'pass' | 'fail';
  try {
    result = await deps.verifier.verify(input.name, input.idNumber);
  } catch {
    throw new AppError('REAL_NAME_UNAVAILABLE');
  }
  if (result !== 'pass') throw new AppError('REAL_NAME_MISMATCH', 'idNumber');
}

/**
 * Finds the account of the phone (proven by the SMS code) or creates it; an existing account
 * keeps its password. The identity proven by proveIdentity is recorded if the account has none.
 */
async function upsertUser(tx: DbOrTx, deps: RegisterDeps, input: AdminRegister, now: Date): Promise<number> {
  const [existing] = await tx.select().from(users).where(eq(users.phone, input.phone)).for('update');
  const identity = { idEnc: deps.pii.encrypt(input.idNumber), idHash: deps.pii.lookupHash(input.idNumber) };
  if (existing) {
    // Re-checked under the row lock: a check-in verified meanwhile may have set another identity.
    const verified = verifiedIdHash(existing);
    if (verified && verified !== identity.idHash) throw new AppError('ID_NUMBER_MISMATCH', 'idNumber');
    if (!existing.name) await tx.update(users).set({ name: input.name }).where(eq(users.id, existing.id));
    await recordVerifiedIdentity(tx, existing.id, identity, now);
    return existing.id;
  }
  const [res] = await tx.insert(users).values({ phone: input.phone, name: input.name, passwordHash: await hashPassword(input.password), ...identity, idVerifiedAt: now });
  await syncSecretaryRegistered(tx, { phones: [input.phone] });
  return Number(res.insertId);
}

/**
 * §3.4 registration with a code. Everything happens in one transaction: the conditional
 * UPDATE on the code is the referee among concurrent users (exactly one affects the row),
 * and the org row lock keeps the two-admin limit exact.
 */
export async function registerAdmin(db: Db, deps: RegisterDeps, input: AdminRegister, now: Date) {
  const { row, org } = await lookupCode(db, deps.pii, input.code, now);
  if (String(org.id) !== input.orgId) throw new AppError('ADMIN_CODE_INVALID', 'code');
  const position = checkPosition(org.type, input.position);
  if (!position.ok) throw new AppError(position.code, 'position');

  // A wrong SMS code is counted before the transaction, so a rollback cannot undo the count.
  const smsId = await checkSmsCode(db, { phone: input.phone, purpose: 'adminRegister', code: input.smsCode }, now);
  const idHash = deps.pii.lookupHash(input.idNumber);
  // After the SMS check, so only someone holding a code and the phone can make the (paid) call.
  await proveIdentity(db, deps, input, idHash);

  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(adminCodes)
      .set({ usedAt: now })
      .where(and(eq(adminCodes.id, row.id), isNull(adminCodes.usedAt), gt(adminCodes.expiresAt, now)));
    if (used.affectedRows !== 1) throw new AppError('ADMIN_CODE_USED', 'code');

    await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, org.id)).for('update');
    const { admins } = theRow(
      await tx
        .select({ admins: count() })
        .from(rosterEntries)
        .where(and(eq(rosterEntries.orgId, org.id), eq(rosterEntries.isAdmin, true))),
      'a count',
    );
    if (Number(admins) >= MAX_ADMINS_PER_ORG) throw new AppError('ADMIN_LIMIT_REACHED');

    await consumeSmsCode(tx, smsId, now);
    const userId = await upsertUser(tx, deps, input, now);
    await tx.update(adminCodes).set({ usedBy: userId }).where(eq(adminCodes.id, row.id));

    // The registrant proved the phone (SMS) and the ID (real-name): the org's line of that ID
    // is theirs — unless someone else already confirmed it, which is never taken over.
    const [existing] = await tx
      .select()
      .from(rosterEntries)
      .where(and(eq(rosterEntries.orgId, org.id), eq(rosterEntries.idHash, idHash)))
      .for('update');
    if (existing?.userId != null && existing.userId !== userId) throw new AppError('ROSTER_ENTRY_BOUND_ELSEWHERE', 'idNumber');
    const values = { name: input.name, phone: input.phone, position: input.position, isAdmin: true, isOperator: true, userId, onboardedAt: now, declinedAt: null };
    if (existing) await tx.update(rosterEntries).set(values).where(eq(rosterEntries.id, existing.id));
    else {
      await countRosterLines(tx, org.id, 1);
      await tx.insert(rosterEntries).values({ ...values, orgId: org.id, idEnc: deps.pii.encrypt(input.idNumber), idHash });
    }
    await audit(tx, { actorUserId: userId, orgId: org.id, action: 'admin.register', targetType: 'user', targetId: userId, after: { position: input.position } });
    return { userId, org };
  });
}

/** Registers the admin, then signs them in: the response carries their first tokens. */
export async function registerAdminAndSignIn(db: Db, deps: RegisterDeps, signer: TokenSigner, input: AdminRegister, now: Date) {
  const { userId } = await registerAdmin(db, deps, input, now);
  const user = theRow(await db.select().from(users).where(eq(users.id, userId)), 'the registered user');
  return issueTokens(db, signer, user);
}
