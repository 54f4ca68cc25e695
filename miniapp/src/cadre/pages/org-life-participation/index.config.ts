export default definePageConfig({ navigationBarTitleText: '团员参与情况' });
