// The main package holds only what every user needs on first open (entry → login →
// status); role-specific screens live in sub-packages so the main package stays under the
// 1.0 MB that scripts/size-check.mjs allows it.
export default defineAppConfig({
  entryPagePath: 'pages/entry/index',
  pages: ['pages/entry/index', 'pages/login/index', 'pages/status/index', 'pages/not-found/index'],
  subPackages: [
    {
      root: 'member',
      name: 'member',
      pages: [
        'pages/home/index',
        'pages/join/index',
        'pages/org-search/index',
        'pages/register/index',
        'pages/checkin/index',
        'pages/confirm/index',
        'pages/profile/index',
        'pages/transfer-apply/index',
        'pages/transfer-progress/index',
        'pages/transfer-history/index',
      ],
    },
    {
      root: 'cadre',
      name: 'cadre',
      pages: [
        'pages/home/index',
        'pages/reviews/index',
        'pages/review/index',
        'pages/offline/index',
        'pages/transfers/index',
        'pages/transfer/index',
        'pages/transfer-in/index',
        'pages/transfer-out/index',
        'pages/batch-transfer/index',
        'pages/overdue/index',
        'pages/tasks/index',
        'pages/entry/index',
        'pages/orgs/index',
        'pages/members/index',
        'pages/member/index',
        'pages/cadres/index',
        'pages/org/index',
      ],
    },
    {
      root: 'admin',
      name: 'admin',
      pages: [
        'pages/home/index',
        'pages/org-form/index',
        'pages/import/index',
        'pages/codes/index',
        'pages/roster/index',
        'pages/roster-form/index',
        'pages/qr/index',
        'pages/progress/index',
        'pages/audit/index',
        'pages/register/index',
        'pages/reset-codes/index',
      ],
    },
    {
      root: 'account',
      name: 'account',
      pages: ['pages/forgot/index', 'pages/reset-code/index', 'pages/settings/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#d81e06',
    navigationBarTitleText: '智慧团建',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
    // The weapp's native bar; in H5 it makes Taro draw its own bar with the page title and
    // 返回 (or 首页 on a first page), so the H5 build has an in-app way back too.
    navigationStyle: 'default',
  },
});
