export default definePageConfig({ navigationBarTitleText: '申请更正身份信息' });
