export default definePageConfig({ navigationBarTitleText: '毕业班团支部' });
