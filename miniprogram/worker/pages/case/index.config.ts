export default definePageConfig({ navigationBarTitleText: '人员卡片' })
