/** Page paths, as `Taro.navigateTo` / `redirectTo` expect them (leading slash). */
export const Routes = {
  entry: '/pages/entry/index',
  login: '/pages/login/index',
  status: '/pages/status/index',
  notFound: '/pages/not-found/index',
  memberHome: '/member/pages/home/index',
  // member sub-package: check-in (§4) before and after approval
  memberJoin: '/member/pages/join/index',
  memberOrgSearch: '/member/pages/org-search/index',
  memberRegister: '/member/pages/register/index',
  memberCheckin: '/member/pages/checkin/index',
  memberConfirm: '/member/pages/confirm/index',
  memberProfile: '/member/pages/profile/index',
  cadreHome: '/cadre/pages/home/index',
  // cadre sub-package: 资料审核 of the current org (?orgId=)
  cadreReviews: '/cadre/pages/reviews/index',
  cadreReview: '/cadre/pages/review/index',
  cadreOffline: '/cadre/pages/offline/index',
  // cadre onboarding (§6): invitation link (?token=) / cadre QR (?scene=) / an org to finish (?orgId=)
  cadreEntry: '/cadre/pages/entry/index',
  cadreOrgs: '/cadre/pages/orgs/index',
  cadreMembers: '/cadre/pages/members/index',
  cadreMember: '/cadre/pages/member/index',
  cadreCadres: '/cadre/pages/cadres/index',
  cadreOrgInfo: '/cadre/pages/org/index',
  // admin sub-package: every page but register takes ?orgId= (the org it is about)
  adminHome: '/admin/pages/home/index',
  adminOrgForm: '/admin/pages/org-form/index',
  adminImport: '/admin/pages/import/index',
  adminCodes: '/admin/pages/codes/index',
  adminRoster: '/admin/pages/roster/index',
  adminRosterForm: '/admin/pages/roster-form/index',
  adminQr: '/admin/pages/qr/index',
  adminProgress: '/admin/pages/progress/index',
  // stats sub-package (the chart library lives only there): 统计 of ?orgId=
  stats: '/stats/pages/stats/index',
  adminAudit: '/admin/pages/audit/index',
  adminRegister: '/admin/pages/register/index',
  // §7 组织关系转接 — member side
  memberTransferApply: '/member/pages/transfer-apply/index',
  memberTransferProgress: '/member/pages/transfer-progress/index',
  memberTransferHistory: '/member/pages/transfer-history/index',
  // §7 org side (?orgId=): inbox, one transfer (?transferId= or ?appealId=), 办理转入 / 转出,
  // 批量接转, 逾期 escalation, 操作中心
  cadreTransfers: '/cadre/pages/transfers/index',
  cadreTransfer: '/cadre/pages/transfer/index',
  cadreTransferIn: '/cadre/pages/transfer-in/index',
  cadreTransferOut: '/cadre/pages/transfer-out/index',
  cadreBatchTransfer: '/cadre/pages/batch-transfer/index',
  cadreOverdue: '/cadre/pages/overdue/index',
  cadreTasks: '/cadre/pages/tasks/index',
  // account sub-package (everyone, also logged out): 忘记密码 by SMS, by an admin's reset code;
  // 账号设置 (修改密码) once logged in
  accountForgot: '/account/pages/forgot/index',
  accountResetCode: '/account/pages/reset-code/index',
  accountSettings: '/account/pages/settings/index',
  // §10 an admin issues 密码重置码 for people of its subtree (?orgId=)
  adminResetCodes: '/admin/pages/reset-codes/index',
  // 两制 (issue 16 part 4): a committee opens a year and follows progress; its admins approve
  // what the direct branches submit; the branch decides its members; the member reads theirs
  adminTwoSystems: '/admin/pages/two-systems/index',
  adminTwoSystemsApprovals: '/admin/pages/two-systems-approvals/index',
  cadreTwoSystems: '/cadre/pages/two-systems/index',
  memberTwoSystems: '/member/pages/two-systems/index',
  // issue 16: 毕业班管理 (?orgId=), one class branch (?orgId=&branchId=), 团籍管理 (?orgId=)
  adminGraduation: '/admin/pages/graduation/index',
  adminGraduationBranch: '/admin/pages/graduation-branch/index',
  adminMembership: '/admin/pages/membership/index',
  // 团员电子档案 [004 §二(四)] (?orgId=, ?state=): the admin's list, the committee's approvals, the member's own
  adminArchives: '/admin/pages/archives/index',
  adminArchiveApprovals: '/admin/pages/archive-approvals/index',
  memberArchive: '/member/pages/archive/index',
  // [004 §一(一)1] 姓名/性别/身份证号 corrections: the member asks, the province's admins decide (?orgId=)
  memberIdentityCorrection: '/member/pages/identity-correction/index',
  adminIdentityCorrections: '/admin/pages/identity-corrections/index',
  // 对标定级 [004 §二(五)] (?orgId=): a 团（总）支部's self-rating, the committee's batch review, progress by star
  adminRating: '/admin/pages/rating/index',
  adminRatingReview: '/admin/pages/rating-review/index',
  adminRatingProgress: '/admin/pages/rating-progress/index',
  // 三会两制一课 · 团日活动 (issue 17 part 2): a branch's months or a committee's sub-orgs (?orgId=, ?month=),
  // 录入 / 修改 (?orgId=&recordId=), one record (?orgId=&recordId=), 团员参与情况 (?orgId=)
  cadreOrgLife: '/cadre/pages/org-life/index',
  cadreOrgLifeForm: '/cadre/pages/org-life-form/index',
  cadreOrgLifeRecord: '/cadre/pages/org-life-record/index',
  cadreOrgLifeParticipation: '/cadre/pages/org-life-participation/index',
  // 工作通知 and the inbox (issue 17 part 3): the inbox sub-package (everyone: 通知 / 消息 tabs,
  // a notice ?id=); a committee's admins publish (?orgId=), list theirs and read counts (?noticeId=&parentId=)
  inbox: '/inbox/pages/index/index',
  inboxNotice: '/inbox/pages/notice/index',
  adminNoticePublish: '/admin/pages/notice-publish/index',
  adminNotices: '/admin/pages/notices/index',
  adminNoticeReads: '/admin/pages/notice-reads/index',
  // 团员录入与认领 (issue 16 part 5): the admin's list and form (?orgId=, ?memberId=), the member's claim
  adminEnteredMembers: '/admin/pages/entered-members/index',
  adminMemberEntry: '/admin/pages/member-entry/index',
  memberClaim: '/member/pages/claim/index',
  // §6.6 团干会话 (issue 18): conversations, 通讯录 (?orgId= to browse), one conversation (?id=)
  cadreChat: '/cadre/pages/chat/index',
  cadreChatDirectory: '/cadre/pages/chat-directory/index',
  cadreChatConversation: '/cadre/pages/chat-conversation/index',
} as const;

export type Route = (typeof Routes)[keyof typeof Routes];

/** A route with its query string; empty and undefined values are left out. */
export function withQuery(route: Route, query: Record<string, string | undefined>): string {
  const parts = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `${route}?${parts.join('&')}` : route;
}
