/**
 * Crash injection: the process dies at the k-th store call, for every k up to the number of
 * calls the operation makes, then the operation runs again to completion.
 * - The notification dispatcher: an event is marked delivered only together with its messages,
 *   and after the rerun every message exists once and no subscribe message was sent twice.
 * - The agreement countersign: every case of the agreement moved and the agreement signed, or
 *   nothing; after the rerun each case carries the step (and its inbox message and event) once.
 */
import { crashingStore } from '../../shared/testing/CrashingStore'
import { SUBSCRIBE_TEMPLATES } from '../../shared/SubscribeTemplates'
import { handlers } from '../../cloudfunctions/lib/actions/all'
import { dispatch } from '../../cloudfunctions/lib/notify/dispatcher'
import { FakeSubscribeMessage } from '../../cloudfunctions/lib/notify/FakeSubscribeMessage'
import { createRouter } from '../../cloudfunctions/lib/router'
import { seededCloud } from '../support/cloudHarness'
import { recordFigure } from './figures'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

const figures = { dispatcherPoints: 0, countersignPoints: 0, halfWritten: 0, duplicates: 0 }

/** Up to three water-company retirees of Wulan ready for an agreement. */
async function readyCases(cloud: Cloud): Promise<string[]> {
  const { items } = await cloud.store.listCases({ enterpriseId: 'ent-water', currentStage: 'agreement', limit: 100 })
  return items.filter((c) => c.summary.receivingCommunityId === 'com-wulan').slice(0, 3).map((c) => c.id)
}

/** A draft agreement for the ready cases, signed by the community: the countersign is next. */
async function signedByCommunity(cloud: Cloud) {
  const draft = await cloud.ok('dev-ent-water', 'agreement.draft', { communityId: 'com-wulan', caseIds: await readyCases(cloud) })
  return cloud.ok('dev-admin-wulan', 'agreement.sign', { id: draft.id, expectedVersion: draft.version })
}

describe('the notification dispatcher', () => {
  const STAGE_TEMPLATE = SUBSCRIBE_TEMPLATES.stageChanged.id

  /** Pending events for several cases, and the retiree of case-0001 with two consents. */
  async function setUp() {
    const cloud = await seededCloud({ count: 40, now: '2020-03-20T02:00:00Z' }) // 10:00 China time
    for (let i = 0; i < 2; i++) await cloud.ok('dev-retiree-1', 'consent.record', { moment: 'afterBinding', results: { [STAGE_TEMPLATE]: 'accept' } })
    const a = await signedByCommunity(cloud)
    await cloud.ok('dev-ent-water', 'agreement.countersign', { id: a.id, expectedVersion: a.version })
    return cloud
  }

  const messageIds = async (cloud: Cloud) => {
    const staff = cloud.store.db.prepare("SELECT id FROM docs WHERE kind = 'staffMessage'").all() as Array<{ id: string }>
    const deliveries = cloud.store.db.prepare("SELECT id FROM docs WHERE kind = 'delivery'").all() as Array<{ id: string }>
    return [...staff.map((r) => `staff/${r.id}`), ...deliveries.map((r) => `delivery/${r.id}`)].sort()
  }

  /** Events marked delivered whose messages (as the clean run wrote them) are not all there. */
  async function halfWritten(cloud: Cloud, expected: string[]): Promise<string[]> {
    const have = new Set(await messageIds(cloud))
    const events = (await cloud.store.listDocs('outboxEvent', { status: 'delivered' }, { limit: 1000 })).items
    return events.filter((e) => expected.some((m) => m.includes(`${e.caseId}|`) && m.includes(`|stage:${e.type}|`) && !have.has(m))).map((e) => e.id)
  }

  test('a crash at every store call, then a rerun: no event marked without its messages, no message sent twice', async () => {
    const clean = await setUp()
    const counter = crashingStore(clean.store, Infinity)
    const cleanSender = new FakeSubscribeMessage()
    await dispatch({ ...clean.deps, store: counter.store }, cleanSender)
    const calls = counter.calls
    const expected = await messageIds(clean)
    clean.close()
    expect(cleanSender.sent).toHaveLength(1)
    expect(expected.length).toBeGreaterThan(3)

    for (let k = 1; k <= calls; k++) {
      const cloud = await setUp()
      const sender = new FakeSubscribeMessage()
      const crashing = crashingStore(cloud.store, k)
      // Whatever the dying run does after the crash, none of its store calls reach the store.
      await dispatch({ ...cloud.deps, store: crashing.store }, sender).catch(() => null)
      expect(crashing.crashed).toBe(true)
      const half = await halfWritten(cloud, expected)
      // The rerun, then another after the claim's lease (a claim whose outcome was lost is settled, not resent).
      await dispatch(cloud.deps, sender)
      cloud.clock.set('2020-03-20T02:30:00Z')
      await dispatch(cloud.deps, sender)
      const sentKeys = sender.sent.map((m) => `${m.touser}|${m.templateId}|${JSON.stringify(m.data)}`)
      const duplicates = sentKeys.length - new Set(sentKeys).size
      const pending = (await cloud.store.listDocs('outboxEvent', { status: 'pending' }, { limit: 1000 })).items.length
      figures.dispatcherPoints++
      figures.halfWritten += half.length + (pending > 0 ? 1 : 0)
      figures.duplicates += duplicates
      expect({ k, half, duplicates, pending, messages: await messageIds(cloud) }).toEqual({ k, half: [], duplicates: 0, pending: 0, messages: expected })
      cloud.close()
    }
  }, 60_000)
})

describe('the agreement countersign', () => {
  async function setUp() {
    const cloud = await seededCloud({ count: 40 })
    const agreement = await signedByCommunity(cloud)
    return { cloud, agreement }
  }

  /** Per case of the agreement: how many agreementSigned steps, inbox messages and events it has. */
  async function stepsPerCase(cloud: Cloud, caseIds: string[]) {
    const out: Record<string, { steps: number; inbox: number; events: number }> = {}
    for (const id of caseIds) {
      const c = (await cloud.store.getCase(id))!
      const inbox = (await cloud.store.listDocs('inboxMessage', { caseId: id }, { limit: 1000 })).items.filter((m) => m.title === '移交协议已签订')
      const events = (await cloud.store.listDocs('outboxEvent', { caseId: id }, { limit: 1000 })).items.filter((e) => e.type === 'agreementSigned')
      out[id] = { steps: c.actions.filter((a) => a.type === 'agreementSigned').length, inbox: inbox.length, events: events.length }
    }
    return out
  }

  test('a crash at every store call, then a rerun: all cases move with the agreement or none, and each once', async () => {
    const { cloud: clean, agreement } = await setUp()
    const counter = crashingStore(clean.store, Infinity)
    const res = await createRouter({ ...clean.deps, store: counter.store }, handlers)({ userId: 'dev-ent-water' }, { action: 'agreement.countersign', input: { id: agreement.id, expectedVersion: agreement.version } })
    expect(res.ok).toBe(true)
    const calls = counter.calls
    const caseIds = (await clean.store.getAgreement(agreement.id))!.caseIds
    clean.close()
    expect(caseIds.length).toBeGreaterThan(1)
    const once = Object.fromEntries(caseIds.map((id) => [id, { steps: 1, inbox: 1, events: 1 }]))
    const none = Object.fromEntries(caseIds.map((id) => [id, { steps: 0, inbox: 0, events: 0 }]))

    for (let k = 1; k <= calls; k++) {
      const { cloud, agreement: a } = await setUp()
      const crashing = crashingStore(cloud.store, k)
      const crashed = await createRouter({ ...cloud.deps, store: crashing.store }, handlers)({ userId: 'dev-ent-water' }, { action: 'agreement.countersign', input: { id: a.id, expectedVersion: a.version } })
      const signed = (await cloud.store.getAgreement(a.id))!.status === 'signed'
      const after = await stepsPerCase(cloud, caseIds)
      const whole = JSON.stringify(after) === JSON.stringify(signed ? once : none)
      // The rerun: the enterprise tries again with the version it now reads.
      const current = (await cloud.store.getAgreement(a.id))!
      if (current.status !== 'signed') await cloud.ok('dev-ent-water', 'agreement.countersign', { id: a.id, expectedVersion: current.version })
      const final = await stepsPerCase(cloud, caseIds)
      figures.countersignPoints++
      if (!whole) figures.halfWritten++
      if (JSON.stringify(final) !== JSON.stringify(once)) figures.duplicates++
      expect({ k, crashed: !crashed.ok && crashed.error.code, whole, final, status: (await cloud.store.getAgreement(a.id))!.status }).toEqual({ k, crashed: 'INTERNAL', whole: true, final: once, status: 'signed' })
      cloud.close()
    }
  }, 60_000)
})

afterAll(() => {
  recordFigure({
    area: 'Crash injection',
    tried: `${figures.dispatcherPoints} crash points in the dispatcher, ${figures.countersignPoints} in the agreement countersign, each followed by a rerun`,
    failures: figures.halfWritten + figures.duplicates,
    failureName: 'half-written batches or duplicate messages',
  })
})
