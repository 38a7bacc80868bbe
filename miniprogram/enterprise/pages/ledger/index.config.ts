export default definePageConfig({ navigationBarTitleText: '资产、费用和方案' })
