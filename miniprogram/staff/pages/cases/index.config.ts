export default definePageConfig({ navigationBarTitleText: '移交案例' })
