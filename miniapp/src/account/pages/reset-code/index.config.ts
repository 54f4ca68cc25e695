export default definePageConfig({ navigationBarTitleText: '使用重置码' });
