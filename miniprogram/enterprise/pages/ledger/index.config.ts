export default definePageConfig({ navigationBarTitleText: '统筹外费用' })
