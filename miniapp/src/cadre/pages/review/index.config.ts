export default definePageConfig({ navigationBarTitleText: '审核团员资料' });
