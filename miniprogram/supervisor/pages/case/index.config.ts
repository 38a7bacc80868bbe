export default definePageConfig({ navigationBarTitleText: '人员办理情况' })
