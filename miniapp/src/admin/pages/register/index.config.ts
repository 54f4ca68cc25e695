export default definePageConfig({ navigationBarTitleText: '管理员注册' });
