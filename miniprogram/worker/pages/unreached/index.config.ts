export default definePageConfig({ navigationBarTitleText: '先上门：联系不上的人' })
