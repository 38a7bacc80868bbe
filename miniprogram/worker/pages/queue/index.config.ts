export default definePageConfig({ navigationBarTitleText: '待接收的退休人员' })
