export default definePageConfig({ navigationBarTitleText: '移交协议（社区）' })
