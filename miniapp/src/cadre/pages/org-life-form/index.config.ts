export default definePageConfig({ navigationBarTitleText: '录入组织生活' });
