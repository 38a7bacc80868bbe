/** Every page's route, as typed constants. */
export const ROUTES = {
  home: '/pages/home/index',
  bind: '/pages/bind/index',
  timeline: '/pages/timeline/index',
  details: '/pages/details/index',
  community: '/pages/community/index',
  qrcode: '/pages/qrcode/index',
  inbox: '/pages/inbox/index',
  family: '/pages/family/index',
  faq: '/pages/faq/index',
  devLogin: '/pages/devLogin/index',
  staffCases: '/staff/pages/cases/index',
} as const
