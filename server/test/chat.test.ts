import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import WebSocket from 'ws';
import { ChatCloseCodes, type ChatMessage, type ChatServerFrame } from '@tj/shared';
import type { App } from '../src/app';
import { chatConversations, chatMessages, rosterEntries } from '../src/db/schema';
import { buildTestApp, manualClock } from './helper';
import { PNG_1X1, fileUpload, memberUser, onboardedCadre, orgTree } from './fixtures';

/** §6.6 团干会话 (issue 18): HTTP and WebSocket on a real MariaDB (and Redis for two instances). */

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type Cadre = Awaited<ReturnType<typeof onboardedCadre>>;
const cid = () => randomUUID();

/** A connected socket with a queue of received frames. */
async function connect(app: App, token?: string) {
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/chat/socket`);
  const frames: ChatServerFrame[] = [];
  const waiters: (() => void)[] = [];
  let closed = null as { code: number; reason: string } | null;
  ws.on('message', (d) => {
    frames.push(JSON.parse((d as Buffer).toString('utf8')) as ChatServerFrame);
    waiters.splice(0).forEach((w) => w());
  });
  ws.on('close', (code, reason) => {
    closed = { code, reason: reason.toString() };
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const sock = {
    ws,
    frames,
    send: (f: unknown) => ws.send(typeof f === 'string' ? f : JSON.stringify(f)),
    /** Waits for the first frame (from `from` on) matching `pred`. */
    async next(pred: (f: ChatServerFrame) => boolean, timeoutMs = 3000): Promise<ChatServerFrame> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = frames.find(pred);
        if (hit) {
          frames.splice(frames.indexOf(hit), 1);
          return hit;
        }
        if (closed || Date.now() > deadline) throw new Error(`no such frame (closed: ${JSON.stringify(closed)}; have ${JSON.stringify(frames)})`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
    async closedWith(timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (!closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return closed;
    },
  };
  if (token) {
    sock.send({ type: 'auth', token });
    await sock.next((f) => f.type === 'ready');
  }
  return sock;
}

describe('chat (§6.6, issue 18)', () => {
  let app: App;
  const clock = manualClock();
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let a: Cadre;
  let b: Cadre;
  let c: Cadre;

  beforeAll(async () => {
    app = await buildTestApp({ accessTokenTtlSeconds: 7 * 86400 }, { clock });
    await app.listen({ port: 0, host: '127.0.0.1' });
    tree = await orgTree(app);
    a = await onboardedCadre(app, tree.city.id);
    b = await onboardedCadre(app, tree.branch.id);
    c = await onboardedCadre(app, tree.otherCity.id);
    await app.db.update(rosterEntries).set({ name: '李乙乙' }).where(eq(rosterEntries.userId, b.userId));
  });
  afterAll(() => app.close());

  const openDirect = async (from: Cadre, to: Cadre) => {
    const res = await app.inject({ method: 'POST', url: '/api/chat/conversations/direct', headers: from.headers, payload: { userId: String(to.userId) } });
    expect(res.statusCode).toBe(200);
    return res.json<{ id: string }>();
  };
  const sendHttp = (from: Cadre, convId: string, body: unknown) =>
    app.inject({ method: 'POST', url: `/api/chat/conversations/${convId}/messages`, headers: from.headers, payload: body as object });

  it('通讯录: cadres search by name, org or position; the phone is masked outside the chain; members get 403', async () => {
    const byName = await app.inject({ method: 'GET', url: '/api/chat/directory?q=李乙', headers: a.headers });
    expect(byName.statusCode).toBe(200);
    const hit = byName.json().items.find((i: { userId: string }) => i.userId === String(b.userId));
    expect(hit).toMatchObject({ name: '李乙乙', position: '书记', orgId: String(tree.branch.id) });
    // a (city) is in b's chain: full phone; c (other city) is not: masked
    expect(hit.phone).toBe(b.phone);
    const fromC = await app.inject({ method: 'GET', url: '/api/chat/directory?q=李乙', headers: c.headers });
    expect(fromC.json().items.find((i: { userId: string }) => i.userId === String(b.userId)).phone).toBe(`${b.phone.slice(0, 3)}****${b.phone.slice(7)}`);
    const byOrg = await app.inject({ method: 'GET', url: `/api/chat/directory?q=${encodeURIComponent(tree.branch.shortName)}`, headers: a.headers });
    expect(byOrg.json().items.map((i: { userId: string }) => i.userId)).toContain(String(b.userId));
    // browsing: an org's cadres and its sub-orgs
    const browse = await app.inject({ method: 'GET', url: `/api/chat/directory?orgId=${tree.city.id}`, headers: b.headers });
    expect(browse.json().orgs.map((o: { id: string }) => o.id)).toContain(String(tree.school.id));
    expect(browse.json().items.map((i: { userId: string }) => i.userId)).toEqual([String(a.userId)]);

    const member = await memberUser(app);
    for (const url of ['/api/chat/directory', '/api/chat/conversations']) {
      const res = await app.inject({ method: 'GET', url, headers: member.headers });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('CHAT_NOT_CADRE');
    }
    const toMember = await app.inject({ method: 'POST', url: '/api/chat/conversations/direct', headers: a.headers, payload: { userId: String(member.userId) } });
    expect(toMember.json().code).toBe('CHAT_PEER_NOT_CADRE');
  });

  it('numbers messages 1, 2, 3 per conversation; a resend with the same clientMsgId is one message; the cursor fetches what is missing', async () => {
    const conv = await openDirect(a, b);
    const again = await openDirect(b, a);
    expect(again.id).toBe(conv.id);
    const id1 = cid();
    const first = await sendHttp(a, conv.id, { clientMsgId: id1, kind: 'text', text: ' 你好 ' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ seq: 1, text: '你好', senderId: String(a.userId), clientMsgId: id1 });
    const retry = await sendHttp(a, conv.id, { clientMsgId: id1, kind: 'text', text: '你好' });
    expect(retry.json()).toMatchObject({ id: first.json().id, seq: 1 });
    // the same retried twice at once: still one row
    const id2 = cid();
    const both = await Promise.all([sendHttp(b, conv.id, { clientMsgId: id2, kind: 'text', text: '收到' }), sendHttp(b, conv.id, { clientMsgId: id2, kind: 'text', text: '收到' })]);
    expect(both.map((r) => r.json().id)[0]).toBe(both[1].json().id);
    await sendHttp(a, conv.id, { clientMsgId: cid(), kind: 'text', text: '第三条' });
    const rows = await app.db
      .select()
      .from(chatMessages)
      .where(eq(chatMessages.conversationId, Number(conv.id)));
    expect(rows.map((r) => r.seq).sort()).toEqual([1, 2, 3]);

    const after1 = await app.inject({ method: 'GET', url: `/api/chat/conversations/${conv.id}/messages?after=1`, headers: b.headers });
    expect(after1.json().items.map((m: ChatMessage) => m.seq)).toEqual([2, 3]);
    const latest = await app.inject({ method: 'GET', url: `/api/chat/conversations/${conv.id}/messages?limit=2`, headers: b.headers });
    expect(latest.json()).toMatchObject({ hasMore: true, items: [{ seq: 2 }, { seq: 3 }] });

    // unread and read state
    const list = await app.inject({ method: 'GET', url: '/api/chat/conversations', headers: b.headers });
    const item = list.json().items.find((i: { id: string }) => i.id === conv.id);
    expect(item).toMatchObject({ kind: 'direct', title: expect.any(String), unread: 1, lastSeq: 3, lastMessage: { text: '第三条' } });
    const read = await app.inject({ method: 'POST', url: `/api/chat/conversations/${conv.id}/read`, headers: b.headers, payload: { seq: 99 } });
    expect(read.json()).toEqual({ seq: 3 });
    const view = await app.inject({ method: 'GET', url: `/api/chat/conversations/${conv.id}`, headers: a.headers });
    expect(view.json()).toMatchObject({ peerReadSeq: 3, title: '李乙乙' });

    // an outsider reads and writes nothing
    for (const res of [
      await app.inject({ method: 'GET', url: `/api/chat/conversations/${conv.id}/messages`, headers: c.headers }),
      await sendHttp(c, conv.id, { clientMsgId: cid(), kind: 'text', text: '插话' }),
    ])
      expect(res.json().code).toBe('CHAT_NOT_MEMBER');
  });

  it('sends at once share commits (group commit) and still number each conversation 1…n with no gap, once per clientMsgId', async () => {
    const d = await onboardedCadre(app, tree.otherCity.id);
    const ab = await openDirect(a, b);
    const ad = await openDirect(a, d);
    const [abBefore, adBefore] = await Promise.all(
      [ab, ad].map(
        async (conv) =>
          (
            await app.db
              .select()
              .from(chatMessages)
              .where(eq(chatMessages.conversationId, Number(conv.id)))
          ).length,
      ),
    );
    const { batches, fallbacks } = app.chatSends.stats;
    const twice = cid();
    const sends = [
      // (the batch's rows travel as one JSON document: quotes, backslashes, line breaks and emoji come through as sent)
      ...Array.from({ length: 12 }, (_, i) => ({
        who: i % 2 ? a : b,
        conv: ab.id,
        body: { clientMsgId: cid(), kind: 'text', text: i === 3 ? `批量${i} "引号" \\ 反斜杠\n换行 😀 '单引号'` : `批量${i}` },
      })),
      ...Array.from({ length: 6 }, (_, i) => ({ who: i % 2 ? a : d, conv: ad.id, body: { clientMsgId: cid(), kind: 'text', text: `另一组${i}` } })),
      // the same message three times in one batch, an outsider and an unknown conversation beside them
      ...[1, 2, 3].map(() => ({ who: a, conv: ab.id, body: { clientMsgId: twice, kind: 'text', text: '重发' } })),
      { who: c, conv: ab.id, body: { clientMsgId: cid(), kind: 'text', text: '插话' } },
      { who: a, conv: '999999998', body: { clientMsgId: cid(), kind: 'text', text: '无此会话' } },
    ];
    const res = await Promise.all(sends.map((s) => sendHttp(s.who, s.conv, s.body)));
    // fewer batches than sends: they shared transactions
    expect(app.chatSends.stats.batches - batches).toBeLessThan(sends.length);
    // written by the batch path itself: the one-by-one way is for a batch that failed
    expect(app.chatSends.stats.fallbacks).toBe(fallbacks);
    expect(res.slice(0, 21).map((r) => r.statusCode)).toEqual(Array(21).fill(200));
    expect(res[21].json().code).toBe('CHAT_NOT_MEMBER');
    expect(res[22].json().code).toBe('NOT_FOUND');
    expect(new Set(res.slice(18, 21).map((r) => r.json().id)).size).toBe(1);
    for (const [conv, before, added] of [
      [ab, abBefore, 13],
      [ad, adBefore, 6],
    ] as const) {
      const rows = await app.db
        .select()
        .from(chatMessages)
        .where(eq(chatMessages.conversationId, Number(conv.id)));
      expect(rows.map((r) => r.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: before + added }, (_, i) => i + 1));
      // each answer is the row stored (id, seq and text)
      for (const r of res.filter((_, i) => sends[i].conv === conv.id && res[i].statusCode === 200))
        expect(rows.find((row) => String(row.id) === r.json().id)).toMatchObject({ seq: r.json().seq, body: r.json().text });
    }
    // sending reads everything before it: a's cursor is at a's last message
    const view = await app.inject({ method: 'GET', url: `/api/chat/conversations/${ab.id}`, headers: a.headers });
    const mine = res.filter((r, i) => sends[i].who === a && sends[i].conv === ab.id && r.statusCode === 200).map((r) => r.json().seq as number);
    expect(view.json().readSeq).toBe(Math.max(...mine));
  });

  it('a batch numbers one sender’s messages in the order they were sent; client ids that differ only in case are one message', async () => {
    const conv = await openDirect(a, b);
    const now = clock.now();
    const texts = Array.from({ length: 12 }, (_, i) => `顺序${i}`);
    // queued in one go: one batch (or a few), written in call order
    const outcomes = await Promise.all(texts.map((text) => app.chatSends.send(a.userId, Number(conv.id), { clientMsgId: cid(), kind: 'text', text }, now)));
    const seqs = outcomes.map((o) => o.message.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(texts.length);
    expect(outcomes.map((o) => o.message.text)).toEqual(texts);

    // the unique key compares client ids without case: so does the batch (in one batch: a copy;
    // in the next: its check against the stored copies finds it) — never the one-by-one way
    const { fallbacks } = app.chatSends.stats;
    const id = `CaseId${randomUUID().slice(0, 8)}`;
    const [upper, lower] = await Promise.all([id, id.toLowerCase()].map((clientMsgId) => app.chatSends.send(a.userId, Number(conv.id), { clientMsgId, kind: 'text', text: '大小写' }, now)));
    expect(lower.message.id).toBe(upper.message.id);
    expect([upper.created, lower.created]).toEqual([true, false]);
    expect(app.chatSends.stats.fallbacks).toBe(fallbacks);
  });

  it('a resend after the peer left every roster answers its stored copy, as a single send does', async () => {
    // a sender of its own: the per-sender limit stays with the other tests' senders
    const [e, d] = [await onboardedCadre(app, tree.city.id), await onboardedCadre(app, tree.otherCity.id)];
    const conv = await openDirect(e, d);
    const body = { clientMsgId: cid(), kind: 'text', text: '离任前发的' };
    const first = await sendHttp(e, conv.id, body);
    expect(first.statusCode).toBe(200);
    await app.db.update(rosterEntries).set({ onboardedAt: null }).where(eq(rosterEntries.userId, d.userId));
    // the batch checks without the stored copies, so the peer check refuses first — then it looks again
    const again = await sendHttp(e, conv.id, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    // a new message to them is refused
    expect((await sendHttp(e, conv.id, { clientMsgId: cid(), kind: 'text', text: '新消息' })).json().code).toBe('CHAT_PEER_NOT_CADRE');
  });

  it('a batch over two conversations sets each one’s last message time from its own messages', async () => {
    const [x, y] = [await openDirect(b, a), await openDirect(b, c)];
    const early = new Date(clock.now().getTime() - 60_000);
    const late = clock.now();
    await Promise.all([
      app.chatSends.send(b.userId, Number(x.id), { clientMsgId: cid(), kind: 'text', text: '早' }, early),
      app.chatSends.send(b.userId, Number(y.id), { clientMsgId: cid(), kind: 'text', text: '晚' }, late),
      app.chatSends.send(b.userId, Number(x.id), { clientMsgId: cid(), kind: 'text', text: '也早' }, early),
    ]);
    const rows = await app.db
      .select()
      .from(chatConversations)
      .where(inArray(chatConversations.id, [Number(x.id), Number(y.id)]));
    expect(rows.find((r) => r.id === Number(x.id))?.lastMessageAt?.getTime()).toBe(early.getTime());
    expect(rows.find((r) => r.id === Number(y.id))?.lastMessageAt?.getTime()).toBe(late.getTime());
  });

  it('a resend racing in through another instance: the batch that loses is checked again and answers with the first copy', async () => {
    const other = await buildTestApp({ accessTokenTtlSeconds: 7 * 86400 }, { clock });
    const holder = await mysql.createConnection({ uri: process.env.TEST_DATABASE_URL! });
    try {
      const conv = await openDirect(a, b);
      const same = { clientMsgId: cid(), kind: 'text', text: '两个实例同时收到' };
      // both instances check the send (nothing stored yet), then wait on the conversation's row lock
      await holder.query('start transaction');
      await holder.query('select id from chat_conversations where id = ? for update', [Number(conv.id)]);
      // (inject starts a request when it is awaited: Promise.resolve starts both now)
      const viaOne = Promise.resolve(sendHttp(a, conv.id, same));
      const viaTwo = Promise.resolve(other.inject({ method: 'POST', url: `/api/chat/conversations/${conv.id}/messages`, headers: a.headers, payload: same }));
      for (let i = 0; ; i++) {
        if (i === 250) throw new Error('the two sends never waited on the lock');
        const [rows] = await holder.query<mysql.RowDataPacket[]>(
          "select count(*) as n from information_schema.processlist where info like 'insert into chat_conversations%' and db = database()",
        );
        if (Number(rows[0].n) >= 2) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const total = (k: 'fallbacks' | 'rechecks') => app.chatSends.stats[k] + other.chatSends.stats[k];
      const [fallbacks, rechecks] = [total('fallbacks'), total('rechecks')];
      await holder.query('rollback');
      const [one, two] = await Promise.all([viaOne, viaTwo]);
      expect([one.statusCode, two.statusCode]).toEqual([200, 200]);
      expect(two.json().id).toBe(one.json().id);
      // the loser's unique-key refusal rolled its batch back; checked again against the stored
      // messages, it answered the first copy — no one-by-one way
      expect(total('rechecks')).toBe(rechecks + 1);
      expect(total('fallbacks')).toBe(fallbacks);
      const rows = await app.db
        .select()
        .from(chatMessages)
        .where(eq(chatMessages.conversationId, Number(conv.id)));
      expect(rows.filter((r) => r.clientMsgId === same.clientMsgId)).toHaveLength(1);
      expect(rows.map((r) => r.seq).sort((x, y) => x - y)).toEqual(rows.map((_, i) => i + 1));
    } finally {
      await holder.end();
      await other.close();
    }
  });

  it('refuses bad messages with typed codes and changes nothing', async () => {
    const conv = await openDirect(a, c);
    const cases: [unknown, string][] = [
      [{ clientMsgId: cid(), kind: 'text', text: '   ' }, 'CHAT_TEXT_EMPTY'],
      [{ clientMsgId: cid(), kind: 'text', text: '字'.repeat(2001) }, 'CHAT_TEXT_TOO_LONG'],
      [{ clientMsgId: 'x', kind: 'text', text: '短id' }, 'CHAT_BAD_FRAME'],
      // half a surrogate pair cannot be stored as sent
      [{ clientMsgId: cid(), kind: 'text', text: 'a\ud800b' }, 'CHAT_BAD_FRAME'],
      [{ clientMsgId: cid(), kind: 'image' }, 'REQUIRED'],
      [{ clientMsgId: cid(), kind: 'image', fileId: '999999999' }, 'CHAT_IMAGE_INVALID'],
    ];
    for (const [body, code] of cases) {
      const res = await sendHttp(a, conv.id, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe(code);
    }
    expect(
      await app.db
        .select()
        .from(chatMessages)
        .where(eq(chatMessages.conversationId, Number(conv.id))),
    ).toHaveLength(0);
    const ok = await sendHttp(a, conv.id, { clientMsgId: cid(), kind: 'text', text: '字'.repeat(2000) });
    expect(ok.json().seq).toBe(1);
  });

  it('recalls one’s own message within 2 minutes of the app clock; the row stays', async () => {
    const conv = await openDirect(b, c);
    const m = (await sendHttp(b, conv.id, { clientMsgId: cid(), kind: 'text', text: '发错了' })).json<ChatMessage>();
    const notOwn = await app.inject({ method: 'POST', url: `/api/chat/messages/${m.id}/recall`, headers: c.headers });
    expect(notOwn.json().code).toBe('CHAT_RECALL_NOT_OWN');
    clock.advance(119_000);
    const ok = await app.inject({ method: 'POST', url: `/api/chat/messages/${m.id}/recall`, headers: b.headers });
    expect(ok.json()).toMatchObject({ recalled: true, text: null });
    const m2 = (await sendHttp(b, conv.id, { clientMsgId: cid(), kind: 'text', text: '第二条' })).json<ChatMessage>();
    clock.advance(121_000);
    const late = await app.inject({ method: 'POST', url: `/api/chat/messages/${m2.id}/recall`, headers: b.headers });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('CHAT_RECALL_EXPIRED');
    const [row] = await app.db
      .select()
      .from(chatMessages)
      .where(eq(chatMessages.id, Number(m.id)));
    expect(row).toMatchObject({ body: '发错了', recalledAt: expect.any(Date) });
  });

  it('groups follow the roster: a removed cadre loses the group and keeps one-to-one history', async () => {
    const d = await onboardedCadre(app, tree.branch.id);
    const list = await app.inject({ method: 'GET', url: '/api/chat/conversations', headers: d.headers });
    const group = list.json().items.find((i: { kind: string; orgId: string }) => i.kind === 'group' && i.orgId === String(tree.branch.id));
    expect(group).toMatchObject({ subtitle: '2 名团干部' });
    const sent = await sendHttp(b, group.id, { clientMsgId: cid(), kind: 'text', text: '支部群通知' });
    expect(sent.statusCode).toBe(200);
    expect((await sendHttp(a, group.id, { clientMsgId: cid(), kind: 'text', text: '不在群里' })).json().code).toBe('CHAT_NOT_MEMBER');

    // d chats with a, then is moved: another org's line stays, the branch line goes
    await onboardedCadre(app, tree.school.id).then(async (x) => {
      await app.db.update(rosterEntries).set({ userId: d.userId }).where(eq(rosterEntries.userId, x.userId));
    });
    const direct = await openDirect(d, a);
    await sendHttp(d, direct.id, { clientMsgId: cid(), kind: 'text', text: '私聊' });
    await app.db.delete(rosterEntries).where(and(eq(rosterEntries.orgId, tree.branch.id), eq(rosterEntries.userId, d.userId)));
    const lost = await app.inject({ method: 'GET', url: `/api/chat/conversations/${group.id}/messages`, headers: d.headers });
    expect(lost.json().code).toBe('CHAT_NOT_MEMBER');
    const kept = await app.inject({ method: 'GET', url: `/api/chat/conversations/${direct.id}/messages`, headers: d.headers });
    expect(kept.json().items.map((m: ChatMessage) => m.text)).toEqual(['私聊']);
  });

  it('an image goes through the upload path and is readable by the conversation’s members only', async () => {
    const conv = await openDirect(a, b);
    const up = fileUpload(PNG_1X1);
    const file = (await app.inject({ method: 'POST', url: '/api/uploads', headers: { ...a.headers, ...up.headers }, payload: up.payload })).json();
    // someone else's upload cannot be sent
    expect((await sendHttp(b, conv.id, { clientMsgId: cid(), kind: 'image', fileId: file.fileId })).json().code).toBe('CHAT_IMAGE_INVALID');
    expect((await app.inject({ method: 'GET', url: file.url, headers: b.headers })).statusCode).toBe(404);
    const m = (await sendHttp(a, conv.id, { clientMsgId: cid(), kind: 'image', fileId: file.fileId })).json<ChatMessage>();
    expect(m).toMatchObject({ kind: 'image', imageUrl: file.url, text: null });
    expect((await app.inject({ method: 'GET', url: file.url, headers: b.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: file.url, headers: c.headers })).statusCode).toBe(404);
  });

  describe('socket', () => {
    it('authenticates by the first frame; members, bad and expired tokens are closed with their codes', async () => {
      const member = await memberUser(app);
      const m = await connect(app);
      m.send({ type: 'auth', token: member.headers.authorization.slice(7) });
      expect(await m.closedWith()).toMatchObject({ code: ChatCloseCodes.NOT_CADRE });

      const bad = await connect(app);
      bad.send({ type: 'auth', token: 'not-a-token' });
      expect(await bad.closedWith()).toMatchObject({ code: ChatCloseCodes.UNAUTHORIZED });

      const noAuth = await connect(app);
      noAuth.send({ type: 'ping' });
      expect(await noAuth.closedWith()).toMatchObject({ code: ChatCloseCodes.UNAUTHORIZED });

      const short = app.signAccessToken({ sub: String(a.userId) });
      const at = clock.now();
      clock.advance(8 * 86400 * 1000);
      const expired = await connect(app);
      expired.send({ type: 'auth', token: short });
      expect(await expired.closedWith()).toMatchObject({ code: ChatCloseCodes.TOKEN_EXPIRED, reason: 'TOKEN_EXPIRED' });
      clock.set(at);
    });

    it('delivers live, acknowledges the sender, dedupes resends and answers bad frames with typed errors', async () => {
      // tokens on the current app clock (the previous test moved it)
      const ta = app.signAccessToken({ sub: String(a.userId) });
      const tb = app.signAccessToken({ sub: String(b.userId) });
      const conv = await openDirect(a, b);
      const sa = await connect(app, ta);
      const sb = await connect(app, tb);
      const id = cid();
      sa.send({ type: 'send', conversationId: conv.id, message: { clientMsgId: id, kind: 'text', text: '实时消息' } });
      const ack = await sa.next((f) => f.type === 'ack');
      const got = await sb.next((f) => f.type === 'message');
      expect(got).toMatchObject({ type: 'message', message: { text: '实时消息', clientMsgId: id } });
      expect(ack).toMatchObject({ clientMsgId: id, message: { id: (got as { message: ChatMessage }).message.id } });
      // the same send again: acknowledged with the first copy, nothing pushed, nothing stored
      sa.send({ type: 'send', conversationId: conv.id, message: { clientMsgId: id, kind: 'text', text: '实时消息' } });
      const ack2 = await sa.next((f) => f.type === 'ack');
      expect((ack2 as { message: ChatMessage }).message.seq).toBe((got as { message: ChatMessage }).message.seq);

      const before = (await app.db.select().from(chatMessages)).length;
      sa.send('not json');
      expect(await sa.next((f) => f.type === 'error')).toMatchObject({ code: 'CHAT_BAD_FRAME', message: '消息格式有误' });
      sa.send({ type: 'send', conversationId: conv.id, message: { clientMsgId: 'abcdefgh1', kind: 'text', text: '' } });
      expect(await sa.next((f) => f.type === 'error')).toMatchObject({ code: 'CHAT_TEXT_EMPTY', ref: 'abcdefgh1' });
      sa.send({ type: 'nope' });
      expect(await sa.next((f) => f.type === 'error')).toMatchObject({ code: 'CHAT_BAD_FRAME' });
      sa.send({ type: 'send', conversationId: '999999999', message: { clientMsgId: cid(), kind: 'text', text: '无此会话' } });
      expect(await sa.next((f) => f.type === 'error')).toMatchObject({ code: 'NOT_FOUND' });
      expect((await app.db.select().from(chatMessages)).length).toBe(before);

      // read state reaches the sender; recall reaches the reader
      sb.send({ type: 'read', conversationId: conv.id, seq: (got as { message: ChatMessage }).message.seq });
      expect(await sa.next((f) => f.type === 'read')).toMatchObject({ userId: String(b.userId) });
      sa.send({ type: 'recall', messageId: (got as { message: ChatMessage }).message.id });
      expect(await sb.next((f) => f.type === 'recalled')).toMatchObject({ message: { recalled: true, text: null } });
      sa.send({ type: 'ping' });
      expect(await sa.next((f) => f.type === 'pong')).toEqual({ type: 'pong' });
      sa.ws.close();
      sb.ws.close();
    });

    it('rate-limits each sender', async () => {
      // the file's manual clock: the sends cannot straddle two windows
      const limited = await buildTestApp({ accessTokenTtlSeconds: 7 * 86400, chatSendPerMinute: 3 }, { clock });
      try {
        await limited.listen({ port: 0, host: '127.0.0.1' });
        const conv = (await limited.inject({ method: 'POST', url: '/api/chat/conversations/direct', headers: a.headers, payload: { userId: String(b.userId) } })).json();
        const s = await connect(limited, limited.signAccessToken({ sub: String(a.userId) }));
        for (let i = 0; i < 3; i++) {
          s.send({ type: 'send', conversationId: conv.id, message: { clientMsgId: cid(), kind: 'text', text: `第${i}条` } });
          await s.next((f) => f.type === 'ack');
        }
        const over = cid();
        s.send({ type: 'send', conversationId: conv.id, message: { clientMsgId: over, kind: 'text', text: '太快了' } });
        expect(await s.next((f) => f.type === 'error')).toMatchObject({ code: 'CHAT_RATE_LIMITED', ref: over });
        const http = await limited.inject({
          method: 'POST',
          url: `/api/chat/conversations/${conv.id}/messages`,
          headers: a.headers,
          payload: { clientMsgId: cid(), kind: 'text', text: '太快了' },
        });
        expect(http.statusCode).toBe(429);
        expect(await limited.db.select().from(chatMessages).where(eq(chatMessages.clientMsgId, over))).toHaveLength(0);
        s.ws.close();
      } finally {
        await limited.close();
      }
    });

    it('two instances through Redis: a message sent on A reaches a socket on B; the per-sender limit counts both', async () => {
      const one = await buildTestApp({ accessTokenTtlSeconds: 7 * 86400, redisUrl: REDIS_URL, chatSendPerMinute: 3 }, { clock });
      const two = await buildTestApp({ accessTokenTtlSeconds: 7 * 86400, redisUrl: REDIS_URL, chatSendPerMinute: 3 }, { clock });
      try {
        expect(one.shared.kind).toBe('redis');
        await one.listen({ port: 0, host: '127.0.0.1' });
        await two.listen({ port: 0, host: '127.0.0.1' });
        const conv = (await one.inject({ method: 'POST', url: '/api/chat/conversations/direct', headers: a.headers, payload: { userId: String(c.userId) } })).json();
        const onTwo = await connect(two, two.signAccessToken({ sub: String(c.userId) }));
        const onOne = await connect(one, one.signAccessToken({ sub: String(a.userId) }));
        // the subscription is in place once the sockets are ready; give Redis a moment anyway
        await new Promise((r) => setTimeout(r, 100));
        onOne.send({ type: 'send', conversationId: conv.id, message: { clientMsgId: cid(), kind: 'text', text: '跨实例' } });
        expect(await onTwo.next((f) => f.type === 'message')).toMatchObject({ message: { text: '跨实例', senderId: String(a.userId) } });
        const viaHttp = await one.inject({
          method: 'POST',
          url: `/api/chat/conversations/${conv.id}/messages`,
          headers: a.headers,
          payload: { clientMsgId: cid(), kind: 'text', text: '经HTTP' },
        });
        expect(viaHttp.statusCode).toBe(200);
        expect(await onTwo.next((f) => f.type === 'message')).toMatchObject({ message: { text: '经HTTP' } });
        // a's third message goes through B; the fourth, on either instance, is over the shared limit
        const viaTwo = (text: string) =>
          two.inject({ method: 'POST', url: `/api/chat/conversations/${conv.id}/messages`, headers: a.headers, payload: { clientMsgId: cid(), kind: 'text', text } });
        expect((await viaTwo('第三条')).statusCode).toBe(200);
        expect((await viaTwo('第四条')).json().code).toBe('CHAT_RATE_LIMITED');
        onTwo.ws.close();
        onOne.ws.close();
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    });
  });
});
