export default definePageConfig({ navigationBarTitleText: '报到状态' });
