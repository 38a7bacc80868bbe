export default definePageConfig({ navigationBarTitleText: '我的移交进度' })
