export default definePageConfig({ navigationBarTitleText: '维稳情况记录' })
