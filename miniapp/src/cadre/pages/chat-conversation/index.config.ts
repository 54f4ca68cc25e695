export default definePageConfig({ navigationBarTitleText: '会话' });
