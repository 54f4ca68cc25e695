export default definePageConfig({ navigationBarTitleText: '转接进度' });
