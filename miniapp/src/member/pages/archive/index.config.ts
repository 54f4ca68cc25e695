export default definePageConfig({ navigationBarTitleText: '我的团员电子档案' });
