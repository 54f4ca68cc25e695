export default definePageConfig({ navigationBarTitleText: '选择组织' });
