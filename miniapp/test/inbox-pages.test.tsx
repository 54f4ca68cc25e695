import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorMessages, MessagePages } from '@tj/shared';
import InboxPage from '../src/inbox/pages/index';
import NoticePublishPage from '../src/admin/pages/notice-publish';
import { Routes } from '../src/routes';
import { logInAdmin, province, request, serve, typeInto, withParams } from './admin-fixtures';

/** 工作通知 and 消息中心 (issue 17 part 3). */
const posted = (path: string) => request.mock.calls.filter(([o]) => o.method === 'POST' && String(o.url).replace(/\?.*$/, '').endsWith(path));

beforeEach(() => logInAdmin());

it('every page a message opens is a registered route', () => {
  const routes = new Set<string>(Object.values(Routes));
  for (const page of Object.values(MessagePages)) expect(routes).toContain(page);
});

it('the inbox marks unread notices; a message opens its page and is marked read', async () => {
  withParams({ tab: 'messages' });
  serve(
    ['GET', '/inbox/unread', { data: { notices: 1, messages: 1, total: 2 } }],
    [
      'GET',
      '/inbox/messages',
      {
        data: {
          items: [
            {
              id: '5',
              kind: 'checkin.returned',
              kindLabel: '报到被退回',
              title: '您的报到被退回',
              body: '退回原因：照片不清晰。',
              route: '/pages/status/index',
              params: {},
              createdAt: '2026-05-20T02:00:00.000Z',
              read: false,
            },
          ],
          nextBefore: null,
        },
      },
    ],
    ['POST', '/inbox/messages/5/read', { data: { ok: true, unread: { notices: 1, messages: 0, total: 1 } } }],
  );
  render(<InboxPage />);
  fireEvent.click(await screen.findByTestId('inbox-message-5'));
  await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/status/index' }));
  expect(posted('/inbox/messages/5/read')).toHaveLength(1);
});

it('the notices tab shows the unread dot', async () => {
  withParams({});
  serve(
    ['GET', '/inbox/unread', { data: { notices: 1, messages: 0, total: 1 } }],
    [
      'GET',
      '/inbox/notices',
      { data: { items: [{ id: '7', title: '关于团日活动的通知', orgName: '团广东省委', publishedAt: '2026-05-20T02:00:00.000Z', read: false, attachmentCount: 1 }], nextBefore: null } },
    ],
  );
  render(<InboxPage />);
  await screen.findByTestId('inbox-notice-7-unread');
  fireEvent.click(screen.getByTestId('inbox-notice-7'));
  await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${Routes.inboxNotice}?id=7` }));
});

it('publish: the shared rules refuse an empty title before anything is sent; a valid notice is sent to the whole subtree', async () => {
  withParams({ orgId: '1' });
  const sent: unknown[] = [];
  serve(
    ['GET', '/orgs/1', { data: province }],
    ['GET', '/orgs/1/children', { data: { items: [] } }],
    [
      'POST',
      '/orgs/1/notices',
      (body: unknown) => {
        sent.push(body);
        return {
          status: 201,
          data: {
            id: '9',
            title: '通知',
            orgId: '1',
            orgName: '团广东省委',
            audience: 'everyone',
            audienceLabel: '全体团员和团干部',
            targets: [],
            attachmentCount: 0,
            publishedAt: '2026-05-20T02:00:00.000Z',
            readCount: 0,
          },
        };
      },
    ],
  );
  render(<NoticePublishPage />);
  fireEvent.click(await screen.findByTestId('notice-submit'));
  await screen.findByText(ErrorMessages.NOTICE_TITLE_REQUIRED);
  expect(sent).toHaveLength(0);
  typeInto(fireEvent, screen.getByTestId('notice-title').querySelector('input') ?? screen.getByTestId('notice-title'), '关于团日活动的通知');
  typeInto(fireEvent, screen.getByTestId('notice-body').querySelector('textarea') ?? screen.getByTestId('notice-body'), '请按时开展。');
  fireEvent.click(screen.getByTestId('notice-submit'));
  await waitFor(() => expect(sent).toHaveLength(1));
  expect(sent[0]).toMatchObject({ title: '关于团日活动的通知', body: '请按时开展。', audience: 'everyone', scope: 'subtree', targetOrgIds: [], attachments: [] });
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${Routes.adminNotices}?orgId=1` }));
});
