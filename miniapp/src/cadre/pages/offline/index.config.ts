export default definePageConfig({ navigationBarTitleText: '线下核验' });
