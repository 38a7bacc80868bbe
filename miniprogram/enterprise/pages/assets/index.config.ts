export default definePageConfig({ navigationBarTitleText: '资产划转' })
