export default definePageConfig({ navigationBarTitleText: '填写认证资料' });
