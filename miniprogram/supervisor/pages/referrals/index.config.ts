export default definePageConfig({ navigationBarTitleText: '户籍不在本市的转出人员' })
