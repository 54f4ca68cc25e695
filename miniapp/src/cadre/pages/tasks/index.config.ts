export default definePageConfig({ navigationBarTitleText: '操作中心' });
