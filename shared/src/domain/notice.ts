import type { OrgType } from '../enums';
import { fail, OK, type Check } from './check';
import { isCommittee } from './org-type';

/**
 * 工作通知 and the inbox (站内信) [004 §一 2; 001 操作中心] (issue 17 part 3).
 *
 * A committee publishes a notice to targets — org subtrees inside its own subtree — for an
 * audience (everyone, or cadres only). Nothing is fanned out per recipient: an account's
 * inbox is the notices whose targets are ancestors-or-self of its orgs (materialized paths),
 * and reading one writes one row. Personal messages (the product's own: check-in reviewed,
 * real-name result, transfer steps …) are one row per recipient, written with their event.
 */

export const NOTICE_TITLE_MAX_CHARS = 60;
export const NOTICE_BODY_MAX_CHARS = 5000;
/** At most this many chosen sub-orgs (a whole subtree is one target). */
export const NOTICE_MAX_TARGETS = 200;
export const NOTICE_MAX_ATTACHMENTS = 9;
/** One attachment (PDF or image) weighs at most 10 MB. */
export const NOTICE_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const NOTICE_ATTACHMENT_NAME_MAX_CHARS = 60;
export const NOTICE_ATTACHMENT_MIMES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type NoticeAttachmentMime = (typeof NOTICE_ATTACHMENT_MIMES)[number];

/** Who a notice is for: everyone in the targets (members and cadres), or their cadres only. */
export const NoticeAudiences = {
  everyone: '全体团员和团干部',
  cadres: '仅团干部',
} as const;
export type NoticeAudience = keyof typeof NoticeAudiences;

/** Whole subtree of the publisher, or chosen sub-orgs (each with its own subtree). */
export const NoticeScopes = {
  subtree: '本组织及全部下级组织',
  chosen: '选定的下级组织',
} as const;
export type NoticeScope = keyof typeof NoticeScopes;

/** [004 §一 2] only committees (团的领导机关, 基层团委, 团工委) publish notices. */
export const canPublishNotices = (type: OrgType): boolean => isCommittee(type);
export const checkCanPublishNotices = (type: OrgType): Check => (canPublishNotices(type) ? OK : fail('NOTICE_PUBLISHER_NOT_COMMITTEE'));

/** An org as the rules see it: its materialized path ('/1/23/'). */
export interface PathRef {
  id: number;
  path: string;
}

const within = (path: string, ancestorPath: string) => path.startsWith(ancestorPath);

/**
 * The targets of a notice: every chosen org must be inside the publisher's subtree; a target
 * inside another target adds nothing and is dropped (so a reader is counted once); `subtree`
 * is the publisher itself. Returns the kept targets or the refusal.
 */
export function noticeTargets(
  publisher: PathRef,
  scope: NoticeScope,
  chosen: readonly PathRef[],
): { ok: true; targets: PathRef[] } | { ok: false; code: 'NOTICE_TARGETS_REQUIRED' | 'NOTICE_TARGET_OUTSIDE' } {
  if (scope === 'subtree') return { ok: true, targets: [publisher] };
  if (chosen.length === 0) return { ok: false, code: 'NOTICE_TARGETS_REQUIRED' };
  if (chosen.some((t) => !within(t.path, publisher.path))) return { ok: false, code: 'NOTICE_TARGET_OUTSIDE' };
  const unique = [...new Map(chosen.map((t) => [t.id, t])).values()];
  const kept = unique.filter((t) => !unique.some((o) => o.id !== t.id && within(t.path, o.path)));
  return { ok: true, targets: kept.sort((a, b) => a.id - b.id) };
}

/** Where an account stands: the paths of the branch it is an approved member of, and of the orgs it is an onboarded cadre in. */
export interface RecipientOrgs {
  memberPaths: readonly string[];
  cadrePaths: readonly string[];
}

/**
 * Whether a notice reaches an account, and through which of its orgs (the path its read is
 * counted under — its branch first, else its first cadre org). A cadres-only notice never
 * reaches someone who is only a member there; a sibling subtree is never reached.
 */
export function noticeReachPath(targets: readonly { path: string }[], audience: NoticeAudience, who: RecipientOrgs): string | null {
  const hit = (p: string) => targets.some((t) => within(p, t.path));
  if (audience === 'everyone') {
    const m = who.memberPaths.find(hit);
    if (m) return m;
  }
  return who.cadrePaths.find(hit) ?? null;
}

/** The ids on a path, root first, the org itself last: what a target must be one of to reach it. */
export const pathIds = (path: string): number[] => path.split('/').filter(Boolean).map(Number);

/** §7.1-like judgement of an attachment by its content: PDF or one of the three image types. */
export function checkNoticeAttachment(mime: string | null, size: number): Check {
  if (!mime || !(NOTICE_ATTACHMENT_MIMES as readonly string[]).includes(mime)) return fail('NOTICE_ATTACHMENT_TYPE');
  if (size <= 0 || size > NOTICE_ATTACHMENT_MAX_BYTES) return fail('NOTICE_ATTACHMENT_TOO_LARGE');
  return OK;
}

/**
 * The product's own messages (站内信), by kind: a label for the list and who they are for.
 * Extensible: a module adds its kinds here (e.g. 对标定级 decisions) and posts them with
 * `postMessage` (server/src/modules/inbox/messages.ts) in the transaction of its event.
 */
export const MessageKinds = {
  'checkin.approved': '报到审核通过',
  'checkin.returned': '报到被退回',
  'checkin.editApproved': '资料修改审核通过',
  'checkin.editReturned': '资料修改被退回',
  'realName.passed': '实名核验通过',
  'realName.failed': '实名核验未通过',
  'transfer.step': '组织关系转接进度',
  'transfer.completed': '组织关系转接成功',
  'transfer.returned': '组织关系转接被退回',
  'transfer.withdrawn': '组织关系转接已撤销',
  'transfer.waiting': '转接待审批',
  'transfer.deadline': '转接即将超时',
  'archive.waiting': '电子档案待审批',
  'archive.certified': '电子档案已认证',
  'archive.rejected': '电子档案未通过',
  'adminChange.requested': '管理员变更待审批',
  'adminChange.approved': '管理员变更已同意',
  'adminChange.rejected': '管理员变更未同意',
  'rating.selfRated': '对标定级自评待复核',
  'rating.reviewed': '对标定级复核结果',
} as const satisfies Record<string, string>;
export type MessageKind = keyof typeof MessageKinds;
export const messageKindLabel = (kind: string): string => (Object.prototype.hasOwnProperty.call(MessageKinds, kind) ? MessageKinds[kind as MessageKind] : '系统消息');

export const MESSAGE_TITLE_MAX_CHARS = 60;
export const MESSAGE_BODY_MAX_CHARS = 500;

/** A mini-program page a message opens: '/member/pages/home/index' and the like (never a URL). */
export const isMessageRoute = (route: string): boolean => /^(\/[a-z]+)?\/pages\/[a-z-]+\/index$/.test(route);

/**
 * The mini-program pages messages open (the same paths as miniapp/src/routes.ts — a jsdom test
 * there checks every one is a registered page). Params travel as the page's query.
 */
export const MessagePages = {
  status: '/pages/status/index',
  memberHome: '/member/pages/home/index',
  memberArchive: '/member/pages/archive/index',
  memberTransferProgress: '/member/pages/transfer-progress/index',
  cadreTransfer: '/cadre/pages/transfer/index',
  cadreReviews: '/cadre/pages/reviews/index',
  adminRoster: '/admin/pages/roster/index',
  adminArchives: '/admin/pages/archives/index',
  adminArchiveApprovals: '/admin/pages/archive-approvals/index',
  adminRating: '/admin/pages/rating/index',
  adminRatingReview: '/admin/pages/rating-review/index',
  /** the notice detail inside the inbox sub-package */
  inboxNotice: '/inbox/pages/notice/index',
} as const;
