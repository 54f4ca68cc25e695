export default definePageConfig({ navigationBarTitleText: '密码重置码' });
