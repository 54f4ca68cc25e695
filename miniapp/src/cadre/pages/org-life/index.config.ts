export default definePageConfig({ navigationBarTitleText: '三会两制一课 · 团日活动' });
