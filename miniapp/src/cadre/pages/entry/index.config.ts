export default definePageConfig({ navigationBarTitleText: '团干部入驻' });
