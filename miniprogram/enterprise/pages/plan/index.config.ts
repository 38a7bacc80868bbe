export default definePageConfig({ navigationBarTitleText: '移交方案和维稳方案' })
