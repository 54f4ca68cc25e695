export default definePageConfig({ navigationBarTitleText: '对标定级 · 上级复核' });
