export default definePageConfig({ navigationBarTitleText: '团员查询', onReachBottomDistance: 120 });
