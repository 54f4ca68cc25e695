export default definePageConfig({ navigationBarTitleText: '对标定级 · 进度' });
