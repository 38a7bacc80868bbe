/**
 * The dispatcher: turns notification events (written with each case change) into messages for
 * the people concerned, and sends the WeChat subscribe messages that are due.
 * - Retirees and allowed relatives always have the inbox (written with the change itself); a
 *   subscribe message is queued for each of them with a consent on record.
 * - The staff responsible for the next step get a message in their in-app inbox.
 * - Every message has an idempotency key; a retry, a second trigger or a crash between send and
 *   mark never produces a duplicate (a claim whose outcome was lost is not sent again).
 */
import { isAppError } from '../../../shared/AppError'
import type { RetireeCase } from '../../../shared/Case'
import { CASE_ACTION_NAMES, type CaseActionType } from '../../../shared/CaseAction'
import { deriveStatus, STEP_STAGE } from '../../../shared/CaseState'
import { chinaDateOf, formatChinaDate } from '../../../shared/ChinaTime'
import { channelOf, CONSENT_REFUSED, fitSmsText, PERMANENT_SEND_ERRORS, PERMANENT_SMS_REQUEST_ERRORS, quietUntil, RETRY_BACKOFF_MS, ROSTER_PHONE_RECIPIENT, SENDING_LEASE_MS, SMS_BOUNCE_CODES, SMS_DAILY_CAP, SMS_REFUSED_CODES, SMS_TRANSIENT_CODES, type Delivery, type StaffMessage } from '../../../shared/Delivery'
import type { OutboxEvent } from '../../../shared/OutboxEvent'
import { answeringParty, type ResponsibleParty } from '../../../shared/Stage'
import type { SubscribeConsent } from '../../../shared/SubscribeConsent'
import { SUBSCRIBE_TEMPLATES, type SubscribeTemplates } from '../../../shared/SubscribeTemplates'
import type { User } from '../../../shared/User'
import { sendErrorCode, type SubscribeMessageSender } from '../../../shared/ports/SubscribeMessageSender'
import { type Change, type VersionedDoc } from '../../../shared/ports/Store'
import { SMS_OK, SMS_OUTCOME_UNKNOWN, SMS_TEXT_MAX, type SmsSender } from '../../../shared/ports/SmsSender'
import { maskPhone } from '../../../shared/Mask'
import { reachability, reachFacts, withSmsOutcome } from '../../../shared/Reachability'
import { reachChange } from '../reachability'
import type { Deps } from '../router'

export interface DispatchReport {
  events: number
  queued: number
  staffMessages: number
  sent: number
  failed: number
  retrying: number
  skipped: number
  uncertain: number
  quiet: boolean
}

/** WeChat's limits for template values: thing ≤ 20 characters, phrase ≤ 5. */
function fit(value: string, field: string): string {
  const max = field.startsWith('phrase') ? 5 : field.startsWith('thing') ? 20 : 32
  return value.length > max ? value.slice(0, max - 1) + '…' : value
}

export function messageKey(parts: { caseId: string; stage: string; kind: string; deadline: string | null; recipient: string }): string {
  return [parts.caseId, parts.stage, parts.kind, parts.deadline ?? '-', parts.recipient].join('|')
}

/** Staff who answer for the given parties on this case. */
export async function staffFor(deps: Deps, c: RetireeCase, parties: Set<ResponsibleParty>): Promise<User[]> {
  const lists = await Promise.all([
    parties.has('enterprise') ? deps.store.listUsers({ orgId: c.enterpriseId, role: 'enterpriseOperator' }) : [],
    parties.has('community') ? deps.store.listUsers({ orgId: c.summary.receivingCommunityId, role: 'communityAdmin' }) : [],
    parties.has('community') ? deps.store.listUsers({ orgId: c.summary.receivingCommunityId, role: 'gridWorker' }) : [],
    parties.has('archives') ? deps.store.listUsers({ role: 'archivesOfficer' }) : [],
    parties.has('party') ? deps.store.listUsers({ role: 'partyOfficer' }) : [],
    parties.has('communityParty') ? deps.store.listUsers({ orgId: c.summary.receivingCommunityId, role: 'communityPartySecretary' }) : [],
    // A social-security officer's organisation is their bureau.
    parties.has('hrss') ? deps.store.listUsers({ orgId: 'hrss', role: 'socialSecurityOfficer' }) : [],
    parties.has('medicalInsurance') ? deps.store.listUsers({ orgId: 'medicalInsurance', role: 'socialSecurityOfficer' }) : [],
  ])
  return lists.flat()
}

/** Retiree and relatives of a case who have a subscribe consent left for a template. */
async function consentingReaders(deps: Deps, caseId: string, templateKey: keyof SubscribeTemplates): Promise<User[]> {
  const readers = await deps.store.listUsers({ caseId })
  const templateId = SUBSCRIBE_TEMPLATES[templateKey].id
  const out: User[] = []
  for (const u of readers) {
    const consent = await deps.store.getDoc('subscribeConsent', `${u.id}~${templateId}`)
    if (consent && (consent.kind === 'longTerm' || consent.accepted > consent.used)) out.push(u)
  }
  return out
}

export function newDelivery(now: Date, key: string, caseId: string, recipient: string, templateKey: Delivery['templateKey'], values: Record<string, string>): Delivery {
  const fields = SUBSCRIBE_TEMPLATES[templateKey].fields
  const data: Record<string, string> = {}
  for (const [name, field] of Object.entries(fields)) if (values[name] !== undefined) data[field] = fit(values[name], field)
  return {
    id: key,
    version: 1,
    caseId,
    recipientUserId: recipient,
    templateKey,
    data,
    page: 'pages/home/index',
    status: 'pending',
    attempts: 0,
    notBefore: (quietUntil(now) ?? now).toISOString(),
    claimedAt: null,
    lastError: null,
    sentAt: null,
  }
}

/**
 * Channel choice when no WeChat subscribe message can be pushed (nobody of the case has a consent
 * left): the inbox still holds the message, and an SMS goes to the roster phone when it is a
 * mainland mobile that has not bounced. So a retiree or relative who uses WeChat but gave no
 * consent also gets the SMS: an inbox opened once a month is not a timely channel. Null when SMS
 * is no channel for this person (landline, bad number): the printed notice is what is left.
 */
export async function smsInstead(deps: Deps, c: RetireeCase, now: Date, key: string, templateKey: Delivery['templateKey'], text: string): Promise<Delivery | null> {
  const facts = reachFacts(c.person.phone, await deps.store.getDoc('caseReach', c.id))
  if (!reachability(facts, now).channels.includes('sms')) return null
  return { ...newDelivery(now, key, c.id, ROSTER_PHONE_RECIPIENT, templateKey, {}), channel: 'sms', smsText: fitSmsText(text, SMS_TEXT_MAX) }
}

/** Keeps only the messages that do not exist yet (their id is their idempotency key). */
export async function onlyNew(deps: Deps, docs: NonNullable<Change['docs']>): Promise<NonNullable<Change['docs']>> {
  const out: NonNullable<Change['docs']> = []
  const seen = new Set<string>()
  for (const d of docs) {
    const key = `${d.kind}/${d.next.id}`
    if (seen.has(key) || (await deps.store.getDoc(d.kind, d.next.id))) continue
    seen.add(key)
    out.push(d)
  }
  return out
}

/** Expands pending notification events into staff messages and queued subscribe messages (and SMS, when there is an SMS channel). */
export async function expandEvents(deps: Deps, now: Date, limit = 1000, smsOn = false): Promise<Pick<DispatchReport, 'events' | 'queued' | 'staffMessages'>> {
  const report = { events: 0, queued: 0, staffMessages: 0 }
  const { items } = await deps.store.listDocs('outboxEvent', { status: 'pending' }, { limit })
  for (const event of items) {
    const c = await deps.store.getCase(event.caseId)
    const { staff, pushes } = c ? await messagesFor(deps, c, event, now, smsOn) : { staff: [], pushes: [] }
    const fresh = await onlyNew(deps, [
      ...staff.map((next) => ({ kind: 'staffMessage' as const, next, expectedVersion: null })),
      ...pushes.map((next) => ({ kind: 'delivery' as const, next, expectedVersion: null })),
    ])
    try {
      // The messages and the event's mark go together: all of them, or (on a rerun) none twice.
      await deps.store.commit({ docs: [...fresh, { kind: 'outboxEvent', next: { ...event, version: event.version + 1, status: 'delivered' }, expectedVersion: event.version }] })
    } catch (e) {
      if (isAppError(e) && e.code === 'CONFLICT') continue // another dispatcher handled this event
      throw e
    }
    report.events++
    report.staffMessages += fresh.filter((d) => d.kind === 'staffMessage').length
    report.queued += fresh.filter((d) => d.kind === 'delivery').length
  }
  return report
}

async function messagesFor(deps: Deps, c: RetireeCase, event: OutboxEvent, now: Date, smsOn: boolean): Promise<{ staff: StaffMessage[]; pushes: Delivery[] }> {
  const type = event.type as CaseActionType
  const stage = type in STEP_STAGE ? STEP_STAGE[type as keyof typeof STEP_STAGE] : 'details'
  // As the event's action left the case: who must act next after it, and whether it finished its stage.
  const upTo = c.actions.findIndex((a) => a.id === event.actionId)
  const status = deriveStatus(deps.policy, upTo < 0 ? c : { ...c, actions: c.actions.slice(0, upTo + 1) })
  const open = status.inScope ? status.stages.filter((s) => s.status === 'open') : []
  const staff: StaffMessage[] = []
  const pushes: Delivery[] = []
  const kind = `stage:${type}`
  // Who must act next: the parties of the open stages; a dispute goes to the enterprise.
  const parties = new Set<ResponsibleParty>(type === 'detailsDisputed' ? ['enterprise'] : type in STEP_STAGE ? open.map((s) => ('stepsDone' in s ? answeringParty(s.stage, s.stepsDone) : s.stage.responsible)) : [])
  const next = open.map((s) => `${s.stage.name}${s.stage.deadline ? `（${formatChinaDate(s.stage.deadline)}前）` : ''}`).join('、')
  for (const u of await staffFor(deps, c, parties)) {
    staff.push({
      id: messageKey({ caseId: c.id, stage, kind, deadline: null, recipient: u.id }),
      version: 1,
      recipientUserId: u.id,
      caseId: c.id,
      title: `${c.person.name}：${CASE_ACTION_NAMES[type]}`,
      body: type === 'detailsDisputed' ? `${c.person.name}提出基本信息有误，请核实后答复。` : next ? `下一步：${next}。` : '移交已全部办完。',
      createdAt: now.toISOString(),
      read: false,
    })
  }
  // The stage message says 已办完: a step that leaves its stage open (the community's signature, 人社局's check) stays in the inbox.
  const stageDone = status.inScope && status.stages.some((s) => s.stage.id === stage && s.status === 'done')
  const templateKey = type === 'correctionAnswered' ? 'correctionAnswered' : type in STEP_STAGE && stageDone ? 'stageChanged' : null
  if (templateKey) {
    for (const u of await consentingReaders(deps, c.id, templateKey)) {
      const values: Record<string, string> = templateKey === 'stageChanged' ? { stage: CASE_ACTION_NAMES[type], status: '已办完', date: formatChinaDate(chinaDateOf(event.at)), note: next ? `下一步：${next}` : '移交已全部办完' } : { result: '已答复', note: '请在小程序里查看答复' }
      pushes.push(newDelivery(now, messageKey({ caseId: c.id, stage, kind, deadline: null, recipient: u.id }), c.id, u.id, templateKey, values))
    }
    if (pushes.length === 0 && smsOn) {
      const text = templateKey === 'stageChanged' ? `移交进度更新：${CASE_ACTION_NAMES[type]}，请在小程序查看` : '您反映的信息有误一事已答复，请在小程序查看'
      const sms = await smsInstead(deps, c, now, messageKey({ caseId: c.id, stage, kind, deadline: null, recipient: ROSTER_PHONE_RECIPIENT }), templateKey, text)
      if (sms) pushes.push(sms)
    }
  }
  return { staff, pushes }
}

/** Sends the subscribe messages that are due (never in quiet hours), with the consent rules and error handling. */
export async function sendDue(deps: Deps, sender: SubscribeMessageSender, now: Date, limit = 1000, sms?: SmsSender): Promise<Omit<DispatchReport, 'events' | 'queued' | 'staffMessages'>> {
  const report = { sent: 0, failed: 0, retrying: 0, skipped: 0, uncertain: 0, quiet: quietUntil(now) !== null }
  // A claim whose outcome was never recorded (a crash between send and mark) is not sent again.
  const { items: sending } = await deps.store.listDocs('delivery', { status: 'sending' }, { limit })
  for (const d of sending) {
    if (d.claimedAt && now.getTime() - Date.parse(d.claimedAt) > SENDING_LEASE_MS) {
      await deps.store.commit({ docs: [{ kind: 'delivery', next: { ...d, version: d.version + 1, status: 'uncertain', lastError: '发送结果未记录，为避免重复不再发送' }, expectedVersion: d.version }] })
      report.uncertain++
    }
  }
  if (report.quiet) return report
  const { items } = await deps.store.listDocs('delivery', { status: 'pending' }, { limit })
  for (const d of items) {
    if (d.notBefore > now.toISOString()) continue
    if (channelOf(d) === 'sms') {
      if (sms) await sendSms(deps, sms, d, now, report)
      else {
        // The SMS channel was taken away (no template configured any more): the message stays in the inbox only.
        await deps.store.commit({ docs: [{ kind: 'delivery', next: { ...d, version: d.version + 1, status: 'skipped', lastError: '没有可用的短信通道（消息已在小程序的消息里）' }, expectedVersion: d.version }] }).catch(() => undefined)
        report.skipped++
      }
      continue
    }
    const claimed: Delivery = { ...d, version: d.version + 1, status: 'sending', claimedAt: now.toISOString(), attempts: d.attempts + 1 }
    try {
      await deps.store.commit({ docs: [{ kind: 'delivery', next: claimed, expectedVersion: d.version }] })
    } catch {
      continue // another run claimed it
    }
    const template = SUBSCRIBE_TEMPLATES[d.templateKey]
    const consentId = `${d.recipientUserId}~${template.id}`
    const consent = await deps.store.getDoc('subscribeConsent', consentId)
    const finish = (next: Partial<Delivery>, consentNext?: SubscribeConsent) =>
      deps.store.commit({
        docs: [
          { kind: 'delivery', next: { ...claimed, version: claimed.version + 1, ...next }, expectedVersion: claimed.version },
          ...(consent && consentNext ? [{ kind: 'subscribeConsent' as const, next: consentNext, expectedVersion: consent.version }] : []),
        ],
      })
    if (!consent || (consent.kind === 'oneTime' && consent.used >= consent.accepted)) {
      await finish({ status: 'skipped', lastError: '没有可用的订阅授权（消息已在小程序的消息里）' })
      report.skipped++
      continue
    }
    let sendError: { error: unknown } | null = null
    try {
      await sender.send({ touser: d.recipientUserId, templateId: template.id, page: d.page, data: Object.fromEntries(Object.entries(d.data).map(([k, v]) => [k, { value: v }])), miniprogramState: 'formal' })
    } catch (error) {
      sendError = { error }
    }
    if (!sendError) {
      // Marking is outside the try: if it fails, the claim stays 'sending' and is never sent again.
      await finish({ status: 'sent', sentAt: now.toISOString() }, { ...consent, version: consent.version + 1, used: consent.used + 1, updatedAt: now.toISOString() })
      report.sent++
      continue
    }
    const code = sendErrorCode(sendError.error)
    if (code === CONSENT_REFUSED) {
      await finish({ status: 'failed', lastError: '43101 用户拒绝或授权已用完' }, { ...consent, version: consent.version + 1, used: Math.max(consent.used, consent.accepted), updatedAt: now.toISOString() })
      report.failed++
    } else if (code !== null && PERMANENT_SEND_ERRORS[code]) {
      await finish({ status: 'failed', lastError: `${code} ${PERMANENT_SEND_ERRORS[code]}` })
      report.failed++
    } else if (claimed.attempts > RETRY_BACKOFF_MS.length) {
      await finish({ status: 'failed', lastError: `${code ?? 'error'}：重试 ${claimed.attempts} 次仍未成功` })
      report.failed++
    } else {
      const wait = RETRY_BACKOFF_MS[claimed.attempts - 1]
      await finish({ status: 'pending', claimedAt: null, notBefore: new Date(now.getTime() + wait).toISOString(), lastError: `${code ?? 'error'}：稍后重试` })
      report.retrying++
    }
  }
  return report
}

export async function dispatch(deps: Deps, sender: SubscribeMessageSender, sms?: SmsSender): Promise<DispatchReport> {
  const now = deps.clock.now()
  const expanded = await expandEvents(deps, now, 1000, sms !== undefined)
  return { ...expanded, ...(await sendDue(deps, sender, now, 1000, sms)) }
}

/**
 * The counter of SMS claimed for one case's roster phone on one China day (the cap counts them).
 * It is incremented before a send, so that runs at once cannot race past the cap, and counts
 * every SMS that went or may have gone (accepted, or an outcome that was lost); one the platform
 * refused is given back.
 */
export function smsCapKey(caseId: string, day: string): string {
  return `sms:${caseId}:${day}`
}

/** 08:00 China time on the day after `now`. */
function nextMorning(now: Date): Date {
  return quietUntil(new Date(Date.parse(`${chinaDateOf(now)}T21:00:00+08:00`))) ?? now
}

/**
 * One due SMS: the same claim, lease, retry and idempotency rules as a subscribe message, and the
 * daily cap per person. Its outcome is recorded on the case's reach: delivered, or bounced (the
 * number is marked bad and the enterprise and the community are asked to correct it).
 */
async function sendSms(deps: Deps, sms: SmsSender, d: Delivery, now: Date, report: Omit<DispatchReport, 'events' | 'queued' | 'staffMessages'>): Promise<void> {
  // Increment first, then check: two runs at once cannot both pass the cap.
  const capKey = smsCapKey(d.caseId, chinaDateOf(now))
  const giveBack = () => deps.store.incrementCounter(capKey, -1)
  if ((await deps.store.incrementCounter(capKey)) > SMS_DAILY_CAP) {
    await giveBack() // nothing is sent: the counter keeps counting only SMS that went or may have gone
    await deps.store.commit({ docs: [{ kind: 'delivery', next: { ...d, version: d.version + 1, notBefore: nextMorning(now).toISOString(), lastError: `今天已发 ${SMS_DAILY_CAP} 条短信，明天再发` }, expectedVersion: d.version }] }).catch(() => undefined)
    report.retrying++
    return
  }
  const claimed: Delivery = { ...d, version: d.version + 1, status: 'sending', claimedAt: now.toISOString(), attempts: d.attempts + 1 }
  try {
    await deps.store.commit({ docs: [{ kind: 'delivery', next: claimed, expectedVersion: d.version }] })
  } catch {
    await giveBack()
    return // another run claimed it
  }
  const finish = (next: Partial<Delivery>, more: VersionedDoc[] = []) =>
    deps.store.commit({ docs: [{ kind: 'delivery', next: { ...claimed, version: claimed.version + 1, ...next }, expectedVersion: claimed.version }, ...more] })
  const c = await deps.store.getCase(d.caseId)
  const phone = c?.person.phone ?? ''
  if (!c || !reachFacts(phone, await deps.store.getDoc('caseReach', c.id)).phoneUsable) {
    await giveBack()
    await finish({ status: 'skipped', lastError: '花名册电话不是可用的手机号（消息已在小程序的消息里）' })
    report.skipped++
    return
  }
  let status: { code: string } | null = null
  let requestError: number | null = null
  try {
    status = await sms.send({ phone, text: d.smsText ?? '', page: d.page })
  } catch (error) {
    requestError = sendErrorCode(error)
  }
  const outcome = (result: 'delivered' | 'bounced') => reachChange(deps.store, c.id, (r) => withSmsOutcome(r, phone, result, now), now)
  // 'Ok' means the platform accepted the SMS, not that the carrier delivered it (no delivery
  // receipt is read): reachability counts an accepted SMS as reaching the person.
  if (status?.code === SMS_OK) {
    const reach = await outcome('delivered')
    await finish({ status: 'sent', sentAt: now.toISOString() }, reach ? [reach] : [])
    report.sent++
    return
  }
  if (status?.code === SMS_OUTCOME_UNKNOWN) {
    // The answer does not say whether it went: like a lost outcome of a push, never sent again (and it stays counted).
    await finish({ status: 'uncertain', lastError: '短信平台未返回发送结果，为避免重复不再发送' })
    report.uncertain++
    return
  }
  // The platform said the SMS did not go (a per-number refusal, or the whole request refused):
  // its place under the cap is given back; a retry claims one again. An error without an errCode
  // (a broken connection) may have sent it, so it stays counted.
  if (status || requestError !== null) await giveBack()
  const code = status?.code ?? String(requestError ?? 'error')
  if (status && SMS_BOUNCE_CODES[status.code]) {
    const reach = await outcome('bounced')
    const asked = await onlyNew(deps, (await phoneCorrectionRequests(deps, c, d, now)).map((next) => ({ kind: 'staffMessage' as const, next, expectedVersion: null })))
    await finish({ status: 'failed', lastError: `${code} ${SMS_BOUNCE_CODES[status.code]}` }, [...(reach ? [reach] : []), ...(asked as VersionedDoc[])])
    report.failed++
  } else if (status && SMS_REFUSED_CODES[status.code]) {
    await finish({ status: 'failed', lastError: `${code} ${SMS_REFUSED_CODES[status.code]}` })
    report.failed++
  } else if (requestError !== null && PERMANENT_SMS_REQUEST_ERRORS[requestError]) {
    await finish({ status: 'failed', lastError: `${code} ${PERMANENT_SMS_REQUEST_ERRORS[requestError]}` })
    report.failed++
  } else if (claimed.attempts > RETRY_BACKOFF_MS.length) {
    await finish({ status: 'failed', lastError: `${code}：重试 ${claimed.attempts} 次仍未成功` })
    report.failed++
  } else {
    const wait = RETRY_BACKOFF_MS[claimed.attempts - 1]
    await finish({ status: 'pending', claimedAt: null, notBefore: new Date(now.getTime() + wait).toISOString(), lastError: `${SMS_TRANSIENT_CODES[code] ?? code}：稍后重试` })
    report.retrying++
  }
}

/**
 * A bounced SMS asks the enterprise's operators and the receiving community's admins to correct
 * the roster phone: one message each per bounced delivery (after a bounce the number is marked
 * bad and gets no more SMS until it is corrected). The number is shown masked.
 */
async function phoneCorrectionRequests(deps: Deps, c: RetireeCase, d: Delivery, now: Date): Promise<StaffMessage[]> {
  const staff = await staffFor(deps, c, new Set<ResponsibleParty>(['enterprise']))
  const admins = await deps.store.listUsers({ orgId: c.summary.receivingCommunityId, role: 'communityAdmin' })
  return [...staff, ...admins].map((u) => ({
    id: messageKey({ caseId: c.id, stage: 'details', kind: `phoneBounced:${d.id}`, deadline: null, recipient: u.id }),
    version: 1,
    recipientUserId: u.id,
    caseId: c.id,
    title: `${c.person.name}：联系电话收不到短信`,
    body: `发往 ${maskPhone(c.person.phone)} 的短信未能送达（号码无效）。请核实后更正花名册上的联系电话，更正后恢复短信通知。`,
    createdAt: now.toISOString(),
    read: false,
  }))
}
