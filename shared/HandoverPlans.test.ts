import { planProblem, PLAN_STEPS_MAX, PLAN_TEXT_MAX, StabilityPlan, TransferPlan } from './HandoverPlans'
import { EnterprisePlan } from './Workstreams'

const TRANSFER: TransferPlan = {
  scope: '本企业在二连浩特市户籍的全部退休人员，共 120 人（离休人员除外）',
  basics: '平均年龄 68 岁，其中长期在外地居住 6 人',
  content: '人员名单、人事档案、党员组织关系、活动场地',
  steps: [
    { step: '公告公示移交方案', by: '2019-11-20' },
    { step: '与社区签订移交协议', by: '2020-03-31' },
    { step: '档案和党员组织关系移交', by: '2020-06-30' },
  ],
  partyMembers: '党员 35 人，转入各户籍所在地社区党组织',
  venues: '老年活动室一处，经审批后无偿划转给乌兰社区',
}
const STABILITY: StabilityPlan = { assessment: '个别人员对统筹外费用有顾虑', contingency: '企业党委书记牵头，逐户解释政策，当天答复' }
const CONTACT = { name: '刘建华', phone: '13904790104' }
const EMPTY = { transferPlanOn: null, stabilityPlanOn: null, stabilityContact: null, transferPlan: null, stabilityPlan: null }

describe('the enterprise’s 移交方案 and 维稳方案 (plan 五（一）1（3））', () => {
  test.each([
    ['nothing written yet', EMPTY, null],
    ['a full transfer plan with its date', { ...EMPTY, transferPlanOn: '2019-11-15', transferPlan: TRANSFER }, null],
    ['a transfer plan dated but without its contents', { ...EMPTY, transferPlanOn: '2019-11-15' }, 'transferPlan'],
    ['steps out of time order', { ...EMPTY, transferPlan: { ...TRANSFER, steps: [...TRANSFER.steps].reverse() } }, 'transferPlan'],
    ['a stability plan without its contact person', { ...EMPTY, stabilityPlanOn: '2019-11-25', stabilityPlan: STABILITY }, 'stabilityContact'],
    ['a stability plan dated without assessment and contingency plan', { ...EMPTY, stabilityPlanOn: '2019-11-25', stabilityContact: CONTACT }, 'stabilityPlan'],
    ['a full stability plan', { ...EMPTY, stabilityPlanOn: '2019-11-25', stabilityContact: CONTACT, stabilityPlan: STABILITY }, null],
  ] as const)('%s', (_name, plan, field) => {
    expect(planProblem(plan)?.field ?? null).toBe(field)
  })

  test('every text and the list of steps is capped', () => {
    expect(TransferPlan.safeParse({ ...TRANSFER, scope: '字'.repeat(PLAN_TEXT_MAX + 1) }).success).toBe(false)
    expect(TransferPlan.safeParse({ ...TRANSFER, steps: Array.from({ length: PLAN_STEPS_MAX + 1 }, () => TRANSFER.steps[0]) }).success).toBe(false)
    expect(TransferPlan.safeParse({ ...TRANSFER, steps: [] }).success).toBe(false)
    expect(StabilityPlan.safeParse({ ...STABILITY, contingency: '字'.repeat(PLAN_TEXT_MAX + 1) }).success).toBe(false)
    expect(TransferPlan.safeParse({ ...TRANSFER, steps: [{ step: '移交', by: '2020-02-30' }] }).success).toBe(false)
  })

  test('a plan record stored before the contents were kept still reads, with none', () => {
    const old = { id: 'ent-water', version: 1, transferPlanOn: '2019-11-20', stabilityPlanOn: null, stabilityContact: null, noticePublishedOn: null, feedbackClosedOn: null }
    expect(EnterprisePlan.parse(old)).toMatchObject({ transferPlan: null, stabilityPlan: null })
  })
})
