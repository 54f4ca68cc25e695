export default definePageConfig({ navigationBarTitleText: '身份信息更正审批' });
