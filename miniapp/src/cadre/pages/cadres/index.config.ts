export default definePageConfig({ navigationBarTitleText: '团干部查询', onReachBottomDistance: 120 });
