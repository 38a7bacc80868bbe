export default definePageConfig({ navigationBarTitleText: '在本社区居住的外社区人员' })
