import { and, asc, count, eq } from 'drizzle-orm';
import {
  MessagePages,
  CadreNatures,
  MAX_ADMINS_PER_ORG,
  Positions,
  maskIdNumber,
  maskMobile,
  rosterEntrySchemaFor,
  rosterUpdateSchemaFor,
  type CadreNature,
  type Position,
  type RosterItem,
} from '@tj/shared';
import type { Db, DbOrTx } from '../../db/client';
import { adminChangeRequests, orgs, rosterEntries } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { buildWorkbook, readSheet } from '../../lib/excel';
import { keyOfLabel, rowError, validateRows } from '../../lib/import-rows';
import { isDuplicate } from '../../lib/mysql-errors';
import { orgAccounts, postMessage } from '../inbox/messages';
import type { Pii } from '../../lib/pii';
import type { OrgContext } from '../../plugins/org-guard';
import { checkWith } from '../../lib/check-with';
import { mayChangeRosterLine } from '../../lib/policy';
import type { OrgRow } from '../orgs/view';
import { theRow } from '../../lib/rows';
import { countRosterLines } from './lines';

type Entry = typeof rosterEntries.$inferSelect;

export const toRosterItem = (e: Entry, pii: Pii): RosterItem => ({
  id: String(e.id),
  name: e.name,
  idNumberMasked: maskIdNumber(pii.decrypt(e.idEnc)),
  phoneMasked: maskMobile(e.phone),
  position: e.position,
  cadreNature: e.cadreNature,
  isOperator: e.isOperator || e.isAdmin,
  isAdmin: e.isAdmin,
  onboarded: e.onboardedAt != null,
  declined: e.declinedAt != null && e.userId == null,
});

export async function listRoster(db: Db, pii: Pii, orgId: number) {
  const rows = await db.select().from(rosterEntries).where(eq(rosterEntries.orgId, orgId)).orderBy(asc(rosterEntries.id));
  return rows.map((r) => toRosterItem(r, pii));
}

async function entryOf(db: DbOrTx, orgId: number, entryId: number): Promise<Entry> {
  const [e] = await db
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.id, entryId), eq(rosterEntries.orgId, orgId)));
  if (!e) throw new AppError('NOT_FOUND');
  return e;
}

const auditView = (e: Pick<Entry, 'name' | 'position' | 'isOperator' | 'isAdmin'> & { phone?: string }) => ({
  name: e.name,
  position: e.position,
  isOperator: e.isOperator,
  isAdmin: e.isAdmin,
  ...(e.phone ? { phone: maskMobile(e.phone) } : {}),
});

type NewEntry = { name: string; idNumber: string; phone: string; position: Position; isOperator?: boolean; cadreNature?: CadreNature | null };

async function insertEntries(tx: DbOrTx, pii: Pii, ctx: Pick<OrgContext, 'userId'>, org: OrgRow, inputs: NewEntry[]) {
  const created: Entry[] = [];
  await countRosterLines(tx, org.id, inputs.length);
  for (const input of inputs) {
    const [res] = await tx.insert(rosterEntries).values({
      orgId: org.id,
      name: input.name,
      idEnc: pii.encrypt(input.idNumber),
      idHash: pii.lookupHash(input.idNumber),
      phone: input.phone,
      position: input.position,
      isOperator: input.isOperator ?? false,
      cadreNature: input.cadreNature ?? null,
    });
    const row = theRow(
      await tx
        .select()
        .from(rosterEntries)
        .where(eq(rosterEntries.id, Number(res.insertId))),
      'the roster entry just inserted',
    );
    await audit(tx, { actorUserId: ctx.userId, orgId: org.id, action: 'roster.add', targetType: 'roster', targetId: row.id, after: auditView(row) });
    created.push(row);
  }
  return created;
}

/** §6.1 one roster line; the same person (ID number) once per org. */
export async function addEntry(db: Db, pii: Pii, ctx: OrgContext, org: OrgRow, body: unknown) {
  const input = checkWith(rosterEntrySchemaFor(org.type), body) as NewEntry;
  try {
    const row = theRow(await db.transaction((tx) => insertEntries(tx, pii, ctx, org, [input])), 'the roster entry just inserted');
    return toRosterItem(row, pii);
  } catch (err) {
    if (isDuplicate(err)) throw new AppError('ALREADY_IN_ROSTER', 'idNumber');
    throw err;
  }
}

export async function updateEntry(db: Db, pii: Pii, ctx: OrgContext, org: OrgRow, entryId: number, body: unknown) {
  const input = checkWith(rosterUpdateSchemaFor(org.type), body) as Partial<NewEntry>;
  return db.transaction(async (tx) => {
    const before = await entryOf(tx, org.id, entryId);
    if (!mayChangeRosterLine(ctx, before)) throw new AppError('ROSTER_ADMIN_LINE_ADMINS_ONLY');
    // A corrected phone names someone else: the line is offered again (issue 12 不是我).
    const reoffer = input.phone && input.phone !== before.phone ? { declinedAt: null } : {};
    await tx
      .update(rosterEntries)
      .set({ ...input, ...reoffer })
      .where(eq(rosterEntries.id, before.id));
    const after = await entryOf(tx, org.id, entryId);
    await audit(tx, { actorUserId: ctx.userId, orgId: org.id, action: 'roster.update', targetType: 'roster', targetId: entryId, before: auditView(before), after: auditView(after) });
    return toRosterItem(after, pii);
  });
}

export async function removeEntry(db: Db, ctx: OrgContext, org: OrgRow, entryId: number) {
  await db.transaction(async (tx) => {
    const before = await entryOf(tx, org.id, entryId);
    if (!mayChangeRosterLine(ctx, before)) throw new AppError('ROSTER_ADMIN_LINE_ADMINS_ONLY');
    await countRosterLines(tx, org.id, -1);
    await tx.delete(rosterEntries).where(eq(rosterEntries.id, before.id));
    await audit(tx, { actorUserId: ctx.userId, orgId: org.id, action: 'roster.remove', targetType: 'roster', targetId: entryId, before: auditView(before) });
  });
}

/** Applies an admin flag change with the org row locked, so the two-admin limit is exact. */
async function applyAdminChange(tx: DbOrTx, actorUserId: number, orgId: number, entryId: number, makeAdmin: boolean) {
  await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, orgId)).for('update');
  const entry = await entryOf(tx, orgId, entryId);
  if (makeAdmin && !entry.isAdmin) {
    // §3.4: an admin must be a cadre of the org — one who has onboarded, so it has an account.
    if (!entry.userId) throw new AppError('ADMIN_MUST_BE_ONBOARDED');
    const { n } = theRow(
      await tx
        .select({ n: count() })
        .from(rosterEntries)
        .where(and(eq(rosterEntries.orgId, orgId), eq(rosterEntries.isAdmin, true))),
      'a count',
    );
    if (Number(n) >= MAX_ADMINS_PER_ORG) throw new AppError('ADMIN_LIMIT_REACHED');
  }
  await tx
    .update(rosterEntries)
    .set({ isAdmin: makeAdmin, ...(makeAdmin ? { isOperator: true } : {}) })
    .where(eq(rosterEntries.id, entryId));
  await audit(tx, { actorUserId, orgId, action: 'admin.set', targetType: 'roster', targetId: entryId, before: { isAdmin: entry.isAdmin }, after: { isAdmin: makeAdmin } });
  return entryOf(tx, orgId, entryId);
}

/**
 * §3.4 admin changes: a superior's admin changes a subordinate's admins at once; an org's
 * own admin only files a request that the direct superior's admin approves.
 */
export async function setAdmin(db: Db, pii: Pii, ctx: OrgContext, org: OrgRow, entryId: number, makeAdmin: boolean) {
  if (ctx.isAdminAbove) {
    const entry = await db.transaction((tx) => applyAdminChange(tx, ctx.userId, org.id, entryId, makeAdmin));
    return { status: 'applied' as const, entry: toRosterItem(entry, pii) };
  }
  const entry = await entryOf(db, org.id, entryId);
  // Refuse now what the approval would refuse later (§3.4: an admin is an onboarded cadre;
  // at most 2 admins), so nobody waits on a request that cannot be granted.
  if (makeAdmin && !entry.isAdmin) {
    if (!entry.userId) throw new AppError('ADMIN_MUST_BE_ONBOARDED');
    const { n } = theRow(
      await db
        .select({ n: count() })
        .from(rosterEntries)
        .where(and(eq(rosterEntries.orgId, org.id), eq(rosterEntries.isAdmin, true))),
      'a count',
    );
    if (Number(n) >= MAX_ADMINS_PER_ORG) throw new AppError('ADMIN_LIMIT_REACHED');
  }
  await db.transaction(async (tx) => {
    await tx.insert(adminChangeRequests).values({ orgId: org.id, rosterEntryId: entryId, makeAdmin, requestedBy: ctx.userId });
    await audit(tx, { actorUserId: ctx.userId, orgId: org.id, action: 'admin.request', targetType: 'roster', targetId: entryId, after: { isAdmin: makeAdmin } });
    // 站内信 to the direct superior's admins, who decide it (§3.4)
    if (org.parentId != null)
      await postMessage(tx, {
        to: await orgAccounts(tx, [org.parentId], 'admins'),
        kind: 'adminChange.requested',
        title: `${org.shortName}申请${makeAdmin ? '设置' : '取消'}管理员`,
        body: `${org.shortName}申请${makeAdmin ? '将' : '取消'}${entry.name}${makeAdmin ? '设为管理员' : '的管理员权限'}，请审批。`,
        orgId: org.parentId,
        route: MessagePages.adminRoster,
        params: { orgId: org.parentId },
      });
  });
  return { status: 'pendingApproval' as const, entry: toRosterItem(entry, pii) };
}

/** Pending admin-change requests of the direct subordinates of `org`. */
export async function pendingAdminRequests(db: Db, org: OrgRow) {
  const rows = await db
    .select({ req: adminChangeRequests, orgName: orgs.shortName, cadreName: rosterEntries.name })
    .from(adminChangeRequests)
    .innerJoin(orgs, eq(orgs.id, adminChangeRequests.orgId))
    .innerJoin(rosterEntries, eq(rosterEntries.id, adminChangeRequests.rosterEntryId))
    .where(and(eq(orgs.parentId, org.id), eq(adminChangeRequests.status, 'pending')))
    .orderBy(asc(adminChangeRequests.id));
  return rows.map((r) => ({
    id: String(r.req.id),
    orgId: String(r.req.orgId),
    orgName: r.orgName,
    cadreName: r.cadreName,
    makeAdmin: r.req.makeAdmin,
    requestedAt: r.req.createdAt.toISOString(),
  }));
}

export async function decideAdminRequest(db: Db, ctx: OrgContext, org: OrgRow, requestId: number, approve: boolean, now: Date) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ req: adminChangeRequests })
      .from(adminChangeRequests)
      .innerJoin(orgs, eq(orgs.id, adminChangeRequests.orgId))
      .where(and(eq(adminChangeRequests.id, requestId), eq(orgs.parentId, org.id)));
    if (!row) throw new AppError('NOT_FOUND');
    // Conditional update: a double click or two approvers give one decision.
    const [res] = await tx
      .update(adminChangeRequests)
      .set({ status: approve ? 'approved' : 'rejected', decidedBy: ctx.userId, decidedAt: now })
      .where(and(eq(adminChangeRequests.id, requestId), eq(adminChangeRequests.status, 'pending')));
    if (res.affectedRows !== 1) throw new AppError('ADMIN_CHANGE_NOT_PENDING');
    if (approve) await applyAdminChange(tx, ctx.userId, row.req.orgId, row.req.rosterEntryId, row.req.makeAdmin);
    const [line] = await tx.select({ name: rosterEntries.name }).from(rosterEntries).where(eq(rosterEntries.id, row.req.rosterEntryId));
    const what = `${row.req.makeAdmin ? '设置' : '取消'}管理员（${line?.name ?? ''}）`;
    await postMessage(tx, {
      to: row.req.requestedBy,
      kind: approve ? 'adminChange.approved' : 'adminChange.rejected',
      title: `${org.shortName}${approve ? '已同意' : '未同意'}${what}`,
      orgId: row.req.orgId,
      route: MessagePages.adminRoster,
      params: { orgId: row.req.orgId },
    });
  });
}

const COLUMNS = [
  ['姓名', 'name'],
  ['身份证号', 'idNumber'],
  ['手机号', 'phone'],
  ['职务', 'position'],
  ['是否运营者（是/否）', 'isOperator'],
  ['团干部性质', 'cadreNature'],
] as const;

export function rosterTemplate(org: OrgRow) {
  const positions = Object.values(Positions).filter((l, i, a) => a.indexOf(l) === i);
  return buildWorkbook(
    '团干部名册',
    COLUMNS.map(([h]) => h),
    [['张三', '', '13800000000', '书记', '是', '兼职']],
    [
      '第1行为表头，请勿修改；从第2行起每行一名团干部，示例行请删除或改为真实数据。',
      `职务须为本组织类别可用的职务：${positions.join('、')}。`,
      `团干部性质可选：${Object.values(CadreNatures).join('、')}。`,
      `${org.type === 'branch' ? '团支部仅需录入本支部书记。' : '团委/团工委录入委员及工作人员；团总支录入总支委员。'}`,
      '导入为整体操作：任何一行有错误时不导入任何数据。',
    ],
  );
}

export async function importRoster(db: Db, pii: Pii, ctx: OrgContext, org: OrgRow, file: Buffer) {
  const { rows } = await readSheet(file);
  if (rows.length === 0) throw new AppError('IMPORT_EMPTY');
  const existing = new Set((await db.select({ h: rosterEntries.idHash }).from(rosterEntries).where(eq(rosterEntries.orgId, org.id))).map((r) => r.h));
  const seen = new Set<string>();
  const inputs = validateRows(
    rows,
    (r) => {
      const v = r.values;
      return {
        name: v['姓名'] || undefined,
        idNumber: v['身份证号'] || undefined,
        phone: v['手机号'] || undefined,
        position: keyOfLabel(Positions, v['职务'] ?? ''),
        isOperator: v['是否运营者（是/否）'] === '是',
        cadreNature: keyOfLabel(CadreNatures, v['团干部性质'] ?? '') ?? null,
      };
    },
    rosterEntrySchemaFor(org.type),
    (parsed, r) => {
      const hash = pii.lookupHash((parsed as NewEntry).idNumber);
      if (existing.has(hash) || seen.has(hash)) return rowError(r.row, 'ALREADY_IN_ROSTER', 'idNumber');
      seen.add(hash);
      return null;
    },
  ) as NewEntry[];
  try {
    await db.transaction(async (tx) => {
      await insertEntries(tx, pii, ctx, org, inputs);
      await audit(tx, { actorUserId: ctx.userId, orgId: org.id, action: 'roster.import', targetType: 'org', targetId: org.id, after: { count: inputs.length } });
    });
  } catch (err) {
    if (isDuplicate(err)) throw new AppError('ALREADY_IN_ROSTER', 'idNumber');
    throw err;
  }
  return { imported: inputs.length };
}
