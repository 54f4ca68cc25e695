export default definePageConfig({ navigationBarTitleText: '办理转出' });
