export default definePageConfig({ navigationBarTitleText: '兼职、出国（境）审批' })
