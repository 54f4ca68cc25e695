/** Page paths, as `Taro.navigateTo` / `redirectTo` expect them (leading slash). */
export const Routes = {
  entry: '/pages/entry/index',
  login: '/pages/login/index',
  status: '/pages/status/index',
  memberHome: '/member/pages/home/index',
  cadreHome: '/cadre/pages/home/index',
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
