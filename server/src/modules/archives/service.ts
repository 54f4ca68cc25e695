import { and, desc, eq, gte, inArray, isNotNull, isNull, like, sql, type SQL } from 'drizzle-orm';
import { theRow } from '../../lib/rows';
import { alias } from 'drizzle-orm/mysql-core';
import type { Readable } from 'node:stream';
import {
  MessagePages,
  ARCHIVE_REQUIRED_FROM,
  ArchiveStates,
  approvingOrg,
  archiveState,
  archiveUpload,
  checkArchiveDecision,
  checkArchiveUploader,
  maskIdNumber,
  needsArchive,
  uploadNeedsApproval,
  type ArchiveDecision,
  type ArchiveItem,
  type ArchiveListQuery,
  type ArchiveSummary,
} from '@tj/shared';
import type { Storage } from '../../adapters/storage/types';
import type { Db, DbOrTx } from '../../db/client';
import { checkins, memberArchives, orgs, rosterEntries, uploads } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { ancestorIds, descendantsLike } from '../../lib/org-path';
import type { Pii } from '../../lib/pii';
import { orgAccess } from '../../lib/policy';
import type { OrgContext } from '../../plugins/org-guard';
import { storePdf } from './pdf-upload';
import { orgAccounts, postMessage } from '../inbox/messages';

export interface ArchiveDeps {
  db: Db;
  pii: Pii;
  storage: Storage;
  now: () => Date;
}

type ArchiveRow = typeof memberArchives.$inferSelect;
type CheckinRow = typeof checkins.$inferSelect;
type OrgRow = typeof orgs.$inferSelect;

/** 入团年月 of the data in force, in SQL (only the phone of the JSON is sealed). */
// issue 16 B5: the generated, indexed column (db/schema/checkins.ts), not the JSON itself
const JOINED_AT = sql<string>`${checkins.approvedJoinedAt}`;
const NAME = sql<string>`json_unquote(json_extract(${checkins.approvedData}, '$.name'))`;
/** A member (§4.2: approved, also while an edit waits) who joined in 2020 or later [004 §二(四)2]. */
const needsArchiveSql = and(isNotNull(checkins.approvedIdHash), gte(checkins.approvedJoinedAt, ARCHIVE_REQUIRED_FROM)) as SQL;
const inSubtree = (path: string) => like(orgs.path, descendantsLike(path));
const data = (c: CheckinRow) => (c.approvedData ?? {}) as { name?: string; joinedAt?: string; developmentNumber?: string | null };
const memberName = (c: CheckinRow) => data(c).name ?? '团员';

// ─── views ───────────────────────────────────────────────────────────────────────────

async function orgNames(db: DbOrTx, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const want = [...new Set(ids.filter((i): i is number => i != null))];
  if (!want.length) return new Map();
  const rows = await db.select({ id: orgs.id, shortName: orgs.shortName, alias: orgs.alias }).from(orgs).where(inArray(orgs.id, want));
  return new Map(rows.map((r) => [r.id, r.alias ?? r.shortName]));
}

/** `uploader`: the caller's org when it may upload (an admin of it: the member's branch or its direct parent). */
async function itemsOf(db: DbOrTx, pii: Pii, rows: { c: CheckinRow; a: ArchiveRow | null; branchParentId?: number | null }[], uploader?: OrgContext): Promise<ArchiveItem[]> {
  const names = await orgNames(
    db,
    rows.flatMap((r) => [r.c.branchId, r.a?.uploadedByOrgId, r.a?.approverOrgId, r.a?.changeUploadedByOrgId]),
  );
  const fileIds = rows.flatMap((r) => [r.a?.fileId, r.a?.changeFileId]).filter((i): i is number => i != null);
  const files = fileIds.length ? await db.select({ id: uploads.id, size: uploads.size }).from(uploads).where(inArray(uploads.id, fileIds)) : [];
  const sizeOf = (id: number | null | undefined) => files.find((f) => f.id === id)?.size ?? 0;
  return rows.map(({ c, a, branchParentId }) => {
    const d = data(c);
    const state = archiveState(d.joinedAt, a?.status);
    return {
      checkinId: String(c.id),
      name: String(d.name ?? ''),
      idNumberMasked: maskIdNumber(pii.decrypt(c.idEnc)),
      developmentNumber: d.developmentNumber ?? null,
      joinedAt: String(d.joinedAt ?? ''),
      branchId: String(c.branchId),
      branchName: names.get(c.branchId) ?? '',
      state,
      stateLabel: ArchiveStates[state],
      file: a ? { size: sizeOf(a.fileId), uploadedAt: a.uploadedAt.toISOString(), uploadedByOrg: names.get(a.uploadedByOrgId) ?? '' } : null,
      pendingChange:
        a?.changeFileId != null && a.changeUploadedAt
          ? { size: sizeOf(a.changeFileId), uploadedAt: a.changeUploadedAt.toISOString(), uploadedByOrg: names.get(a.changeUploadedByOrgId ?? 0) ?? '', reason: a.changeReason ?? '' }
          : null,
      rejectReason: a?.rejectReason ?? null,
      approverOrgName: a?.approverOrgId != null ? (names.get(a.approverOrgId) ?? null) : null,
      decidedAt: a?.decidedAt?.toISOString() ?? null,
      canUpload: Boolean(uploader?.isAdminHere && state !== 'notRequired' && checkArchiveUploader(uploader.org.id, { id: c.branchId, parentId: branchParentId ?? null }).ok),
    };
  });
}

/**
 * [004 §二(四)4(2) 团员电子数据库, (5)(vi)] the 2020+ members of the subtree with their state;
 * search by name (prefix), ID number or development number (both in full — a prefix would
 * unmask an ID digit by digit, as in the member search).
 */
export async function listArchives(deps: ArchiveDeps, ctx: OrgContext, q: ArchiveListQuery) {
  const conds: SQL[] = [needsArchiveSql, inSubtree(ctx.org.path)];
  const term = q.q.trim();
  if (/^\d{12}$/.test(term)) conds.push(eq(checkins.approvedDevNumber, term));
  else if (/^(?=.*\d)[A-Za-z0-9]+$/.test(term)) conds.push(eq(checkins.idHash, deps.pii.lookupHash(term.toUpperCase())));
  else if (term) conds.push(sql`${NAME} like ${`${term.replace(/[%_\\]/g, '\\$&')}%`}`);
  if (q.state === 'uncertified') conds.push(isNull(memberArchives.id));
  else if (q.state) conds.push(eq(memberArchives.status, q.state as ArchiveRow['status']));
  const rows = await deps.db
    .select({ c: checkins, a: memberArchives, branchParentId: orgs.parentId })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .leftJoin(memberArchives, eq(memberArchives.checkinId, checkins.id))
    .where(and(...conds))
    .orderBy(desc(checkins.id))
    .limit(q.limit + 1)
    .offset(q.offset);
  const page = rows.slice(0, q.limit);
  return { items: await itemsOf(deps.db, deps.pii, page, ctx), nextOffset: rows.length > q.limit ? q.offset + q.limit : null };
}

/** [004 §二(四)4(3)(ii) 下级团员电子档案审批] what waits for a committee of the subtree (the org itself included). */
export async function listApprovals(deps: ArchiveDeps, ctx: OrgContext, q: { offset: number; limit: number }) {
  const approver = alias(orgs, 'approver');
  const rows = await deps.db
    .select({ c: checkins, a: memberArchives })
    .from(memberArchives)
    .innerJoin(approver, eq(approver.id, memberArchives.approverOrgId))
    .innerJoin(checkins, eq(checkins.id, memberArchives.checkinId))
    .where(like(approver.path, descendantsLike(ctx.org.path)))
    .orderBy(memberArchives.updatedAt)
    .limit(q.limit + 1)
    .offset(q.offset);
  const page = rows.slice(0, q.limit);
  return { items: await itemsOf(deps.db, deps.pii, page), nextOffset: rows.length > q.limit ? q.offset + q.limit : null };
}

/** 操作中心: what waits for this committee itself (the org the upload named as its approver). */
export async function approvalsWaitingHere(db: DbOrTx, orgId: number) {
  const rows = await db
    .select({ c: checkins, a: memberArchives, branchName: orgs.shortName, alias: orgs.alias })
    .from(memberArchives)
    .innerJoin(checkins, eq(checkins.id, memberArchives.checkinId))
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(eq(memberArchives.approverOrgId, orgId))
    .limit(200);
  return rows.map((r) => ({
    checkinId: r.c.id,
    name: String(data(r.c).name ?? ''),
    branchName: r.alias ?? r.branchName,
    change: r.a.changeFileId != null,
    since: r.a.changeUploadedAt ?? r.a.uploadedAt,
  }));
}

/**
 * [004 §二(四)4(5)(iii)] the admin's prompt and counts. 新发展团员 counts certified members only
 * [004 FAQ (iii)(iv)]: the statistics never count an uncertified 2020+ join as a new member.
 */
export async function archiveSummary(deps: ArchiveDeps, ctx: OrgContext): Promise<ArchiveSummary> {
  const res = theRow(
    await deps.db
      .select({
        total: sql<number>`count(*)`,
        pending: sql<number>`coalesce(sum(${memberArchives.status} = 'pending'), 0)`,
        rejected: sql<number>`coalesce(sum(${memberArchives.status} = 'rejected'), 0)`,
        certified: sql<number>`coalesce(sum(${memberArchives.status} = 'certified'), 0)`,
      })
      .from(checkins)
      .innerJoin(orgs, eq(orgs.id, checkins.branchId))
      .leftJoin(memberArchives, eq(memberArchives.checkinId, checkins.id))
      .where(and(needsArchiveSql, inSubtree(ctx.org.path))),
    'the archive counts',
  );
  const approver = alias(orgs, 'approver');
  const waiting = theRow(
    await deps.db
      .select({ n: sql<number>`count(*)` })
      .from(memberArchives)
      .innerJoin(approver, eq(approver.id, memberArchives.approverOrgId))
      .where(like(approver.path, descendantsLike(ctx.org.path))),
    'the approvals count',
  );
  const n = (v: unknown) => Number(v ?? 0);
  const pending = n(res.pending);
  const rejected = n(res.rejected);
  const certified = n(res.certified);
  const uncertified = n(res.total) - pending - rejected - certified;
  const notYet = uncertified + pending + rejected;
  return {
    uncertified,
    pending,
    rejected,
    certified,
    newMembers: certified,
    toApprove: n(waiting.n),
    prompt: notYet > 0 ? `组织内有团员身份尚未认证（${notYet}人），请及时上传电子版《入团志愿书》并完成审批` : null,
  };
}

/** 我的团员电子档案 [004 §二(四)4(2)(i)]. */
export async function myArchive(deps: ArchiveDeps, member: CheckinRow) {
  const [a] = await deps.db.select().from(memberArchives).where(eq(memberArchives.checkinId, member.id));
  const item = theRow(await itemsOf(deps.db, deps.pii, [{ c: member, a: a ?? null }]), 'the archive item');
  return { archive: item };
}

// ─── upload and decision ─────────────────────────────────────────────────────────────

async function memberInSubtree(db: DbOrTx, ctx: OrgContext, checkinId: number, lock = false) {
  const q = db.select({ c: checkins, branch: orgs }).from(checkins).innerJoin(orgs, eq(orgs.id, checkins.branchId)).where(eq(checkins.id, checkinId));
  const [row] = lock ? await q.for('update') : await q;
  // A member outside the subtree answers like a missing one.
  if (!row || row.c.approvedIdHash == null || !ctx.contains(row.branch.path)) throw new AppError('NOT_FOUND');
  return row;
}

async function ancestorsNearestFirst(db: DbOrTx, org: OrgRow): Promise<OrgRow[]> {
  const ids = ancestorIds(org.path);
  if (!ids.length) return [];
  const rows = await db.select().from(orgs).where(inArray(orgs.id, ids));
  return ids.reverse().flatMap((id) => rows.filter((r) => r.id === id));
}

const stateOf = (a: ArchiveRow | undefined) => (a ? { status: a.status, changePending: a.changeFileId != null } : null);

/**
 * [004 §二(四)4(2)] 上传档案 / 替换档案 / a change of a certified archive. Refused before the
 * file is read when the caller may not upload or the state does not allow it; the file is
 * then streamed to storage and checked; the row changes under the member's lock.
 */
export async function uploadArchive(deps: ArchiveDeps, ctx: OrgContext, checkinId: number, changeReason: string | null, file: () => Promise<Readable>) {
  const { db } = deps;
  const { c, branch } = await memberInSubtree(db, ctx, checkinId);
  // [004 FAQ (v)] the branch's own admin or its direct superior's — not an admin further up
  const who = checkArchiveUploader(ctx.org.id, branch);
  if (!who.ok || !ctx.isAdminHere) throw new AppError('ARCHIVE_UPLOAD_NOT_ALLOWED');
  if (!needsArchive(data(c).joinedAt)) throw new AppError('ARCHIVE_NOT_REQUIRED');
  const needsApproval = uploadNeedsApproval(ctx.org.type);
  const [before] = await db.select().from(memberArchives).where(eq(memberArchives.checkinId, c.id));
  const plan = archiveUpload(stateOf(before), needsApproval, changeReason);
  if (!plan.ok) throw new AppError(plan.code, plan.code === 'ARCHIVE_CHANGE_REASON_REQUIRED' ? 'changeReason' : undefined);
  const waits = plan.kind === 'change' || plan.status === 'pending';
  const approver = waits ? approvingOrg(await ancestorsNearestFirst(db, ctx.org)) : null;
  if (waits && !approver) throw new AppError('ARCHIVE_NO_APPROVER');

  const now = deps.now();
  const stored = await storePdf(deps.storage, await file(), now);
  try {
    await db.transaction(async (tx) => {
      await memberInSubtree(tx, ctx, checkinId, true);
      const [current] = await tx.select().from(memberArchives).where(eq(memberArchives.checkinId, c.id)).for('update');
      const again = archiveUpload(stateOf(current), needsApproval, changeReason);
      // Someone else's upload or decision got there first: the plan no longer holds.
      if (!again.ok || again.kind !== plan.kind) throw new AppError(again.ok ? 'CONFLICT' : again.code);
      const [res] = await tx
        .insert(uploads)
        .values({ ownerUserId: ctx.userId, mime: 'application/pdf', size: stored.size, storageKey: stored.storageKey, sha256: stored.sha256, createdAt: now });
      const fileId = Number(res.insertId);
      if (plan.kind === 'change') {
        await tx
          .update(memberArchives)
          .set({
            changeFileId: fileId,
            changeReason,
            changeUploadedBy: ctx.userId,
            changeUploadedByOrgId: ctx.org.id,
            changeUploadedAt: now,
            approverOrgId: approver!.id,
            rejectReason: null,
          })
          .where(eq(memberArchives.id, current!.id));
      } else {
        const values = {
          status: plan.status,
          fileId,
          uploadedBy: ctx.userId,
          uploadedByOrgId: ctx.org.id,
          uploadedAt: now,
          approverOrgId: approver?.id ?? null,
          rejectReason: null,
          decidedBy: plan.status === 'certified' ? ctx.userId : null,
          decidedAt: plan.status === 'certified' ? now : null,
        };
        if (current) await tx.update(memberArchives).set(values).where(eq(memberArchives.id, current.id));
        else await tx.insert(memberArchives).values({ checkinId: c.id, ...values });
      }
      await audit(tx, {
        actorUserId: ctx.userId,
        orgId: ctx.org.id,
        action: 'archive.upload',
        targetType: 'checkin',
        targetId: c.id,
        after: {
          kind: plan.kind,
          status: plan.kind === 'change' ? 'changePending' : plan.status,
          size: stored.size,
          sha256: stored.sha256,
          ...(changeReason ? { reason: changeReason } : {}),
        },
      });
      if (approver)
        await postMessage(tx, {
          to: await orgAccounts(tx, [approver.id], 'admins'),
          kind: 'archive.waiting',
          title: `${memberName(c)}的电子档案待审批`,
          body: `${ctx.org.shortName}${plan.kind === 'change' ? '申请变更' : '上传了'}团员电子档案，请审批。`,
          orgId: approver.id,
          route: MessagePages.adminArchiveApprovals,
          params: { orgId: approver.id },
        });
    });
  } catch (err) {
    await deps.storage.delete(stored.storageKey).catch(() => undefined);
    throw err;
  }
  return myArchiveView(deps, c.id);
}

async function myArchiveView(deps: ArchiveDeps, checkinId: number) {
  const c = theRow(await deps.db.select().from(checkins).where(eq(checkins.id, checkinId)), 'the member');
  return myArchive(deps, c);
}

/** Clears a change request (decided either way). */
const noChange = { changeFileId: null, changeReason: null, changeUploadedBy: null, changeUploadedByOrgId: null, changeUploadedAt: null };

/**
 * [004 §二(四)4(3)] 同意 / 不同意 by an admin of the approving committee (or above it). The
 * uploader's own org never decides: the approver is strictly above it.
 */
export async function decideArchive(deps: ArchiveDeps, ctx: OrgContext, checkinId: number, body: ArchiveDecision) {
  const now = deps.now();
  const { c } = await memberInSubtree(deps.db, ctx, checkinId);
  await deps.db.transaction(async (tx) => {
    const [a] = await tx.select().from(memberArchives).where(eq(memberArchives.checkinId, c.id)).for('update');
    const check = checkArchiveDecision(stateOf(a));
    if (!check.ok) throw new AppError(check.code);
    const [approver] = await tx
      .select()
      .from(orgs)
      .where(eq(orgs.id, a!.approverOrgId ?? 0));
    if (!approver || !ctx.contains(approver.path)) throw new AppError('FORBIDDEN');
    const change = a!.changeFileId != null;
    const decided = { decidedBy: ctx.userId, decidedAt: now, approverOrgId: null };
    if (body.action === 'approve') {
      await tx
        .update(memberArchives)
        .set(
          change
            ? {
                ...decided,
                status: 'certified',
                fileId: a!.changeFileId!,
                uploadedBy: a!.changeUploadedBy!,
                uploadedByOrgId: a!.changeUploadedByOrgId!,
                uploadedAt: a!.changeUploadedAt!,
                rejectReason: null,
                ...noChange,
              }
            : { ...decided, status: 'certified', rejectReason: null },
        )
        .where(eq(memberArchives.id, a!.id));
    } else {
      // A refused change leaves the certified file in force; a refused upload is 认证不通过 → 替换档案.
      await tx
        .update(memberArchives)
        .set(change ? { ...decided, rejectReason: body.reason, ...noChange } : { ...decided, status: 'rejected', rejectReason: body.reason })
        .where(eq(memberArchives.id, a!.id));
    }
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: ctx.org.id,
      action: body.action === 'approve' ? 'archive.approve' : 'archive.reject',
      targetType: 'checkin',
      targetId: c.id,
      before: { status: a!.status, change },
      after: { kind: change ? 'change' : 'upload', ...(body.action === 'reject' ? { reason: body.reason } : {}) },
    });
    // 站内信 in the decision's transaction: the member when certified, the uploader either way
    const uploader = change ? a!.changeUploadedBy : a!.uploadedBy;
    const uploaderOrg = (change ? a!.changeUploadedByOrgId : a!.uploadedByOrgId) ?? c.branchId;
    if (body.action === 'approve') {
      await postMessage(tx, {
        to: c.userId,
        kind: 'archive.certified',
        title: '您的团员身份已认证',
        body: `${ctx.org.shortName}已审批同意您的电子档案。`,
        orgId: c.branchId,
        route: MessagePages.memberArchive,
      });
      if (uploader != null)
        await postMessage(tx, {
          to: uploader,
          kind: 'archive.certified',
          title: `${memberName(c)}的电子档案已认证`,
          body: `${ctx.org.shortName}已审批同意。`,
          orgId: uploaderOrg,
          route: MessagePages.adminArchives,
          params: { orgId: uploaderOrg },
        });
    } else if (uploader != null) {
      await postMessage(tx, {
        to: uploader,
        kind: 'archive.rejected',
        title: `${memberName(c)}的电子档案未通过审批`,
        body: `不同意理由：${body.reason}${change ? '（原档案继续有效）' : '，请替换档案。'}`,
        orgId: uploaderOrg,
        route: MessagePages.adminArchives,
        params: { orgId: uploaderOrg, state: change ? 'certified' : 'rejected' },
      });
    }
  });
  return myArchiveView(deps, c.id);
}

// ─── the file ────────────────────────────────────────────────────────────────────────

/**
 * [004 §二(四)4(5)(vi)] the PDF, to the member and the admins of the member's chain (the
 * branch's and every org's above it) only — by checking the caller on every request, never
 * by an unguessable URL. Anyone else gets 404 (nothing revealed).
 */
export async function archiveFile(deps: ArchiveDeps, userId: number, checkinId: number, version: 'current' | 'pending') {
  const [row] = await deps.db
    .select({ c: checkins, a: memberArchives, branch: orgs })
    .from(memberArchives)
    .innerJoin(checkins, eq(checkins.id, memberArchives.checkinId))
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(eq(memberArchives.checkinId, checkinId));
  if (!row) throw new AppError('NOT_FOUND');
  if (row.c.userId !== userId) {
    const positions = await deps.db
      .select({ orgId: rosterEntries.orgId, isAdmin: rosterEntries.isAdmin, isOperator: rosterEntries.isOperator })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.userId, userId), isNotNull(rosterEntries.onboardedAt)));
    if (!orgAccess(row.branch, positions).isAdmin) throw new AppError('NOT_FOUND');
  }
  const fileId = version === 'pending' ? row.a.changeFileId : row.a.fileId;
  const [file] = fileId != null ? await deps.db.select().from(uploads).where(eq(uploads.id, fileId)) : [];
  const stream = file ? await deps.storage.getStream(file.storageKey) : null;
  if (!file || !stream) throw new AppError('NOT_FOUND');
  const name = String(data(row.c).name ?? '团员');
  return { stream, size: file.size, filename: `${name}-入团志愿书.pdf` };
}

/**
 * [004 FAQ (iv)] 团员身份未完成认证 → 无法对其发起团组织关系转接. Every transfer creation goes
 * through modules/transfers insertTransfer, which asks this for the member it moves.
 */
export async function isUncertified(db: DbOrTx, checkinId: number): Promise<boolean> {
  const [row] = await db
    .select({ joinedAt: JOINED_AT, status: memberArchives.status })
    .from(checkins)
    .leftJoin(memberArchives, eq(memberArchives.checkinId, checkins.id))
    .where(eq(checkins.id, checkinId));
  if (!row) return false;
  return archiveState(row.joinedAt, row.status) !== 'certified' && needsArchive(row.joinedAt);
}
