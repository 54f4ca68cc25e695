export default definePageConfig({ navigationBarTitleText: '录入团员' });
