export default definePageConfig({ navigationBarTitleText: '组织关系批量接转' });
