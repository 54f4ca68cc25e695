import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, like, lt, or, sql } from 'drizzle-orm';
import { directPair, maskMobile, Positions, recallVerdict, type ChatContact, type ChatConversation, type ChatMessage, type ChatSend, type Position } from '@tj/shared';
import type { Db, DbOrTx } from '../../db/client';
import { chatConversations, chatMessages, chatReads, orgs, rosterEntries, uploads, users } from '../../db/schema';
import { AppError } from '../../errors';
import { isDuplicate } from '../../lib/mysql-errors';
import { ancestorIds } from '../../lib/org-path';
import { cadreOfChain } from '../../lib/policy';
import { theRow } from '../../lib/rows';
import { uploadUrl } from '../uploads/service';

/**
 * §6.6 cadre chat (issue 18). Who may talk: onboarded cadres (a confirmed roster line) only;
 * any two of them one-to-one, and the onboarded cadres of an org in its group. Membership is
 * read from the roster every time, so a cadre removed from a roster loses that org's group at
 * once and keeps their one-to-one conversations.
 */

export type ConversationRow = typeof chatConversations.$inferSelect;
export type MessageRow = typeof chatMessages.$inferSelect;

/** The orgs where the user is an onboarded cadre (empty: not a cadre, no chat). */
export async function cadreOrgIds(db: DbOrTx, userId: number): Promise<number[]> {
  const rows = await db
    .select({ orgId: rosterEntries.orgId })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.userId, userId), isNotNull(rosterEntries.onboardedAt)));
  return [...new Set(rows.map((r) => r.orgId))];
}

export async function requireCadre(db: DbOrTx, userId: number): Promise<number[]> {
  const ids = await cadreOrgIds(db, userId);
  if (ids.length === 0) throw new AppError('CHAT_NOT_CADRE');
  return ids;
}

/** The onboarded cadres of an org: its group's members. */
export async function groupMemberIds(db: DbOrTx, orgId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: rosterEntries.userId })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.orgId, orgId), isNotNull(rosterEntries.onboardedAt), isNotNull(rosterEntries.userId)));
  return [...new Set(rows.map((r) => r.userId).filter((id): id is number => id != null))];
}

/** The conversation, if the user (an onboarded cadre of `myOrgs`) is one of its members. */
async function memberConversation(db: DbOrTx, userId: number, myOrgs: number[], conversationId: number): Promise<ConversationRow> {
  const [conv] = await db.select().from(chatConversations).where(eq(chatConversations.id, conversationId));
  if (!conv) throw new AppError('NOT_FOUND');
  if (!isMember(conv, userId, myOrgs)) throw new AppError('CHAT_NOT_MEMBER');
  return conv;
}

export const isMember = (conv: Pick<ConversationRow, 'kind' | 'userLo' | 'userHi' | 'orgId'>, userId: number, myOrgs: number[]) =>
  conv.kind === 'direct' ? conv.userLo === userId || conv.userHi === userId : conv.orgId != null && myOrgs.includes(conv.orgId);

/** Who receives what happens in a conversation (on every instance, through the bus). */
export async function recipientsOf(db: DbOrTx, conv: ConversationRow): Promise<number[]> {
  if (conv.kind === 'direct') return [conv.userLo, conv.userHi].filter((id): id is number => id != null);
  return conv.orgId == null ? [] : groupMemberIds(db, conv.orgId);
}

/** Display names: the name of the person's earliest onboarded roster line, else the account's. */
async function displayNames(db: DbOrTx, userIds: number[]): Promise<Map<number, string>> {
  const ids = [...new Set(userIds)];
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  const [lines, accounts] = await Promise.all([
    db
      .select({ userId: rosterEntries.userId, name: rosterEntries.name })
      .from(rosterEntries)
      .where(and(inArray(rosterEntries.userId, ids), isNotNull(rosterEntries.onboardedAt)))
      .orderBy(asc(rosterEntries.id)),
    db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)),
  ]);
  for (const l of lines) if (l.userId != null && !out.has(l.userId)) out.set(l.userId, l.name);
  for (const a of accounts) if (!out.has(a.id)) out.set(a.id, a.name ?? '团干部');
  return out;
}

export function toMessage(row: MessageRow, senderName: string): ChatMessage {
  const recalled = row.recalledAt != null;
  return {
    id: String(row.id),
    conversationId: String(row.conversationId),
    seq: row.seq,
    senderId: String(row.senderId),
    senderName,
    clientMsgId: row.clientMsgId,
    kind: row.kind,
    text: recalled || row.kind !== 'text' ? null : row.body,
    imageUrl: recalled || row.uploadId == null ? null : uploadUrl(row.uploadId),
    recalled,
    createdAt: row.createdAt.toISOString(),
  };
}

async function toMessages(db: DbOrTx, rows: MessageRow[]): Promise<ChatMessage[]> {
  const names = await displayNames(
    db,
    rows.map((r) => r.senderId),
  );
  return rows.map((r) => toMessage(r, names.get(r.senderId) ?? '团干部'));
}

// ── 通讯录 ─────────────────────────────────────────────────────────────────────────────

const positionKeysMatching = (q: string): Position[] => (Object.entries(Positions) as [Position, string][]).filter(([, label]) => label.includes(q)).map(([key]) => key);

/**
 * The province's onboarded cadres: search by name, org name or position; or browse one org
 * (its cadres and its sub-orgs; the top orgs when none is given). §9: a contact's phone is
 * shown in full only to cadres of the contact's org chain.
 */
export async function directory(db: Db, userId: number, query: { q: string; orgId?: string; limit: number }) {
  const myOrgs = await requireCadre(db, userId);
  const q = query.q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const orgId = query.orgId ? Number(query.orgId) : null;
  const conditions = [isNotNull(rosterEntries.onboardedAt), isNotNull(rosterEntries.userId), sql`${rosterEntries.userId} <> ${userId}`];
  if (q) {
    const positions = positionKeysMatching(query.q);
    const pattern = `%${q}%`;
    conditions.push(
      or(
        like(rosterEntries.name, pattern),
        like(orgs.shortName, pattern),
        like(orgs.fullName, pattern),
        like(orgs.alias, pattern),
        ...(positions.length ? [inArray(rosterEntries.position, positions)] : []),
      )!,
    );
  }
  let org: { row: typeof orgs.$inferSelect; childCount: number } | null = null;
  if (orgId != null) {
    const [row] = await db.select().from(orgs).where(eq(orgs.id, orgId));
    if (!row) throw new AppError('NOT_FOUND');
    org = { row, childCount: 0 };
    if (!q) conditions.push(eq(rosterEntries.orgId, orgId));
    else conditions.push(like(orgs.path, `${row.path}%`));
  }
  const browsingTop = orgId == null && !q;
  const [lines, children] = await Promise.all([
    browsingTop
      ? Promise.resolve([])
      : db
          .select({
            userId: rosterEntries.userId,
            name: rosterEntries.name,
            position: rosterEntries.position,
            orgId: orgs.id,
            orgName: orgs.shortName,
            alias: orgs.alias,
            path: orgs.path,
            phone: users.phone,
          })
          .from(rosterEntries)
          .innerJoin(orgs, eq(orgs.id, rosterEntries.orgId))
          .innerJoin(users, eq(users.id, rosterEntries.userId))
          .where(and(...conditions))
          .orderBy(asc(orgs.depth), asc(rosterEntries.orgId), asc(rosterEntries.id))
          .limit(query.limit),
    q
      ? Promise.resolve([])
      : db
          .select({ id: orgs.id, name: orgs.shortName, alias: orgs.alias, childCount: sql<number>`(select count(*) from orgs c where c.parent_id = orgs.id)` })
          .from(orgs)
          .where(orgId == null ? isNull(orgs.parentId) : eq(orgs.parentId, orgId))
          .orderBy(asc(orgs.sortOrder), asc(orgs.id))
          .limit(200),
  ]);
  const names = new Map<number, string>();
  const pathIds = [...new Set([...lines.flatMap((l) => ancestorIds(l.path)), ...(org ? ancestorIds(org.row.path) : [])])];
  if (pathIds.length) for (const r of await db.select({ id: orgs.id, name: orgs.shortName }).from(orgs).where(inArray(orgs.id, pathIds))) names.set(r.id, r.name);
  const mine = new Set(myOrgs);
  const items: ChatContact[] = lines.map((l) => ({
    userId: String(l.userId),
    name: l.name,
    orgId: String(l.orgId),
    orgName: l.alias || l.orgName,
    pathNames: ancestorIds(l.path).map((id) => names.get(id) ?? ''),
    position: Positions[l.position] ?? l.position,
    phone: cadreOfChain(mine, l.path) ? l.phone : maskMobile(l.phone),
  }));
  return {
    items,
    org: org
      ? {
          id: String(org.row.id),
          name: org.row.alias || org.row.shortName,
          parentId: org.row.parentId == null ? null : String(org.row.parentId),
          pathNames: ancestorIds(org.row.path).map((id) => names.get(id) ?? ''),
          childCount: children.length,
        }
      : null,
    orgs: children.map((c) => ({ id: String(c.id), name: c.alias || c.name, childCount: Number(c.childCount) })),
  };
}

// ── conversations ─────────────────────────────────────────────────────────────────────

/** The one-to-one conversation of the caller and another onboarded cadre (created on first use). */
export async function openDirect(db: Db, userId: number, peerId: number): Promise<ChatConversation> {
  await requireCadre(db, userId);
  if (peerId === userId) throw new AppError('CHAT_SELF');
  if ((await cadreOrgIds(db, peerId)).length === 0) throw new AppError('CHAT_PEER_NOT_CADRE');
  const [lo, hi] = directPair(userId, peerId);
  await db
    .insert(chatConversations)
    .values({ kind: 'direct', userLo: lo, userHi: hi })
    .onDuplicateKeyUpdate({ set: { userLo: sql`user_lo` } });
  const conv = theRow(
    await db
      .select()
      .from(chatConversations)
      .where(and(eq(chatConversations.userLo, lo), eq(chatConversations.userHi, hi))),
    'the direct conversation',
  );
  return theRow(await describe(db, userId, [conv]), 'the conversation view');
}

/** Every conversation of the caller, the latest first: their one-to-ones and their orgs' groups. */
export async function listConversations(db: Db, userId: number): Promise<{ items: ChatConversation[]; unreadTotal: number }> {
  const myOrgs = await requireCadre(db, userId);
  // the groups of the caller's orgs exist from the first look (empty until someone writes)
  await db
    .insert(chatConversations)
    .values(myOrgs.map((orgId) => ({ kind: 'group' as const, orgId })))
    .onDuplicateKeyUpdate({ set: { orgId: sql`org_id` } });
  const convs = await db
    .select()
    .from(chatConversations)
    .where(or(eq(chatConversations.userLo, userId), eq(chatConversations.userHi, userId), inArray(chatConversations.orgId, myOrgs)));
  // one-to-ones nobody wrote in yet stay out of the list
  const items = await describe(
    db,
    userId,
    convs.filter((c) => c.kind === 'group' || c.lastSeq > 0),
  );
  items.sort((a, b) => (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? '') || Number(b.id) - Number(a.id));
  return { items, unreadTotal: items.reduce((n, c) => n + c.unread, 0) };
}

export async function getConversation(db: Db, userId: number, conversationId: number): Promise<ChatConversation> {
  const myOrgs = await requireCadre(db, userId);
  const conv = await memberConversation(db, userId, myOrgs, conversationId);
  return theRow(await describe(db, userId, [conv]), 'the conversation view');
}

/** The list view of conversations: titles, last messages, the caller's unread count and read state. */
async function describe(db: DbOrTx, userId: number, convs: ConversationRow[]): Promise<ChatConversation[]> {
  if (convs.length === 0) return [];
  const ids = convs.map((c) => c.id);
  const peerOf = (c: ConversationRow) => (c.kind === 'direct' ? (c.userLo === userId ? c.userHi : c.userLo) : null);
  const peers = convs.map(peerOf).filter((id): id is number => id != null);
  const groupOrgs = convs.map((c) => c.orgId).filter((id): id is number => id != null);
  const [reads, lasts, peerLines, groupInfo] = await Promise.all([
    db.select().from(chatReads).where(inArray(chatReads.conversationId, ids)),
    db
      .select({ m: chatMessages })
      .from(chatMessages)
      .innerJoin(chatConversations, and(eq(chatConversations.id, chatMessages.conversationId), eq(chatConversations.lastSeq, chatMessages.seq)))
      .where(inArray(chatMessages.conversationId, ids)),
    peers.length
      ? db
          .select({ userId: rosterEntries.userId, name: rosterEntries.name, position: rosterEntries.position, orgName: orgs.shortName, alias: orgs.alias })
          .from(rosterEntries)
          .innerJoin(orgs, eq(orgs.id, rosterEntries.orgId))
          .where(and(inArray(rosterEntries.userId, peers), isNotNull(rosterEntries.onboardedAt)))
          .orderBy(asc(rosterEntries.id))
      : Promise.resolve([]),
    groupOrgs.length
      ? db
          .select({
            id: orgs.id,
            name: orgs.shortName,
            alias: orgs.alias,
            members: sql<number>`(select count(distinct r.user_id) from roster_entries r where r.org_id = orgs.id and r.onboarded_at is not null)`,
          })
          .from(orgs)
          .where(inArray(orgs.id, groupOrgs))
      : Promise.resolve([]),
  ]);
  const lastMessages = await toMessages(
    db,
    lasts.map((l) => l.m),
  );
  const lastBy = new Map(lastMessages.map((m) => [Number(m.conversationId), m]));
  const peerBy = new Map<number, (typeof peerLines)[number]>();
  for (const p of peerLines) if (p.userId != null && !peerBy.has(p.userId)) peerBy.set(p.userId, p);
  const peerNames = await displayNames(db, peers);
  const groupBy = new Map(groupInfo.map((g) => [g.id, g]));
  return convs.map((c) => {
    const readSeq = reads.find((r) => r.conversationId === c.id && r.userId === userId)?.readSeq ?? 0;
    const peer = peerOf(c);
    const peerRead = peer == null ? null : (reads.find((r) => r.conversationId === c.id && r.userId === peer)?.readSeq ?? 0);
    const p = peer == null ? undefined : peerBy.get(peer);
    const g = c.orgId == null ? undefined : groupBy.get(c.orgId);
    return {
      id: String(c.id),
      kind: c.kind,
      title: peer != null ? (peerNames.get(peer) ?? '团干部') : g ? g.alias || g.name : '组织群',
      subtitle: peer != null ? (p ? `${p.alias || p.orgName} · ${Positions[p.position] ?? p.position}` : '已不是团干部') : `${Number(g?.members ?? 0)} 名团干部`,
      peerUserId: peer == null ? null : String(peer),
      orgId: c.orgId == null ? null : String(c.orgId),
      lastSeq: c.lastSeq,
      lastMessage: lastBy.get(c.id) ?? null,
      lastMessageAt: c.lastMessageAt?.toISOString() ?? null,
      readSeq,
      unread: Math.max(0, c.lastSeq - readSeq),
      peerReadSeq: peerRead,
    };
  });
}

/** Messages after the cursor `after` (oldest first: catching up), or the page before `before`. */
export async function history(db: Db, userId: number, conversationId: number, query: { after?: number; before?: number; limit: number }) {
  const myOrgs = await requireCadre(db, userId);
  await memberConversation(db, userId, myOrgs, conversationId);
  const base = eq(chatMessages.conversationId, conversationId);
  let rows: MessageRow[];
  if (query.after !== undefined) {
    rows = await db
      .select()
      .from(chatMessages)
      .where(and(base, gt(chatMessages.seq, query.after)))
      .orderBy(asc(chatMessages.seq))
      .limit(query.limit + 1);
  } else {
    rows = await db
      .select()
      .from(chatMessages)
      .where(query.before !== undefined ? and(base, lt(chatMessages.seq, query.before)) : base)
      .orderBy(desc(chatMessages.seq))
      .limit(query.limit + 1);
  }
  const hasMore = rows.length > query.limit;
  rows = rows.slice(0, query.limit);
  if (query.after === undefined) rows.reverse();
  return { items: await toMessages(db, rows), hasMore };
}

// ── sending, reading, recalling ───────────────────────────────────────────────────────

export interface Delivery {
  recipients: number[];
  message: ChatMessage;
}

/** A send's answer: `created: false` when it repeats one already stored (nothing to push). */
export type SendOutcome = Delivery & { created: boolean };

/**
 * Sends a message: written to MariaDB first (the next sequence number taken under the
 * conversation's row lock), pushed only after. Idempotent per (conversation, sender, clientMsgId): a retry
 * returns the first copy (`created: false`) and changes nothing.
 */
export async function sendMessage(db: Db, userId: number, conversationId: number, input: ChatSend, now: Date): Promise<SendOutcome> {
  // two reads decide everything (the hot path, bench P6): the conversation, then the onboarded
  // roster lines of the sender and, one-to-one, of the peer — cadre checks, group membership
  // and the sender's display name at once
  const [conv] = await db.select().from(chatConversations).where(eq(chatConversations.id, conversationId));
  if (!conv) {
    await requireCadre(db, userId);
    throw new AppError('NOT_FOUND');
  }
  const peer = conv.kind === 'direct' ? (conv.userLo === userId ? conv.userHi : conv.userLo) : null;
  const lines = await db
    .select({ userId: rosterEntries.userId, orgId: rosterEntries.orgId, name: rosterEntries.name })
    .from(rosterEntries)
    .where(and(inArray(rosterEntries.userId, peer != null ? [userId, peer] : [userId]), isNotNull(rosterEntries.onboardedAt)))
    .orderBy(asc(rosterEntries.id));
  const mine = lines.filter((l) => l.userId === userId);
  if (mine.length === 0) throw new AppError('CHAT_NOT_CADRE');
  if (!isMember(conv, userId, [...new Set(mine.map((l) => l.orgId))])) throw new AppError('CHAT_NOT_MEMBER');
  const senderName = mine[0]!.name;
  const recipients = () => (conv.kind === 'direct' ? Promise.resolve([conv.userLo, conv.userHi].filter((id): id is number => id != null)) : recipientsOf(db, conv));
  const again = async () => {
    const first = await findSent(db, conversationId, userId, input.clientMsgId);
    return first ? { created: false, recipients: await recipients(), message: toMessage(first, senderName) } : null;
  };
  if (conv.kind === 'direct' && !lines.some((l) => l.userId === peer)) {
    // a retry of a message sent while the peer still was a cadre is still answered
    const sent = await again();
    if (sent) return sent;
    throw new AppError('CHAT_PEER_NOT_CADRE');
  }
  let uploadId: number | null = null;
  if (input.kind === 'image') {
    const [upload] = await db
      .select({ id: uploads.id, owner: uploads.ownerUserId, mime: uploads.mime })
      .from(uploads)
      .where(eq(uploads.id, Number(input.fileId)));
    if (!upload || upload.owner !== userId || !upload.mime.startsWith('image/')) throw new AppError('CHAT_IMAGE_INVALID', 'fileId');
    uploadId = upload.id;
  }
  let row: MessageRow;
  try {
    row = await db.transaction(async (tx) => {
      // the next number under the row lock; LAST_INSERT_ID(x) hands it back without a second read
      const [bumped] = await tx
        .update(chatConversations)
        .set({ lastSeq: sql`last_insert_id(${chatConversations.lastSeq} + 1)`, lastMessageAt: now })
        .where(eq(chatConversations.id, conversationId));
      const seq = Number(bumped.insertId);
      const values = {
        conversationId,
        seq,
        senderId: userId,
        clientMsgId: input.clientMsgId,
        kind: input.kind,
        body: input.kind === 'text' ? (input.text ?? '').trim() : null,
        uploadId,
        createdAt: now,
      };
      const [res] = await tx.insert(chatMessages).values(values);
      // sending reads everything before it
      await tx
        .insert(chatReads)
        .values({ conversationId, userId, readSeq: seq })
        .onDuplicateKeyUpdate({ set: { readSeq: sql`greatest(${chatReads.readSeq}, ${seq})` } });
      return { ...values, id: Number(res.insertId), recalledAt: null };
    });
  } catch (err) {
    // a resend (or the same send twice at once): the unique index refused the copy; answer with the first
    if (!isDuplicate(err)) throw err;
    const first = await again();
    if (!first) throw err;
    return first;
  }
  return { created: true, recipients: await recipients(), message: toMessage(row, senderName) };
}

async function findSent(db: DbOrTx, conversationId: number, senderId: number, clientMsgId: string) {
  const [row] = await db
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.conversationId, conversationId), eq(chatMessages.senderId, senderId), eq(chatMessages.clientMsgId, clientMsgId)));
  return row;
}

/** Moves the caller's read cursor forward (never back, never past the last message). */
export async function markRead(db: Db, userId: number, conversationId: number, seq: number) {
  const myOrgs = await requireCadre(db, userId);
  const conv = await memberConversation(db, userId, myOrgs, conversationId);
  const upTo = Math.min(seq, conv.lastSeq);
  await db
    .insert(chatReads)
    .values({ conversationId, userId, readSeq: upTo })
    .onDuplicateKeyUpdate({ set: { readSeq: sql`greatest(${chatReads.readSeq}, ${upTo})` } });
  const [read] = await db
    .select({ readSeq: chatReads.readSeq })
    .from(chatReads)
    .where(and(eq(chatReads.conversationId, conversationId), eq(chatReads.userId, userId)));
  // read state is shown in one-to-ones only: a group's would be a receipt per member
  return { conversationId: String(conversationId), seq: read?.readSeq ?? upTo, recipients: conv.kind === 'direct' ? await recipientsOf(db, conv) : [userId] };
}

/** Recalls the caller's own message within 2 minutes (app clock): the row stays, its content is hidden. */
export async function recallMessage(db: Db, userId: number, messageId: number, now: Date): Promise<Delivery> {
  const myOrgs = await requireCadre(db, userId);
  const [row] = await db.select().from(chatMessages).where(eq(chatMessages.id, messageId));
  if (!row) throw new AppError('NOT_FOUND');
  const conv = await memberConversation(db, userId, myOrgs, row.conversationId);
  const view = theRow(await toMessages(db, [row]), 'the message');
  const verdict = recallVerdict(view, String(userId), now);
  if (verdict === 'notOwn') throw new AppError('CHAT_RECALL_NOT_OWN');
  if (verdict === 'expired') throw new AppError('CHAT_RECALL_EXPIRED');
  await db
    .update(chatMessages)
    .set({ recalledAt: now })
    .where(and(eq(chatMessages.id, messageId), isNull(chatMessages.recalledAt)));
  const after = theRow(await db.select().from(chatMessages).where(eq(chatMessages.id, messageId)), 'the message');
  return { recipients: await recipientsOf(db, conv), message: toMessage(after, view.senderName) };
}

/** Uploads: an image sent in a conversation is readable by that conversation's members. */
export async function chatImageReadable(db: DbOrTx, userId: number, uploadId: number): Promise<boolean> {
  const convs = await db
    .select({ c: chatConversations })
    .from(chatMessages)
    .innerJoin(chatConversations, eq(chatConversations.id, chatMessages.conversationId))
    .where(and(eq(chatMessages.uploadId, uploadId), isNull(chatMessages.recalledAt)))
    .limit(20);
  if (convs.length === 0) return false;
  const myOrgs = await cadreOrgIds(db, userId);
  return myOrgs.length > 0 && convs.some(({ c }) => isMember(c, userId, myOrgs));
}
