export default definePageConfig({ navigationBarTitleText: '团籍管理' });
