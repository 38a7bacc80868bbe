import type { MyCaseView, StageView } from '../../../shared/Views'
import { whatToDoNow } from './whatToDoNow'

const stage: StageView = {
  id: 'agreement',
  name: '签订移交协议',
  status: 'open',
  deadline: '2020-03-31',
  overdue: false,
  responsible: 'enterprise',
  responsibleName: '原企业',
  retireeTodo: '您不用办理。原企业和社区签订移交协议。',
  contact: null,
  note: null,
  completedAt: null,
}
const view: MyCaseView = { caseId: 'c', name: '斯日古楞', today: '2020-03-20', inScope: true, outOfScopeReason: null, done: false, currentStage: stage, nextDeadline: null, stages: [stage], office: { name: '领导小组办公室', phone: '0479-7522603' }, receivingRule: 'hukou', care: [] }

describe('the one sentence on the home screen', () => {
  test('names the current stage, its deadline and what the person must do', () => {
    expect(whatToDoNow(view)).toBe('现在是「签订移交协议」（2020年3月31日前）。您不用办理。原企业和社区签订移交协议。')
  })
  test('out of scope: the reason, and nothing to do', () => {
    expect(whatToDoNow({ ...view, inScope: false, outOfScopeReason: '离休人员保持现有管理方式不变，不参加这次移交。', currentStage: null })).toBe(
      '离休人员保持现有管理方式不变，不参加这次移交。您不需要办理任何手续。',
    )
  })
  test('done: nothing more to do', () => {
    expect(whatToDoNow({ ...view, done: true, currentStage: null })).toContain('不需要再办理什么')
  })
})
