/**
 * 通报 and 考核 (plan 三（三）) by the leading-group office: a bulletin is previewed, then issued
 * once under its number and sent to every unit it names; the assessment is read for any date.
 * Both are read from the maintained figures (Store.readFigures), never from a scan of the cases.
 */
import { AppError } from '../../../shared/AppError'
import { assessment, type AssessmentView } from '../../../shared/Assessment'
import { bulletinContent, bulletinId, bulletinLink, bulletinMessage, bulletinSummary, type Bulletin, type BulletinContent } from '../../../shared/Bulletin'
import { formatChinaDate } from '../../../shared/ChinaTime'
import type { StaffMessage } from '../../../shared/Delivery'
import type { Store } from '../../../shared/ports/Store'
import type { Role } from '../../../shared/Role'
import { storeUnitNamer } from '../../../shared/UnitNames'
import type { User } from '../../../shared/User'
import { auditEntry } from '../audit'
import { forecastFlags } from './forecast'
import type { Ctx, Deps, Handlers } from '../router'

/** The newest issued number (0 when none): numbers run 1, 2, 3… without gaps, so a doubling then halving search finds it in O(log n) reads. */
export async function lastIssuedNumber(store: Store): Promise<number> {
  const issued = async (n: number) => (await store.getDoc('bulletin', bulletinId(n))) !== null
  if (!(await issued(1))) return 0
  let low = 1
  while (await issued(low * 2)) low *= 2
  let high = low * 2 // not issued
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2)
    if (await issued(mid)) low = mid
    else high = mid
  }
  return low
}

/** The figures a bulletin or an assessment reads, and the names of the units in them. */
async function boardInputs(deps: Deps) {
  const [figures, name] = await Promise.all([deps.store.readFigures(''), storeUnitNamer(deps.store, deps.policy)])
  return { figures, name }
}

/** A bulletin is written from the figures as they stand: they are kept current, so only today's can be given. */
function checkToday(ctx: Ctx, date: string): void {
  if (date !== ctx.today) throw new AppError('BAD_REQUEST', `通报按当天的进度编写，日期只能是今天（${formatChinaDate(ctx.today)}）。`, { fields: ['date'] })
}

export async function buildBulletin(deps: Deps, date: string, number: number, previous: BulletinContent | null): Promise<BulletinContent> {
  const { figures, name } = await boardInputs(deps)
  return bulletinContent({ policy: deps.policy, figures, date, number, name, previous, flags: await forecastFlags(deps, deps.clock.now()) })
}

export async function buildAssessment(deps: Deps, date: string): Promise<AssessmentView> {
  const { figures, name } = await boardInputs(deps)
  return assessment(deps.policy, figures, date, name)
}

/** Who receives a bulletin for each unit: the enterprise's operators, the community's admins, the bureaus' officers. */
async function unitStaff(store: Store): Promise<Map<string, User[]>> {
  const byUnit = new Map<string, User[]>()
  const add = (key: string, u: User) => byUnit.set(key, [...(byUnit.get(key) ?? []), u])
  const roles: Array<[Role, (u: User) => string]> = [
    ['enterpriseOperator', (u) => `enterprise:${u.orgId}`],
    ['communityAdmin', (u) => `community:${u.orgId}`],
    ['archivesOfficer', () => 'archives'],
    ['partyOfficer', () => 'party'],
    ['communityPartySecretary', (u) => `communityParty:${u.orgId}`],
    // A social-security officer's organisation is their bureau: 'hrss' or 'medicalInsurance'.
    ['socialSecurityOfficer', (u) => u.orgId],
  ]
  for (const [role, key] of roles) for (const u of await store.listUsers({ role })) add(key(u), u)
  return byUnit
}

/** An issued bulletin, or NOT_FOUND. */
export async function issuedBulletin(store: Store, number: number): Promise<Bulletin> {
  const b = await store.getDoc('bulletin', bulletinId(number))
  if (!b) throw new AppError('NOT_FOUND', `没有找到第${number}期通报。`)
  return b
}

export const bulletinHandlers: Pick<Handlers, 'bulletin.preview' | 'bulletin.issue' | 'bulletin.list' | 'bulletin.get' | 'assessment.preview'> = {
  async 'bulletin.preview'(ctx, input) {
    checkToday(ctx, input.date)
    const last = await lastIssuedNumber(ctx.store)
    const previous = last > 0 ? (await issuedBulletin(ctx.store, last)).content : null
    return buildBulletin(ctx, input.date, last + 1, previous)
  },

  async 'bulletin.issue'(ctx, input) {
    checkToday(ctx, input.date)
    const { number } = input
    if (await ctx.store.getDoc('bulletin', bulletinId(number))) throw new AppError('CONFLICT', `第${number}期通报已经发布了，请刷新后再发布下一期。`)
    const previous = number > 1 ? await ctx.store.getDoc('bulletin', bulletinId(number - 1)) : null
    if (number > 1 && !previous) throw new AppError('CONFLICT', `第${number - 1}期通报还没有发布，期号要接着上一期编。`)
    const content = await buildBulletin(ctx, input.date, number, previous?.content ?? null)
    const bulletin: Bulletin = { id: bulletinId(number), version: 1, number, date: input.date, issuedAt: ctx.now.toISOString(), issuedBy: ctx.user.id, content }
    const staff = await unitStaff(ctx.store)
    const messages: StaffMessage[] = content.units.flatMap((u) => {
      const text = bulletinMessage(content, u.unitKey)
      if (!text) return []
      return (staff.get(u.unitKey) ?? []).map((recipient) => ({
        id: `bulletin|${number}|${recipient.id}`,
        version: 1,
        recipientUserId: recipient.id,
        caseId: null,
        title: text.title,
        body: text.body,
        createdAt: ctx.now.toISOString(),
        read: false,
        link: bulletinLink(number),
      }))
    })
    // Created with expectedVersion null: of two issues of one number, one commits and the other writes nothing.
    await ctx.store.commit({
      docs: [{ kind: 'bulletin', next: bulletin, expectedVersion: null }, ...messages.map((next) => ({ kind: 'staffMessage' as const, next, expectedVersion: null }))],
      audit: [
        auditEntry(ctx, {
          user: ctx.user,
          now: ctx.now,
          action: 'bulletin.issue',
          caseId: null,
          outcome: 'done',
          changes: [
            { field: 'number', before: null, after: String(number) },
            { field: 'date', before: null, after: input.date },
            { field: 'recipients', before: null, after: String(messages.length) },
          ],
        }),
      ],
    })
    return bulletin
  },

  async 'bulletin.list'(ctx, input) {
    const limit = input.limit ?? 20
    const top = input.after !== undefined ? Number(input.after) - 1 : await lastIssuedNumber(ctx.store)
    if (!Number.isInteger(top) || top < 0) throw new AppError('BAD_REQUEST', '翻页位置不正确，请从第一页看起。', { fields: ['after'] })
    const items = []
    for (let n = top; n >= 1 && n > top - limit; n--) {
      const b = await ctx.store.getDoc('bulletin', bulletinId(n))
      if (b) items.push(bulletinSummary(b))
    }
    const lowest = top - limit + 1
    return { items, nextCursor: lowest > 1 ? String(lowest) : null }
  },

  'bulletin.get': (ctx, input) => issuedBulletin(ctx.store, input.number),

  async 'assessment.preview'(ctx, input) {
    return buildAssessment(ctx, input.date)
  },
}
