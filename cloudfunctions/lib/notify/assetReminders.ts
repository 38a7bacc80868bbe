/**
 * Asset reminders (plan 五（二）4: 资产划转工作 by the policy's asset deadline, 2020-06-30 in 二连浩特).
 * Each enterprise with assets not yet handed over gets one message per operator on each reminder
 * day before the deadline and, once it has passed, one a week while any remain. The count comes
 * from the maintained figures (`|as|all` less `|as|done`), so the pass reads no asset records.
 * Messages carry idempotency keys: running the pass twice a day sends nothing twice.
 */
import { chinaDateOf, chinaDaysBetween, formatChinaDate } from '../../../shared/ChinaTime'
import type { StaffMessage } from '../../../shared/Delivery'
import { enterpriseUnit } from '../../../shared/Figures'
import type { Change } from '../../../shared/ports/Store'
import type { Deps } from '../router'
import { messageKey, onlyNew } from './dispatcher'

/** Days before the deadline on which the enterprise is reminded; the plan names none, so these are ours. */
export const ASSET_REMINDER_DAYS = [30, 14, 7, 1] as const
/** After the deadline: a reminder every this many days (the first the day after it). */
export const ASSET_OVERDUE_EVERY_DAYS = 7

/** The route of the enterprise's asset screen (miniprogram/routes.ts `enterpriseAssets`; a test keeps them in step). */
export const ASSET_REMINDER_LINK = '/enterprise/pages/assets/index'

export interface AssetReminderReport {
  today: string
  enterprises: number
  messages: number
}

/** Whether `today` is a reminder day for the deadline, and how it reads. */
export function assetReminderDay(today: string, deadline: string): { daysLeft: number } | null {
  const daysLeft = chinaDaysBetween(today, deadline)
  if ((ASSET_REMINDER_DAYS as readonly number[]).includes(daysLeft)) return { daysLeft }
  if (daysLeft < 0 && (-daysLeft - 1) % ASSET_OVERDUE_EVERY_DAYS === 0) return { daysLeft }
  return null
}

export async function assetReminderPass(deps: Deps, now: Date): Promise<AssetReminderReport> {
  const today = chinaDateOf(now)
  const deadline = deps.policy.assetDeadline
  const report: AssetReminderReport = { today, enterprises: 0, messages: 0 }
  const day = assetReminderDay(today, deadline)
  if (!day) return report
  const docs: NonNullable<Change['docs']> = []
  for (const e of await deps.store.listEnterprises()) {
    const figures = await deps.store.readFigures(`${enterpriseUnit(e.id)}|as|`)
    const open = (figures.get(`${enterpriseUnit(e.id)}|as|all`) ?? 0) - (figures.get(`${enterpriseUnit(e.id)}|as|done`) ?? 0)
    if (open <= 0) continue
    report.enterprises++
    const title =
      day.daysLeft >= 0
        ? `本企业还有 ${open} 项资产未完成划转，${formatChinaDate(deadline)}截止`
        : `本企业还有 ${open} 项资产未完成划转，已超过${formatChinaDate(deadline)}的期限`
    const body = day.daysLeft >= 0 ? `还有 ${day.daysLeft} 天。请办好集团公司和国资委的审批，与市政府签订协议，完成划转或调换。` : '已逾期，请抓紧办理，并如实记录进度。'
    for (const u of await deps.store.listUsers({ orgId: e.id, role: 'enterpriseOperator' })) {
      const message: StaffMessage = {
        id: messageKey({ caseId: `assets:${e.id}`, stage: 'assets', kind: `assetReminder${day.daysLeft}`, deadline, recipient: u.id }),
        version: 1,
        recipientUserId: u.id,
        caseId: null,
        title,
        body,
        createdAt: now.toISOString(),
        read: false,
        link: ASSET_REMINDER_LINK,
      }
      docs.push({ kind: 'staffMessage', next: message, expectedVersion: null })
    }
  }
  const fresh = await onlyNew(deps, docs)
  if (fresh.length > 0) await deps.store.commit({ docs: fresh })
  report.messages = fresh.length
  return report
}
