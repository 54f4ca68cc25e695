export default definePageConfig({ navigationBarTitleText: '团员首页' });
