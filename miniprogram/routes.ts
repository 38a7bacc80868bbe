/** Every page's route, as typed constants. */
export const ROUTES = {
  home: '/pages/home/index',
  devLogin: '/pages/devLogin/index',
  staffCases: '/staff/pages/cases/index',
} as const
