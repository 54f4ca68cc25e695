export default definePageConfig({ navigationBarTitleText: '团干部名册' });
