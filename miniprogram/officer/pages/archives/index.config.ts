export default definePageConfig({ navigationBarTitleText: '档案移交' })
