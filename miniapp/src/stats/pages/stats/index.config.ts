export default definePageConfig({ navigationBarTitleText: '团员统计' });
