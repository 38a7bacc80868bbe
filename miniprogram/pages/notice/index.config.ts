export default definePageConfig({ navigationBarTitleText: '移交方案公示' })
