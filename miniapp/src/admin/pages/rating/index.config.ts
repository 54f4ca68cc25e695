export default definePageConfig({ navigationBarTitleText: '对标定级 · 自评' });
