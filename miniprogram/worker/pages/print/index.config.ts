export default definePageConfig({ navigationBarTitleText: '海报和纸质通知' })
