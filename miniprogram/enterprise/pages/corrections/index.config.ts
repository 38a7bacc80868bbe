export default definePageConfig({ navigationBarTitleText: '更正申请' })
