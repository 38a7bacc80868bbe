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
  workerQueue: '/worker/pages/queue/index',
  workerCase: '/worker/pages/case/index',
  communityAgreements: '/worker/pages/agreements/index',
  staffMessages: '/worker/pages/messages/index',
  enterpriseHome: '/enterprise/pages/home/index',
  enterpriseImport: '/enterprise/pages/import/index',
  enterpriseAgreements: '/enterprise/pages/agreements/index',
  enterpriseCorrections: '/enterprise/pages/corrections/index',
  enterpriseLedger: '/enterprise/pages/ledger/index',
  archives: '/officer/pages/archives/index',
  invites: '/officer/pages/invites/index',
  board: '/supervisor/pages/board/index',
  boardCases: '/supervisor/pages/cases/index',
  boardCase: '/supervisor/pages/case/index',
  bulletins: '/supervisor/pages/bulletins/index',
  assessment: '/supervisor/pages/assessment/index',
  supervisorAudit: '/supervisor/pages/audit/index',
} as const

/** Where each member of staff starts. */
export const STAFF_HOME: Record<string, string> = {
  gridWorker: ROUTES.workerQueue,
  communityAdmin: ROUTES.workerQueue,
  enterpriseOperator: ROUTES.enterpriseHome,
  archivesOfficer: ROUTES.archives,
  partyOfficer: ROUTES.workerQueue,
  // The party members of its own community, each with the party steps to record.
  communityPartySecretary: ROUTES.workerQueue,
  // Every retiree of the city at the 社保 stage, with the bureau's own step to record.
  socialSecurityOfficer: ROUTES.workerQueue,
  supervisor: ROUTES.board,
}
