/** How the timeline reads: one label per stage status, and the plain sentences under each stage. */
import { formatChinaDate } from '../../../shared/ChinaTime'
import type { StageView } from '../../../shared/Views'
import { assertNever } from '../../../shared/CaseState'

export const STATUS_LABELS: Record<StageView['status'], string> = {
  done: '已办完',
  open: '正在办',
  waiting: '还没开始',
  notApplicable: '不需要办',
}

export function stageLines(s: StageView): string[] {
  switch (s.status) {
    case 'notApplicable':
      return [s.note ?? '这一项不适用于您。']
    case 'done':
      return [s.completedAt ? `${formatChinaDate(s.completedAt.slice(0, 10))}办完。` : '已经办完。', ...(s.note ? [s.note] : [])]
    case 'open':
    case 'waiting': {
      const lines: string[] = []
      if (s.deadline) lines.push(`${s.overdue ? '原定' : ''}截止日期：${formatChinaDate(s.deadline)}${s.overdue ? '（已超期，正在加紧办理）' : ''}`)
      lines.push(`负责单位：${s.responsibleName}${s.contact ? `（${s.contact.name}，电话 ${s.contact.phone}）` : ''}`)
      for (const c of s.moreContacts ?? []) lines.push(`也可以联系：${c.name}，电话 ${c.phone}`)
      lines.push(`您要做的：${s.retireeTodo}`)
      if (s.note) lines.push(s.note)
      return lines
    }
    default:
      return assertNever(s.status)
  }
}
