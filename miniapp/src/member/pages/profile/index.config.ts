export default definePageConfig({ navigationBarTitleText: '认证资料' });
