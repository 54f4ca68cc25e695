export default definePageConfig({ navigationBarTitleText: '智慧团建' });
