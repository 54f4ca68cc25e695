export default definePageConfig({ navigationBarTitleText: '认领团员信息' });
