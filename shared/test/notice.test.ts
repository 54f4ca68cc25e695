import {
  MessageKinds,
  NOTICE_ATTACHMENT_MAX_BYTES,
  NoticeCreateSchema,
  canPublishNotices,
  checkNoticeAttachment,
  isMessageRoute,
  messageKindLabel,
  noticeReachPath,
  noticeTargets,
  pathIds,
} from '../src';

/** 工作通知 and the inbox (issue 17 part 3) [004 §一 2]: targeting, audience, attachments. */
describe('notices', () => {
  const province = { id: 1, path: '/1/' };
  const city = { id: 2, path: '/1/2/' };
  const otherCity = { id: 3, path: '/1/3/' };
  const school = { id: 4, path: '/1/2/4/' };
  const branch = { id: 5, path: '/1/2/4/5/' };

  it('only committees publish [004 §一 2]', () => {
    expect(canPublishNotices('leadingOrgan')).toBe(true);
    expect(canPublishNotices('grassrootsCommittee')).toBe(true);
    expect(canPublishNotices('workingCommittee')).toBe(true);
    expect(canPublishNotices('generalBranch')).toBe(false);
    expect(canPublishNotices('branch')).toBe(false);
  });

  it('targets: the whole subtree is the publisher; chosen sub-orgs stay inside it, nested ones are dropped', () => {
    expect(noticeTargets(city, 'subtree', [])).toEqual({ ok: true, targets: [city] });
    expect(noticeTargets(city, 'chosen', [])).toEqual({ ok: false, code: 'NOTICE_TARGETS_REQUIRED' });
    expect(noticeTargets(city, 'chosen', [otherCity])).toEqual({ ok: false, code: 'NOTICE_TARGET_OUTSIDE' });
    expect(noticeTargets(city, 'chosen', [province])).toEqual({ ok: false, code: 'NOTICE_TARGET_OUTSIDE' });
    expect(noticeTargets(city, 'chosen', [branch, school, school])).toEqual({ ok: true, targets: [school] });
    expect(noticeTargets(province, 'chosen', [otherCity, branch])).toEqual({ ok: true, targets: [otherCity, branch] });
  });

  it('reach: members and cadres below a target; cadres-only skips plain members; a sibling subtree never', () => {
    const member = { memberPaths: [branch.path], cadrePaths: [] };
    const cadre = { memberPaths: [], cadrePaths: [school.path] };
    const both = { memberPaths: [branch.path], cadrePaths: [school.path] };
    expect(noticeReachPath([city], 'everyone', member)).toBe(branch.path);
    expect(noticeReachPath([city], 'cadres', member)).toBeNull();
    expect(noticeReachPath([city], 'cadres', cadre)).toBe(school.path);
    expect(noticeReachPath([city], 'everyone', both)).toBe(branch.path);
    expect(noticeReachPath([otherCity], 'everyone', both)).toBeNull();
    // a cadre above the target is not a recipient
    expect(noticeReachPath([branch], 'everyone', { memberPaths: [], cadrePaths: [city.path] })).toBeNull();
    // '/1/2/' must not match '/1/22/'
    expect(noticeReachPath([city], 'everyone', { memberPaths: ['/1/22/'], cadrePaths: [] })).toBeNull();
    expect(pathIds(branch.path)).toEqual([1, 2, 4, 5]);
  });

  it('attachments: PDF or image by content, at most 10 MB', () => {
    expect(checkNoticeAttachment('application/pdf', 1000).ok).toBe(true);
    expect(checkNoticeAttachment('image/png', NOTICE_ATTACHMENT_MAX_BYTES).ok).toBe(true);
    expect(checkNoticeAttachment('image/png', NOTICE_ATTACHMENT_MAX_BYTES + 1)).toEqual({ ok: false, code: 'NOTICE_ATTACHMENT_TOO_LARGE' });
    expect(checkNoticeAttachment(null, 10)).toEqual({ ok: false, code: 'NOTICE_ATTACHMENT_TYPE' });
    expect(checkNoticeAttachment('text/html', 10)).toEqual({ ok: false, code: 'NOTICE_ATTACHMENT_TYPE' });
  });

  it('the publish form: title and text required, at most 9 attachments, audience and scope from the lists', () => {
    const ok = NoticeCreateSchema.safeParse({ title: ' 关于开展团日活动的通知 ', body: '各级团组织：…', audience: 'everyone', scope: 'subtree' });
    expect(ok.success && ok.data).toMatchObject({ title: '关于开展团日活动的通知', targetOrgIds: [], attachments: [] });
    const bad = NoticeCreateSchema.safeParse({ title: '', body: '', audience: 'all', scope: 'x', attachments: Array.from({ length: 10 }, () => ({ fileId: '1', name: 'a.pdf' })) });
    expect(bad.success).toBe(false);
    const codes = bad.success ? [] : bad.error.issues.map((i) => i.message);
    expect(codes).toEqual(expect.arrayContaining(['NOTICE_TITLE_REQUIRED', 'NOTICE_BODY_REQUIRED', 'OPTION_INVALID', 'NOTICE_TOO_MANY_ATTACHMENTS']));
  });

  it('message kinds are labelled; an unknown kind (a later module) still shows; routes are mini-program pages only', () => {
    expect(messageKindLabel('checkin.returned')).toBe(MessageKinds['checkin.returned']);
    expect(messageKindLabel('later.module')).toBe('系统消息');
    expect(isMessageRoute('/member/pages/home/index')).toBe(true);
    expect(isMessageRoute('/pages/status/index')).toBe(true);
    expect(isMessageRoute('https://evil.example/')).toBe(false);
    expect(isMessageRoute('/member/pages/../x/index')).toBe(false);
  });
});
