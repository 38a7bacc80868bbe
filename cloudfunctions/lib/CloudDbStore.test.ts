import { fixedClock } from '../../shared/Clock'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { IGNORED_RECORD_ACTIONS } from '../../shared/ports/RecordSchemas'
import { describeStoreContract } from '../../shared/ports/StoreContract'
import { describeFiguresContract, describeFiguresOfOlderRecords, describeFiguresRecount } from '../../shared/ports/FiguresContract'
import { makeCase } from '../../shared/testing/fixtures'
import { createCloudDbStore } from './CloudDbStore'
import { FakeCloudDatabase } from './FakeCloudDatabase'

describeStoreContract('WeChat cloud database (against FakeCloudDatabase)', async () => {
  const db = new FakeCloudDatabase({ throwOnNotFound: false })
  return {
    store: createCloudDbStore(db),
    dump: () => db.dump(),
    // A server-side add: no _openid, as the server would have written it.
    plantRaw: async (kind, id, record) => void (await db.collection(kind).add({ data: { ...record, _id: id } })),
  }
})

describe('FakeCloudDatabase follows the documented API', () => {
  test('doc().get() of a missing document rejects unless throwOnNotFound is false', async () => {
    await expect(new FakeCloudDatabase({ recordQueries: false }).collection('c').doc('x').get()).rejects.toThrow(/does not exist/)
    await expect(new FakeCloudDatabase({ throwOnNotFound: false, recordQueries: false }).collection('c').doc('x').get()).resolves.toEqual({ data: null })
  })

  test('get() returns at most 100 by default and refuses a limit above 1000', async () => {
    const db = new FakeCloudDatabase({ recordQueries: false })
    for (let i = 0; i < 120; i++) await db.collection('c').add({ data: { _id: `d${String(i).padStart(3, '0')}` } })
    expect((await db.collection('c').where({}).get()).data).toHaveLength(100)
    expect(() => db.collection('c').limit(1001)).toThrow(/1000/)
  })

  test('rollback(reason) makes runTransaction reject with that reason and applies nothing', async () => {
    const db = new FakeCloudDatabase({ throwOnNotFound: false, recordQueries: false })
    const run = db.runTransaction(async (tx) => {
      await tx.collection('c').doc('a').set({ data: { v: 1 } })
      await tx.rollback(-100)
    })
    await expect(run).rejects.toBe(-100)
    expect((await db.collection('c').doc('a').get()).data).toBeNull()
  })

  test('where().update() merges nested objects unless wrapped in command.set()', async () => {
    const db = new FakeCloudDatabase({ recordQueries: false })
    await db.collection('c').add({ data: { _id: 'a', o: { x: 1, y: 2 } } })
    await db.collection('c').where({ _id: 'a' }).update({ data: { o: { x: 9 } } })
    expect((await db.collection('c').doc('a').get()).data).toMatchObject({ o: { x: 9, y: 2 } })
    await db.collection('c').where({ _id: 'a' }).update({ data: { o: db.command.set({ x: 1 }) } })
    expect((await db.collection('c').doc('a').get()).data).toMatchObject({ o: { x: 1 } })
    expect((await db.collection('c').doc('a').get()).data?.o).not.toHaveProperty('y')
  })

  test('command.and / command.or combine whole conditions across fields; gte is inclusive; field-level and/or is refused', async () => {
    const db = new FakeCloudDatabase({ recordQueries: false })
    const _ = db.command
    for (const [id, at] of [['a', 1], ['b', 2], ['c', 2], ['d', 3]] as const) await db.collection('c').add({ data: { _id: id, at, k: id === 'd' ? 'x' : 'y' } })
    const ids = async (cond: object) => (await db.collection('c').where(cond).orderBy('at', 'asc').orderBy('_id', 'asc').get()).data.map((d) => d._id)
    expect(await ids(_.or([{ at: _.gt(2) }, { at: 2, _id: _.gt('b') }]))).toEqual(['c', 'd'])
    expect(await ids(_.and([{ k: 'y' }, { at: _.gte(2) }, _.or([{ at: _.lt(2) }, { _id: 'c' }])]))).toEqual(['c'])
    expect(await ids({ at: _.gte(2) })).toEqual(['b', 'c', 'd'])
    await expect(ids({ at: _.or([1, 2]) })).rejects.toThrow(/not a query command/)
  })

  test('command.exists(false) matches documents without the field', async () => {
    const db = new FakeCloudDatabase({ recordQueries: false })
    await db.collection('c').add({ data: { _id: 'a', x: 1 } })
    await db.collection('c').add({ data: { _id: 'b', x: 1, _openid: 'o' } })
    expect((await db.collection('c').where({ _openid: db.command.exists(false) }).get()).data.map((d) => d._id)).toEqual(['a'])
    expect((await db.collection('c').where({ _openid: db.command.exists(true) }).get()).data.map((d) => d._id)).toEqual(['b'])
  })
})

describe('a record a client planted (it carries _openid) is absent to the cloud store', () => {
  const policy = erenhot2019
  async function setUp() {
    const db = new FakeCloudDatabase({ throwOnNotFound: false })
    const store = createCloudDbStore(db, { clock: fixedClock('2020-03-20T01:00:00Z') })
    const client = db.client('o-attacker')
    /** The audit entries written for ignored records. */
    const sightings = async () => (await db.inspect('audit').where({ action: IGNORED_RECORD_ACTIONS.clientWritten }).limit(1000).get()).data
    return { db, store, client, sightings }
  }

  test('the fake adds a client record the documented way: _openid is the caller, whatever the data says', async () => {
    const { db, client } = await setUp()
    await client.collection('users').add({ data: { _id: 'o-attacker', _openid: 'o-someone-else', role: 'supervisor' } })
    expect((await db.collection('users').doc('o-attacker').get()).data).toMatchObject({ _openid: 'o-attacker', role: 'supervisor' })
  })

  test('reads of every kind treat it as missing; each sighting is audited by collection and id, never its content', async () => {
    const { store, client, sightings } = await setUp()
    const real = makeCase(policy, { id: 'case-5', idNumber: '152501195503150010' })
    await store.commit({ cases: [{ next: real, expectedVersion: null }], users: [{ id: 'u1', role: 'gridWorker', name: '孟和', orgId: 'com-a' }] })
    // Schema-valid forgeries, so that only _openid gives them away.
    await client.collection('cases').add({ data: { ...makeCase(policy, { id: 'case-1', name: '伪造者' }), _id: 'case-1', person: { ...real.person, name: '伪造者' } } })
    await client.collection('users').add({ data: { _id: 'o-attacker', id: 'o-attacker', role: 'supervisor', name: '伪造者', orgId: 'com-a' } })
    await client.collection('enterprises').add({ data: { _id: 'ent-x', id: 'ent-x', code: 'X', name: '伪造者', contactName: '', contactPhone: '' } })
    const reads: Array<[() => Promise<unknown>, unknown]> = [
      [() => store.getUser('o-attacker'), null],
      [() => store.listUsers({ orgId: 'com-a' }).then((us) => us.map((u) => u.id)), ['u1']],
      [() => store.getCase('case-1'), null],
      [() => store.findCaseByIdNumberHash(real.person.idNumber.hash).then((c) => c?.id), 'case-5'],
      [() => store.listEnterprises(), []],
    ]
    for (const [read, expected] of reads) {
      const before = (await sightings()).length
      expect(await read()).toEqual(expected)
      expect((await sightings()).length - before).toBe(1)
    }
    const page = await store.listCases({ limit: 1 })
    expect(page).toEqual({ items: [], nextCursor: 'case-1' })
    expect((await store.listCases({ limit: 1, after: page.nextCursor! })).items.map((c) => c.id)).toEqual(['case-5'])
    const entries = await sightings()
    expect(entries[0]).toMatchObject({ actor: { userId: 'system', role: 'system' }, outcome: 'refused', changes: [{ field: 'collection', after: 'users' }, { field: 'id', after: 'o-attacker' }] })
    expect(JSON.stringify(entries)).not.toContain('伪造者')
    expect(JSON.stringify(entries)).not.toContain('supervisor')
  })

  test('a planted counter counts as 0; incrementing starts from 0 and the server write replaces it', async () => {
    const { db, store, client, sightings } = await setUp()
    await client.collection('counters').add({ data: { _id: 'bind-fail:user:o-attacker', value: -1_000_000 } })
    expect(await store.getCounter('bind-fail:user:o-attacker')).toBe(0)
    expect(await store.incrementCounter('bind-fail:user:o-attacker')).toBe(1)
    expect((await db.collection('counters').doc('bind-fail:user:o-attacker').get()).data).toEqual({ _id: 'bind-fail:user:o-attacker', value: 1 })
    expect(await store.incrementCounter('bind-fail:user:o-attacker')).toBe(2)
    expect(await sightings()).toHaveLength(2)
  })

  test('a create replaces a planted document with the same id; an update of one is a conflict and leaves it alone', async () => {
    const { db, store, client, sightings } = await setUp()
    const c = makeCase(policy, { id: 'case-1' })
    await client.collection('cases').add({ data: { ...c, _id: 'case-1' } })
    await client.collection('cases').add({ data: { ...c, id: 'case-2', _id: 'case-2' } })
    // The single-update fast path (where({ _id, version })) must not touch it.
    await expect(store.commit({ cases: [{ next: { ...c, id: 'case-2', version: 2 }, expectedVersion: 1 }] })).rejects.toMatchObject({ code: 'CONFLICT' })
    // Nor the transaction.
    await expect(store.commit({ cases: [{ next: { ...c, id: 'case-2', version: 2 }, expectedVersion: 1 }], users: [{ id: 'u1', role: 'gridWorker', name: '孟和', orgId: 'com-a' }] })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect((await db.collection('cases').doc('case-2').get()).data).toMatchObject({ _openid: 'o-attacker', version: 1 })
    expect(await store.getUser('u1')).toBeNull()
    await store.commit({ cases: [{ next: c, expectedVersion: null }] })
    expect((await db.collection('cases').doc('case-1').get()).data).not.toHaveProperty('_openid')
    expect(await store.getCase('case-1')).toEqual(c)
    expect((await sightings()).length).toBeGreaterThanOrEqual(2)
  })

  test('a document whose own id is not its _id is not trusted', async () => {
    const { db, store } = await setUp()
    await db.collection('users').add({ data: { _id: 'o-attacker', id: 'u-supervisor', role: 'supervisor', name: '余宏利', orgId: 'office' } })
    expect(await store.getUser('o-attacker')).toBeNull()
    expect((await db.inspect('audit').where({ action: IGNORED_RECORD_ACTIONS.invalid }).get()).data).toHaveLength(1)
  })
})

describeFiguresContract('WeChat cloud database (against FakeCloudDatabase)', async () => {
  const db = new FakeCloudDatabase({ throwOnNotFound: false })
  const storedFigures = () => ((JSON.parse(db.dump()) as Array<[string, Array<{ _id: string; value: number }>]>).find(([name]) => name === 'figures')?.[1] ?? []).map((d): [string, number] => [d._id, d.value])
  return { store: createCloudDbStore(db), dump: () => db.dump(), plantRaw: () => undefined, storedFigures }
})

describeFiguresOfOlderRecords('WeChat cloud database (against FakeCloudDatabase)', async () => {
  const db = new FakeCloudDatabase({ throwOnNotFound: false })
  const corrupt = async (kind: 'cases' | 'expenseItem', id: string, field: string, value: unknown) => {
    await db.inspect(kind).where({ _id: id }).update({ data: { [field]: db.command.set(value) } })
  }
  return { store: createCloudDbStore(db), corrupt }
})

describeFiguresRecount('WeChat cloud database (against FakeCloudDatabase)', async () => {
  const db = new FakeCloudDatabase({ throwOnNotFound: false })
  const forget = async () => {
    const res = await db.inspect('figures').limit(1000).get()
    for (const doc of res.data) await db.collection('figures').doc(String(doc._id)).remove()
    await db.collection('figures').doc('enterprise:ent-gone|cases').set({ data: { value: 3 } })
  }
  return { store: createCloudDbStore(db), forget }
})
