export default definePageConfig({ navigationBarTitleText: '团干部首页' });
