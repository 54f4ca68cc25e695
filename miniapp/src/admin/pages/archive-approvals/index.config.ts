export default definePageConfig({ navigationBarTitleText: '下级团员电子档案审批' });
