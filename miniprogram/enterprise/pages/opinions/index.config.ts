export default definePageConfig({ navigationBarTitleText: '对移交方案的意见' })
