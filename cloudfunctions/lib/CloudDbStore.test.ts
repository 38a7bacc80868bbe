import { describeStoreContract } from '../../shared/ports/StoreContract'
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
    await expect(new FakeCloudDatabase().collection('c').doc('x').get()).rejects.toThrow(/does not exist/)
    await expect(new FakeCloudDatabase({ throwOnNotFound: false }).collection('c').doc('x').get()).resolves.toEqual({ data: null })
  })

  test('get() returns at most 100 by default and refuses a limit above 1000', async () => {
    const db = new FakeCloudDatabase()
    for (let i = 0; i < 120; i++) await db.collection('c').add({ data: { _id: `d${String(i).padStart(3, '0')}` } })
    expect((await db.collection('c').where({}).get()).data).toHaveLength(100)
    expect(() => db.collection('c').limit(1001)).toThrow(/1000/)
  })

  test('rollback(reason) makes runTransaction reject with that reason and applies nothing', async () => {
    const db = new FakeCloudDatabase({ throwOnNotFound: false })
    const run = db.runTransaction(async (tx) => {
      await tx.collection('c').doc('a').set({ data: { v: 1 } })
      await tx.rollback(-100)
    })
    await expect(run).rejects.toBe(-100)
    expect((await db.collection('c').doc('a').get()).data).toBeNull()
  })

  test('where().update() merges nested objects unless wrapped in command.set()', async () => {
    const db = new FakeCloudDatabase()
    await db.collection('c').add({ data: { _id: 'a', o: { x: 1, y: 2 } } })
    await db.collection('c').where({ _id: 'a' }).update({ data: { o: { x: 9 } } })
    expect((await db.collection('c').doc('a').get()).data).toMatchObject({ o: { x: 9, y: 2 } })
    await db.collection('c').where({ _id: 'a' }).update({ data: { o: db.command.set({ x: 1 }) } })
    expect((await db.collection('c').doc('a').get()).data).toMatchObject({ o: { x: 1 } })
    expect((await db.collection('c').doc('a').get()).data?.o).not.toHaveProperty('y')
  })
})
