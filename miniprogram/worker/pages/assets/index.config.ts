export default definePageConfig({ navigationBarTitleText: '划转给本社区的资产' })
