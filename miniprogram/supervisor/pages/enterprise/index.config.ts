export default definePageConfig({ navigationBarTitleText: '企业的方案和资产' })
