export default definePageConfig({ navigationBarTitleText: '诉求答复' })
