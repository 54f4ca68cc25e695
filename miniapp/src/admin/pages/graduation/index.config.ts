export default definePageConfig({ navigationBarTitleText: '毕业班管理' });
