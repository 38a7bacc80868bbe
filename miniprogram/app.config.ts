// The development sign-in page exists only in the H5 build served by the local cloud.
const localOnlyPages = process.env.TARO_ENV === 'h5' ? ['pages/devLogin/index'] : []

export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/bind/index',
    'pages/timeline/index',
    'pages/details/index',
    'pages/community/index',
    'pages/qrcode/index',
    'pages/inbox/index',
    'pages/family/index',
    'pages/faq/index',
    'pages/approvals/index',
    'pages/notice/index',
    'pages/concerns/index',
    ...localOnlyPages,
  ],
  // Staff screens live in subpackages of their own so the retirees' main package stays small.
  subPackages: [
    { root: 'worker', pages: ['pages/queue/index', 'pages/case/index', 'pages/agreements/index', 'pages/messages/index', 'pages/bulletin/index', 'pages/residents/index', 'pages/assets/index', 'pages/unreached/index', 'pages/print/index', 'pages/concerns/index'] },
    { root: 'enterprise', pages: ['pages/home/index', 'pages/import/index', 'pages/agreements/index', 'pages/corrections/index', 'pages/ledger/index', 'pages/assets/index', 'pages/plan/index', 'pages/notice/index', 'pages/opinions/index', 'pages/incidents/index'] },
    { root: 'officer', pages: ['pages/archives/index', 'pages/invites/index', 'pages/approvals/index'] },
    { root: 'supervisor', pages: ['pages/board/index', 'pages/cases/index', 'pages/case/index', 'pages/audit/index', 'pages/bulletins/index', 'pages/assessment/index', 'pages/referrals/index', 'pages/enterprise/index'] },
  ],
  window: {
    navigationBarTitleText: '退休人员社会化管理',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f5f7',
  },
})
