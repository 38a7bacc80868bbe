import type { StageView } from '../../../shared/Views'
import { STATUS_LABELS, stageLines } from './timeline'

const base: StageView = {
  id: 'personnelFile',
  name: '人事档案移交',
  status: 'open',
  deadline: '2020-06-30',
  overdue: false,
  responsible: 'archives',
  responsibleName: '市档案局、人社局',
  retireeTodo: '您不用办理。',
  contact: { name: '市档案局', phone: '0479-7522601' },
  note: null,
  completedAt: null,
}

describe('timeline lines', () => {
  test('an open stage says its deadline, who is responsible with a phone, and what to do', () => {
    expect(stageLines(base)).toEqual(['截止日期：2020年6月30日', '负责单位：市档案局、人社局（市档案局，电话 0479-7522601）', '您要做的：您不用办理。'])
  })

  test('an overdue stage says so without blaming the retiree', () => {
    expect(stageLines({ ...base, overdue: true })[0]).toBe('原定截止日期：2020年6月30日（已超期，正在加紧办理）')
  })

  test('a stage that does not apply gives the reason', () => {
    expect(stageLines({ ...base, status: 'notApplicable', note: '由市委（组织部）管理的领导人员，人事档案不移交，留在原处保管。' })).toEqual([
      '由市委（组织部）管理的领导人员，人事档案不移交，留在原处保管。',
    ])
  })

  test('a done stage gives its China date; a classified route is explained', () => {
    expect(stageLines({ ...base, status: 'done', completedAt: '2020-04-02T03:00:00.000Z', note: '涉密部门人员的档案按保密规定单独办理。' })).toEqual([
      '2020年4月2日办完。',
      '涉密部门人员的档案按保密规定单独办理。',
    ])
  })

  test('every status has a plain label', () => {
    expect(STATUS_LABELS).toEqual({ done: '已办完', open: '正在办', waiting: '还没开始', notApplicable: '不需要办' })
  })
})
