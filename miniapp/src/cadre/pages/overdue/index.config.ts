export default definePageConfig({ navigationBarTitleText: '逾期未办理的转接' });
