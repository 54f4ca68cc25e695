/** Page paths, as `Taro.navigateTo` / `redirectTo` expect them (leading slash). */
export const Routes = {
  entry: '/pages/entry/index',
  login: '/pages/login/index',
  status: '/pages/status/index',
  memberHome: '/member/pages/home/index',
  cadreHome: '/cadre/pages/home/index',
  adminHome: '/admin/pages/home/index',
} as const;

export type Route = (typeof Routes)[keyof typeof Routes];
