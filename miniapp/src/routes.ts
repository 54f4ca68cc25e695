/** Page paths, as `Taro.navigateTo` / `redirectTo` expect them (leading slash). */
export const Routes = {
  entry: '/pages/entry/index',
  login: '/pages/login/index',
  status: '/pages/status/index',
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
  // admin sub-package: every page but register takes ?orgId= (the org it is about)
  adminHome: '/admin/pages/home/index',
  adminOrgForm: '/admin/pages/org-form/index',
  adminImport: '/admin/pages/import/index',
  adminCodes: '/admin/pages/codes/index',
  adminRoster: '/admin/pages/roster/index',
  adminRosterForm: '/admin/pages/roster-form/index',
  adminQr: '/admin/pages/qr/index',
  adminProgress: '/admin/pages/progress/index',
  adminAudit: '/admin/pages/audit/index',
  adminRegister: '/admin/pages/register/index',
} as const;

export type Route = (typeof Routes)[keyof typeof Routes];

/** A route with its query string; empty and undefined values are left out. */
export function withQuery(route: Route, query: Record<string, string | undefined>): string {
  const parts = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `${route}?${parts.join('&')}` : route;
}
