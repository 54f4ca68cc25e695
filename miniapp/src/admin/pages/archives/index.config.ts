export default definePageConfig({ navigationBarTitleText: '团员电子档案' });
