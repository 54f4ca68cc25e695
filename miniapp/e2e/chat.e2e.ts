import type { Browser, Page } from 'playwright-core';
import { api } from './api';
import { baseUrl, launch, phonePage } from './browser';
import { byId, expectText, fill, stepShooter, tap } from './page';

/**
 * Issue 18 / §6.6 团干会话 with two browser contexts on the demo seed: cadre A (林晓东, 团广州市委)
 * finds cadre B (黄文静, 中山大学团委) in 通讯录 and writes; B sees it live, first in the list,
 * then in the open conversation. B's network goes away; A sends two more; B comes back and
 * sees exactly those two, once each. A writes offline and closes the app; reopened online, the
 * message goes out once. A plain member (周子涵) has no chat.
 */
const A = { phone: '13800000011', password: 'demo1234' };
const B = { phone: '13800000012', password: 'demo1234' };
const MEMBER = { phone: '13800000003', password: 'demo1234' };

let browser: Browser;
let aId: string;
let bId: string;

beforeAll(async () => {
  browser = await launch();
  aId = (await api<{ user: { id: string } }>('/auth/login', { method: 'POST', body: A })).user.id;
  bId = (await api<{ user: { id: string } }>('/auth/login', { method: 'POST', body: B })).user.id;
});
afterAll(() => browser?.close());

async function login(page: Page, who: { phone: string; password: string }) {
  await page.goto(`${baseUrl()}/pages/login/index`);
  await byId(page, 'login-submit').waitFor({ timeout: 15000 });
  await fill(page, 'login-phone', who.phone);
  await fill(page, 'login-password', who.password);
  await tap(page, 'login-submit');
  await page.waitForURL((url) => !url.pathname.includes('/pages/login/'), { timeout: 15000 });
}

/** The texts of the message bubbles on screen, in order. */
const bubbles = (page: Page) => page.$$eval('[data-testid="chat-msg-body"]', (els) => els.filter((e) => e.getClientRects().length > 0).map((e) => (e.textContent ?? '').trim()));

async function send(page: Page, text: string) {
  await fill(page, 'chat-input', text);
  await tap(page, 'chat-send');
}

it('A finds B in 通讯录 and writes; B sees it live; offline B gets exactly the missed two on return', async () => {
  const pageA = await phonePage(browser);
  const pageB = await phonePage(browser);
  const shootA = stepShooter(pageA, 'chat');
  const shootB = stepShooter(pageB, 'chat-b');
  await login(pageA, A);
  await login(pageB, B);

  // B waits on the conversation list (the socket is up once the list shows)
  await pageB.goto(`${baseUrl()}/cadre/pages/chat/index`);
  await byId(pageB, 'chat-list').waitFor({ timeout: 15000 });

  // A: 工作台 → 团干会话 → 通讯录 → search B by name → B's card opens the conversation
  await pageA.goto(`${baseUrl()}/cadre/pages/chat/index`);
  await tap(pageA, 'chat-open-directory');
  await byId(pageA, 'chat-directory').waitFor();
  await shootA('directory-browse');
  await fill(pageA, 'chat-directory-search', '黄文静');
  await byId(pageA, `chat-contact-${bId}`).waitFor({ timeout: 15000 });
  await shootA('directory-search');
  await tap(pageA, `chat-contact-${bId}`);
  await byId(pageA, 'chat-conversation').waitFor();
  await send(pageA, '黄书记您好，关于下周的团干培训，请确认参会人数。');
  await expectText(pageA, 'chat-messages', '请确认参会人数');
  await byId(pageA, 'chat-msg-sent').waitFor({ timeout: 15000 });

  // B: the conversation appears in the list live, with its unread count
  await expectText(pageB, `chat-conv-user-${aId}`, '请确认参会人数');
  await expectText(pageB, 'chat-conv-unread', '1');
  await shootB('list-live');
  await tap(pageB, `chat-conv-user-${aId}`);
  await expectText(pageB, 'chat-messages', '请确认参会人数');
  await send(pageB, '收到，我们学院预计20人参加。');
  // A sees the answer live, and its own message read
  await expectText(pageA, 'chat-messages', '预计20人');
  await byId(pageA, 'chat-msg-read').waitFor({ timeout: 15000 });

  // B loses the network; A sends two more
  await pageB.context().setOffline(true);
  await byId(pageB, 'chat-offline').waitFor({ timeout: 15000 });
  await send(pageA, '好的，材料稍后发给您。');
  await send(pageA, '培训时间：周三下午两点。');
  await expectText(pageA, 'chat-messages', '周三下午两点');
  await pageA.waitForFunction(() => document.querySelectorAll('[data-testid="chat-msg-pending"]').length === 0, undefined, { timeout: 15000 });
  await pageB.waitForTimeout(1500);
  expect((await bubbles(pageB)).some((t) => t.includes('周三下午两点'))).toBe(false);
  await shootB('offline');

  // back online: the socket reconnects and the cursor fetches exactly the two missed messages
  await pageB.context().setOffline(false);
  await expectText(pageB, 'chat-messages', '周三下午两点', { timeout: 30000 });
  await pageB.waitForTimeout(1000);
  const seen = await bubbles(pageB);
  expect(seen.filter((t) => t.includes('材料稍后发给您'))).toHaveLength(1);
  expect(seen.filter((t) => t.includes('周三下午两点'))).toHaveLength(1);
  expect(seen).toHaveLength(4);
  await shootB('conversation-after-reconnect');
  await shootA('conversation');

  // A's list: sorted by last message, this conversation first
  await pageA.goto(`${baseUrl()}/cadre/pages/chat/index`);
  await expectText(pageA, `chat-conv-user-${bId}`, '周三下午两点');
  await shootA('list');

  // A writes while offline and closes the app before the network is back: the message waits in
  // the device's outbox and goes out, once, when A opens the app again online
  await tap(pageA, `chat-conv-user-${bId}`);
  await byId(pageA, 'chat-conversation').waitFor();
  await pageA.context().setOffline(true);
  await byId(pageA, 'chat-offline').waitFor({ timeout: 15000 });
  await send(pageA, '离线时写的：请把名单发我。');
  await byId(pageA, 'chat-msg-pending').waitFor({ timeout: 15000 });
  const contextA = pageA.context();
  await pageA.close();
  await contextA.setOffline(false);
  const againA = await contextA.newPage();
  await againA.goto(`${baseUrl()}/cadre/pages/chat/index`);
  await tap(againA, `chat-conv-user-${bId}`);
  await expectText(againA, 'chat-messages', '请把名单发我');
  await byId(againA, 'chat-msg-pending').waitFor({ state: 'detached', timeout: 30000 });
  await expectText(pageB, 'chat-messages', '请把名单发我', { timeout: 30000 });
  await pageB.waitForTimeout(1000);
  expect((await bubbles(pageB)).filter((t) => t.includes('请把名单发我'))).toHaveLength(1);
  expect((await bubbles(againA)).filter((t) => t.includes('请把名单发我'))).toHaveLength(1);
  await contextA.close();
  await pageB.context().close();
});

it('a plain member has no chat', async () => {
  const page = await phonePage(browser);
  await login(page, MEMBER);
  await page.goto(`${baseUrl()}/cadre/pages/chat/index`);
  await byId(page, 'chat-not-cadre').waitFor({ timeout: 15000 });
  await expectText(page, 'chat-not-cadre', '只有已入驻的团干部可以使用团干会话');
  const token = (await api<{ accessToken: string }>('/auth/login', { method: 'POST', body: MEMBER })).accessToken;
  await expect(api('/chat/conversations', { token })).rejects.toThrow();
  await page.context().close();
});
