// The main package holds only what every user needs on first open (entry → login →
// status); role-specific screens live in sub-packages so the main package stays < 2 MB.
export default defineAppConfig({
  entryPagePath: 'pages/entry/index',
  pages: ['pages/entry/index', 'pages/login/index', 'pages/status/index'],
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
      ],
    },
    {
      root: 'cadre',
      name: 'cadre',
      pages: ['pages/home/index', 'pages/reviews/index', 'pages/review/index', 'pages/offline/index'],
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
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#d81e06',
    navigationBarTitleText: '智慧团建',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
  },
});
