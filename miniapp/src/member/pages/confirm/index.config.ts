export default definePageConfig({ navigationBarTitleText: '确认认证资料' });
