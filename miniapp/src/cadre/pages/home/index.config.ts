export default definePageConfig({ navigationBarTitleText: '团干部工作台' });
