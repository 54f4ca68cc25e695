export default definePageConfig({ navigationBarTitleText: '查找团组织' });
