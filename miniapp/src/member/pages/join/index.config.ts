export default definePageConfig({ navigationBarTitleText: '团员报到' });
