import { formatChinaDate } from '../../../shared/ChinaTime'
import type { MyCaseView } from '../../../shared/Views'

/** One plain sentence: what, if anything, the retiree has to do now. */
export function whatToDoNow(view: MyCaseView): string {
  if (!view.inScope) return `${view.outOfScopeReason ?? ''}您不需要办理任何手续。`
  if (view.done) return '移交已经全部办完，您已由社区管理服务，不需要再办理什么。'
  const current = view.currentStage
  if (!current) return '现在不需要您办理什么，请等待通知。'
  const deadline = current.deadline ? `（${formatChinaDate(current.deadline)}前）` : ''
  return `现在是「${current.name}」${deadline}。${current.retireeTodo}`
}
