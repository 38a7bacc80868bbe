/**
 * 二连浩特市国有企业退休人员社会化管理工作方案 (2019-12-25), the default policy.
 * Dates and rules are taken from the plan (see ../shared/seed in the reference material).
 */
import { parsePolicy, type Policy } from '../Policy'

export const erenhot2019: Policy = parsePolicy({
  id: 'erenhot-2019',
  jurisdiction: '二连浩特市',
  title: '二连浩特市国有企业退休人员社会化管理工作方案',
  receivingRule: 'hukou', // 四（一）：户籍所在地社区是接收主体
  phases: [
    { id: 'preparation', name: '准备阶段', from: '2019-09-01', to: '2019-11-30' },
    { id: 'transfer', name: '移交阶段', from: '2019-12-01', to: '2020-10-31' },
    { id: 'wrapUp', name: '收尾管理阶段', from: null, to: '2020-10-31' },
  ],
  stages: [
    {
      id: 'roster',
      name: '摸底造册',
      deadline: '2019-11-30',
      responsible: 'enterprise',
      after: [],
      retireeTodo: '您不用办理。原企业正在核对您的基本情况。',
    },
    {
      id: 'materials',
      name: '准备移交材料',
      deadline: '2019-11-30',
      responsible: 'enterprise',
      after: ['roster'],
      retireeTodo: '原企业会请您提供户口本和身份证，请按企业通知准备好。',
      retireeActs: true,
    },
    {
      id: 'agreement',
      name: '签订移交协议',
      deadline: '2020-03-31',
      // 五（二）1: 国有企业与……社区办理移交手续，签订移交协议: the community signs, the enterprise countersigns.
      responsible: 'community',
      stepParties: ['community', 'enterprise'],
      after: ['materials'],
      retireeTodo: '您不用办理。原企业和社区签订移交协议。',
    },
    {
      id: 'personnelFile',
      name: '人事档案移交',
      deadline: '2020-06-30',
      responsible: 'archives',
      after: ['agreement'],
      retireeTodo: '您不用办理。档案由原企业交给档案部门。',
    },
    {
      id: 'partyRelation',
      name: '党组织关系转接',
      deadline: '2020-06-30',
      // 四（三）: 党员的组织关系转入相应社区党组织……社区党组织应及时将……党员编入党支部 (组织部 guides, 三（二）2).
      responsible: 'communityParty',
      after: ['agreement'],
      retireeTodo: '组织关系转到社区党组织后，请按社区党支部的安排参加组织生活。',
    },
    {
      id: 'socialSecurity',
      name: '社会保障服务衔接',
      deadline: '2020-10-31',
      // 三（二）3: 市人社局、医保局负责……社会保障管理服务相关工作衔接; 四（六）: pension by 人社局, medical insurance by 医保局.
      responsible: 'hrss',
      stepParties: ['hrss', 'medicalInsurance'],
      after: ['agreement'],
      retireeTodo: '您不用办理。养老金照常按时足额发放，医保照常享受。',
    },
    {
      id: 'takenIn',
      name: '纳入社区管理',
      deadline: '2020-10-31',
      responsible: 'community',
      after: ['personnelFile', 'partyRelation', 'socialSecurity'],
      retireeTodo: '社区网格员会和您见面，请带上身份证。',
      retireeActs: true,
    },
  ],
  // 四（五）: no new out-of-pool items, a transition of at most 3 years for new retirees (from the plan's date).
  expenseRules: { cutoffDate: '2019-12-25', transitionYears: 3, newRetireeFrom: '2019-12-25' },
  bureaus: {
    archives: { name: '市档案局', phone: '0479-7522601' },
    party: { name: '市委组织部', phone: '0479-7522602' },
    office: { name: '领导小组办公室（市财政局）', phone: '0479-7522603' },
    // 三（二）3 names both bureaus; the numbers are examples, as are the others.
    hrss: { name: '市人社局', phone: '0479-7522604' },
    medicalInsurance: { name: '市医保局', phone: '0479-7522605' },
  },
  // 三（三）考核督导: results count in each department's annual assessment; the plan gives no weights, so these are examples.
  assessment: { example: true, fullMarks: 100, perLatePercent: 0.4, perAverageDayLate: 0.2, perOverduePercent: 0.4 },
  categoryRules: [
    {
      when: { employment: ['retiredCadre'] },
      effect: { kind: 'excludeCase', reason: '离休人员保持现有管理方式不变，不参加这次移交。' },
    },
    {
      when: { employment: ['financialEnterpriseRetiree'] },
      effect: { kind: 'excludeCase', reason: '金融企业退休人员另有规定，按其规定办理。' },
    },
    {
      when: { flag: 'partyMember', is: false },
      effect: { kind: 'skipStage', stage: 'partyRelation', reason: '您不是党员，不需要转接党组织关系。' },
    },
    {
      when: { flag: 'municipalCadre', is: true },
      effect: { kind: 'skipStage', stage: 'personnelFile', reason: '由市委（组织部）管理的领导人员，人事档案不移交，留在原处保管。' },
    },
    {
      when: { flag: 'classified', is: true },
      effect: { kind: 'routeStage', stage: 'personnelFile', route: 'classified', reason: '涉密部门人员的档案按保密规定单独办理。' },
    },
  ],
})
