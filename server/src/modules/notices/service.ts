import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import {
  NoticeAudiences,
  checkCanPublishNotices,
  checkNoticeAttachment,
  isActiveMembership,
  isCheckinApproved,
  isPdfHeader,
  isPdfXrefAt,
  noticeReachPath,
  noticeTargets,
  pathIds,
  pdfStartXref,
  type InboxNoticePage,
  type InboxUnread,
  type NoticeCreate,
  type NoticeDetail,
  type NoticeFileResult,
  type NoticeReads,
  type PublishedNotice,
  type PublishedNoticePage,
  type RecipientOrgs,
} from '@tj/shared';
import type { Storage } from '../../adapters/storage/types';
import type { Db, DbOrTx } from '../../db/client';
import { checkins, noticeAttachments, noticeReads, noticeTargets as targetsTable, notices, orgs, rosterEntries, uploads } from '../../db/schema';
import { AppError } from '../../errors';
import { afterCursor, parseTimeIdCursor, timeIdCursor } from '../../lib/keyset';
import { audit } from '../../lib/audit';
import { orgAccess } from '../../lib/policy';
import type { OrgContext } from '../../plugins/org-guard';
import { sniffImage } from '../uploads/service';
import { unreadMessageCount } from '../inbox/messages';

type NoticeRow = typeof notices.$inferSelect;

// ── who is where ──────────────────────────────────────────────────────────────────────

/**
 * The account's orgs as a recipient: the branch of its approved, active check-in (a member)
 * and the orgs of its onboarded roster lines (a cadre). Two indexed lookups.
 */
export async function recipientOrgs(db: DbOrTx, userId: number): Promise<RecipientOrgs> {
  const [member, cadre] = await Promise.all([
    db
      .select({ path: orgs.path, status: checkins.status, membership: checkins.membershipStatus })
      .from(checkins)
      .innerJoin(orgs, eq(orgs.id, checkins.branchId))
      .where(eq(checkins.userId, userId)),
    db
      .select({ path: orgs.path })
      .from(rosterEntries)
      .innerJoin(orgs, eq(orgs.id, rosterEntries.orgId))
      .where(and(eq(rosterEntries.userId, userId), isNotNull(rosterEntries.onboardedAt))),
  ]);
  return {
    memberPaths: member.filter((m) => isCheckinApproved(m.status) && isActiveMembership(m.membership)).map((m) => m.path),
    cadrePaths: [...new Set(cadre.map((c) => c.path))],
  };
}

/**
 * The notices that reach an account, as a condition on `notice_targets`: a target among the
 * ancestors-or-self of a cadre org (any audience) or of the member's branch (everyone only).
 */
function reachCondition(who: RecipientOrgs): SQL | null {
  const cadreIds = [...new Set(who.cadrePaths.flatMap(pathIds))];
  const memberIds = [...new Set(who.memberPaths.flatMap(pathIds))];
  const parts: SQL[] = [];
  if (cadreIds.length)
    parts.push(
      sql`${targetsTable.orgId} in (${sql.join(
        cadreIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  if (memberIds.length)
    parts.push(
      sql`(${targetsTable.orgId} in (${sql.join(
        memberIds.map((id) => sql`${id}`),
        sql`, `,
      )}) and ${targetsTable.audience} = 'everyone')`,
    );
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : null;
}

// ── publishing ─────────────────────────────────────────────────────────────────────────

function assertPublisher(ctx: OrgContext) {
  const c = checkCanPublishNotices(ctx.org.type);
  if (!c.ok) throw new AppError(c.code);
  // the notice is signed by the org: its own admins publish (an admin above publishes from its own org)
  if (!ctx.isAdminHere) throw new AppError('NOTICE_PUBLISH_OWN_ORG_ONLY');
}

/** A PDF judged by content like the e-archive (header, startxref → xref), or a JPG/PNG/WEBP image. */
function sniffNoticeFile(data: Buffer): string | null {
  const image = sniffImage(data);
  if (image) return image;
  if (data.length < 8 || !isPdfHeader(data.subarray(0, 8))) return null;
  const tailStart = Math.max(0, data.length - 1024);
  const xref = pdfStartXref(data.subarray(tailStart), data.length);
  return xref != null && isPdfXrefAt(data.subarray(xref, xref + 32)) ? 'application/pdf' : null;
}

/** 上传附件: stored like every upload (modules/uploads' table and storage), attached to the publishing org. */
export async function saveNoticeFile(db: Db, storage: Storage, ctx: OrgContext, data: Buffer, now: Date): Promise<NoticeFileResult> {
  assertPublisher(ctx);
  const mime = sniffNoticeFile(data);
  const c = checkNoticeAttachment(mime, data.length);
  if (!c.ok || !mime) throw new AppError(c.ok ? 'NOTICE_ATTACHMENT_TYPE' : c.code, 'file');
  const storageKey = `${now.toISOString().slice(0, 7).replace('-', '/')}/${randomBytes(16).toString('hex')}`;
  await storage.put(storageKey, data, mime);
  try {
    const [res] = await db
      .insert(uploads)
      .values({ ownerUserId: ctx.userId, orgId: ctx.org.id, mime, size: data.length, storageKey, sha256: createHash('sha256').update(data).digest('hex'), createdAt: now });
    return { fileId: String(res.insertId), mime, size: data.length };
  } catch (err) {
    await storage.delete(storageKey).catch(() => undefined);
    throw err;
  }
}

/** 发布通知: the notice, its targets and attachments in one audited transaction; no per-recipient rows. */
export async function publishNotice(db: Db, ctx: OrgContext, body: NoticeCreate, now: Date): Promise<PublishedNotice> {
  assertPublisher(ctx);
  const chosenIds = [...new Set(body.targetOrgIds.map(Number))];
  const chosen = body.scope === 'chosen' && chosenIds.length ? await db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(inArray(orgs.id, chosenIds)) : [];
  if (chosen.length !== (body.scope === 'chosen' ? chosenIds.length : 0)) throw new AppError('NOTICE_TARGET_OUTSIDE', 'targetOrgIds');
  const t = noticeTargets({ id: ctx.org.id, path: ctx.org.path }, body.scope, chosen);
  if (!t.ok) throw new AppError(t.code, 'targetOrgIds');
  const fileIds = [...new Set(body.attachments.map((a) => Number(a.fileId)))];
  if (fileIds.length !== body.attachments.length) throw new AppError('NOTICE_ATTACHMENT_INVALID', 'attachments');

  const id = await db.transaction(async (tx) => {
    if (fileIds.length) {
      const files = await tx
        .select({ id: uploads.id, mime: uploads.mime, size: uploads.size, used: noticeAttachments.id })
        .from(uploads)
        .leftJoin(noticeAttachments, eq(noticeAttachments.uploadId, uploads.id))
        .where(and(inArray(uploads.id, fileIds), eq(uploads.ownerUserId, ctx.userId), eq(uploads.orgId, ctx.org.id)))
        .for('update');
      if (files.length !== fileIds.length || files.some((f) => f.used != null || !checkNoticeAttachment(f.mime, f.size).ok)) throw new AppError('NOTICE_ATTACHMENT_INVALID', 'attachments');
    }
    const [res] = await tx
      .insert(notices)
      .values({ orgId: ctx.org.id, title: body.title, body: body.body, audience: body.audience, publishedBy: ctx.userId, publishedAt: now, createdAt: now });
    const noticeId = Number(res.insertId);
    await tx.insert(targetsTable).values(t.targets.map((o) => ({ noticeId, orgId: o.id, audience: body.audience })));
    if (body.attachments.length) await tx.insert(noticeAttachments).values(body.attachments.map((a, i) => ({ noticeId, uploadId: Number(a.fileId), name: a.name, sortOrder: i })));
    await audit(tx, {
      actorUserId: ctx.userId,
      orgId: ctx.org.id,
      action: 'notice.publish',
      targetType: 'notice',
      targetId: noticeId,
      after: { title: body.title, audience: body.audience, targets: t.targets.map((o) => o.id), attachments: fileIds.length },
    });
    return noticeId;
  });
  return theNotice(db, id);
}

async function readCounts(db: DbOrTx, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: noticeReads.noticeId, n: sql<number>`count(*)` })
    .from(noticeReads)
    .where(inArray(noticeReads.noticeId, ids))
    .groupBy(noticeReads.noticeId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

async function publishedViews(db: DbOrTx, rows: NoticeRow[]): Promise<PublishedNotice[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [targets, files, counts, publishers] = await Promise.all([
    db
      .select({ noticeId: targetsTable.noticeId, id: orgs.id, name: orgs.shortName })
      .from(targetsTable)
      .innerJoin(orgs, eq(orgs.id, targetsTable.orgId))
      .where(inArray(targetsTable.noticeId, ids)),
    db
      .select({ noticeId: noticeAttachments.noticeId, n: sql<number>`count(*)` })
      .from(noticeAttachments)
      .where(inArray(noticeAttachments.noticeId, ids))
      .groupBy(noticeAttachments.noticeId),
    readCounts(db, ids),
    db
      .select({ id: orgs.id, name: orgs.shortName })
      .from(orgs)
      .where(inArray(orgs.id, [...new Set(rows.map((r) => r.orgId))])),
  ]);
  const names = new Map(publishers.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: String(r.id),
    title: r.title,
    orgId: String(r.orgId),
    orgName: names.get(r.orgId) ?? '',
    audience: r.audience,
    audienceLabel: NoticeAudiences[r.audience],
    targets: targets.filter((t) => t.noticeId === r.id).map((t) => ({ id: String(t.id), name: t.name })),
    attachmentCount: Number(files.find((f) => f.noticeId === r.id)?.n ?? 0),
    publishedAt: r.publishedAt.toISOString(),
    readCount: counts.get(r.id) ?? 0,
  }));
}

async function theNotice(db: DbOrTx, id: number): Promise<PublishedNotice> {
  const rows = await db.select().from(notices).where(eq(notices.id, id));
  const [view] = await publishedViews(db, rows);
  if (!view) throw new AppError('NOT_FOUND');
  return view;
}

/** 已发布的通知 of the org, newest first, with read counts. */
export async function publishedPage(db: DbOrTx, ctx: OrgContext, q: { before?: string; limit: number }): Promise<PublishedNoticePage> {
  const rows = await db
    .select()
    .from(notices)
    .where(and(eq(notices.orgId, ctx.org.id), afterCursor(notices.publishedAt, notices.id, parseTimeIdCursor(q.before), 'desc')))
    .orderBy(desc(notices.publishedAt), desc(notices.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const items = await publishedViews(db, page);
  return { items, nextBefore: rows.length > q.limit && last ? timeIdCursor(last.publishedAt, last.id) : null };
}

/**
 * 阅读情况: for the direct sub-orgs of `parentId` (the publisher by default) that the targets
 * touch, how many recipients read it below each — one range count on (notice_id, org_path)
 * per row — and how many read it at the parent itself.
 */
export async function noticeReadsBySubOrg(db: DbOrTx, ctx: OrgContext, noticeId: number, parentId?: number): Promise<NoticeReads> {
  const [notice] = await db
    .select()
    .from(notices)
    .where(and(eq(notices.id, noticeId), eq(notices.orgId, ctx.org.id)));
  if (!notice) throw new AppError('NOT_FOUND');
  const view = await theNotice(db, noticeId);
  const [parent] = parentId != null ? await db.select().from(orgs).where(eq(orgs.id, parentId)) : [ctx.org];
  if (!parent || !ctx.contains(parent.path)) throw new AppError('NOT_FOUND');
  const targets = await db.select({ path: orgs.path }).from(targetsTable).innerJoin(orgs, eq(orgs.id, targetsTable.orgId)).where(eq(targetsTable.noticeId, noticeId));
  const touches = (path: string) => targets.some((t) => path.startsWith(t.path) || t.path.startsWith(path));
  const children = await db
    .select({
      id: orgs.id,
      name: orgs.shortName,
      path: orgs.path,
      // qualified by hand: drizzle leaves a single table's columns unqualified
      n: sql<number>`(select count(*) from notice_reads r where r.notice_id = ${noticeId} and r.org_path like concat(orgs.path, '%'))`,
      hasChildren: sql<number>`exists(select 1 from orgs c where c.parent_id = orgs.id)`,
    })
    .from(orgs)
    .where(eq(orgs.parentId, parent.id))
    .orderBy(asc(orgs.sortOrder), asc(orgs.id));
  const [self] = await db
    .select({ n: sql<number>`count(*)` })
    .from(noticeReads)
    .where(and(eq(noticeReads.noticeId, noticeId), eq(noticeReads.orgPath, parent.path)));
  return {
    notice: view,
    parent: { id: String(parent.id), name: parent.shortName, parentId: parent.id === ctx.org.id || parent.parentId == null ? null : String(parent.parentId) },
    selfReadCount: Number(self?.n ?? 0),
    rows: children.filter((c) => touches(c.path)).map((c) => ({ orgId: String(c.id), name: c.name, readCount: Number(c.n), hasChildren: Boolean(Number(c.hasChildren)) })),
  };
}

// ── the recipient's inbox ───────────────────────────────────────────────────────────────

export async function unreadNoticeCount(db: DbOrTx, userId: number, who?: RecipientOrgs): Promise<number> {
  const reach = reachCondition(who ?? (await recipientOrgs(db, userId)));
  if (!reach) return 0;
  const [r] = await db
    .select({ n: sql<number>`count(distinct ${targetsTable.noticeId})` })
    .from(targetsTable)
    .leftJoin(noticeReads, and(eq(noticeReads.userId, userId), eq(noticeReads.noticeId, targetsTable.noticeId)))
    .where(and(reach, sql`${noticeReads.noticeId} is null`));
  return Number(r?.n ?? 0);
}

/** The badge: unread notices + unread messages. */
export async function inboxUnread(db: DbOrTx, userId: number): Promise<InboxUnread> {
  const [n, m] = await Promise.all([unreadNoticeCount(db, userId), unreadMessageCount(db, userId)]);
  return { notices: n, messages: m, total: n + m };
}

/** 工作通知 in the inbox, newest first. */
export async function inboxNotices(db: DbOrTx, userId: number, q: { before?: string; limit: number }): Promise<InboxNoticePage> {
  const reach = reachCondition(await recipientOrgs(db, userId));
  if (!reach) return { items: [], nextBefore: null };
  const rows = await db
    .select({
      id: notices.id,
      title: notices.title,
      publishedAt: notices.publishedAt,
      orgName: orgs.shortName,
      readAt: noticeReads.readAt,
      files: sql<number>`(select count(*) from notice_attachments a where a.notice_id = notices.id)`,
    })
    .from(notices)
    .innerJoin(orgs, eq(orgs.id, notices.orgId))
    .leftJoin(noticeReads, and(eq(noticeReads.userId, userId), eq(noticeReads.noticeId, notices.id)))
    .where(
      and(sql`${notices.id} in (select ${targetsTable.noticeId} from ${targetsTable} where ${reach})`, afterCursor(notices.publishedAt, notices.id, parseTimeIdCursor(q.before), 'desc')),
    )
    .orderBy(desc(notices.publishedAt), desc(notices.id))
    .limit(q.limit + 1);
  const last = rows.at(q.limit - 1);
  const items = rows.slice(0, q.limit).map((r) => ({
    id: String(r.id),
    title: r.title,
    orgName: r.orgName,
    publishedAt: r.publishedAt.toISOString(),
    read: r.readAt != null,
    attachmentCount: Number(r.files),
  }));
  return { items, nextBefore: rows.length > q.limit && last ? timeIdCursor(last.publishedAt, last.id) : null };
}

/**
 * A notice the account may open: one that reaches it (with the path its read counts under),
 * or — for the publisher's side — one of an org it administers. Anything else is 404.
 */
async function visibleNotice(db: DbOrTx, userId: number, noticeId: number) {
  const [notice] = await db.select({ n: notices, org: orgs }).from(notices).innerJoin(orgs, eq(orgs.id, notices.orgId)).where(eq(notices.id, noticeId));
  if (!notice) throw new AppError('NOT_FOUND');
  const targets = await db.select({ path: orgs.path }).from(targetsTable).innerJoin(orgs, eq(orgs.id, targetsTable.orgId)).where(eq(targetsTable.noticeId, noticeId));
  const reachPath = noticeReachPath(targets, notice.n.audience, await recipientOrgs(db, userId));
  if (reachPath == null) {
    const positions = await db
      .select({ orgId: rosterEntries.orgId, isAdmin: rosterEntries.isAdmin, isOperator: rosterEntries.isOperator })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.userId, userId), isNotNull(rosterEntries.onboardedAt)));
    if (!orgAccess(notice.org, positions).isAdmin) throw new AppError('NOT_FOUND');
  }
  return { ...notice, reachPath };
}

export async function noticeDetail(db: DbOrTx, userId: number, noticeId: number): Promise<NoticeDetail> {
  const { n, org } = await visibleNotice(db, userId, noticeId);
  const [files, [read]] = await Promise.all([
    db
      .select({ id: uploads.id, name: noticeAttachments.name, mime: uploads.mime, size: uploads.size })
      .from(noticeAttachments)
      .innerJoin(uploads, eq(uploads.id, noticeAttachments.uploadId))
      .where(eq(noticeAttachments.noticeId, noticeId))
      .orderBy(asc(noticeAttachments.sortOrder)),
    db
      .select({ at: noticeReads.readAt })
      .from(noticeReads)
      .where(and(eq(noticeReads.noticeId, noticeId), eq(noticeReads.userId, userId))),
  ]);
  return {
    id: String(n.id),
    title: n.title,
    body: n.body,
    orgName: org.shortName,
    audienceLabel: NoticeAudiences[n.audience],
    publishedAt: n.publishedAt.toISOString(),
    read: read != null,
    attachmentCount: files.length,
    attachments: files.map((f) => ({ fileId: String(f.id), name: f.name, mime: f.mime, size: f.size, url: `/api/notices/${n.id}/files/${f.id}` })),
  };
}

/** 标记已读: once per account (again changes nothing), counted under the org it reached them through. */
export async function markNoticeRead(db: DbOrTx, userId: number, noticeId: number, now: Date): Promise<void> {
  const { reachPath } = await visibleNotice(db, userId, noticeId);
  if (reachPath == null) throw new AppError('NOT_FOUND'); // the publisher's side reads, it is not a recipient
  await db
    .insert(noticeReads)
    .values({ noticeId, userId, orgPath: reachPath, readAt: now })
    .onDuplicateKeyUpdate({ set: { noticeId: sql`${noticeReads.noticeId}` } });
}

/** An attachment's bytes, for whoever may open the notice. */
export async function noticeFile(db: DbOrTx, storage: Storage, userId: number, noticeId: number, fileId: number) {
  await visibleNotice(db, userId, noticeId);
  const [file] = await db
    .select({ key: uploads.storageKey, mime: uploads.mime, name: noticeAttachments.name })
    .from(noticeAttachments)
    .innerJoin(uploads, eq(uploads.id, noticeAttachments.uploadId))
    .where(and(eq(noticeAttachments.noticeId, noticeId), eq(noticeAttachments.uploadId, fileId)));
  if (!file) throw new AppError('NOT_FOUND');
  const data = await storage.get(file.key);
  if (!data) throw new AppError('NOT_FOUND');
  return { mime: file.mime, name: file.name, data };
}
