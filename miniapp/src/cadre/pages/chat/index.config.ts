export default definePageConfig({ navigationBarTitleText: '团干会话' });
