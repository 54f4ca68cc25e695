export default definePageConfig({ navigationBarTitleText: '录入进度' });
