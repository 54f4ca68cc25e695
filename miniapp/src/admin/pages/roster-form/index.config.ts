export default definePageConfig({ navigationBarTitleText: '团干部信息' });
