import { DEFAULT_DOCUMENTS_PER_READ, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_PER_READ, MAX_TRANSACTION_WRITES, TRANSACTION_LIFETIME_MS } from '../../shared/ports/StoreLimits'
import { FakeCloudDatabase, recordedQueries } from './FakeCloudDatabase'

/** A fake of its own, with its queries kept out of the store's record. */
const fake = (now?: () => number) => new FakeCloudDatabase({ throwOnNotFound: false, recordQueries: false, now })

describe('FakeCloudDatabase enforces the cloud\'s limits (shared/ports/StoreLimits.ts)', () => {
  test('a read returns at most the default without limit(), and limit() above the maximum is refused', async () => {
    const db = fake()
    for (let i = 0; i < DEFAULT_DOCUMENTS_PER_READ + 5; i++) await db.collection('c').add({ data: { _id: `d${i}` } })
    expect((await db.collection('c').get()).data).toHaveLength(DEFAULT_DOCUMENTS_PER_READ)
    expect((await db.collection('c').limit(MAX_DOCUMENTS_PER_READ).get()).data).toHaveLength(DEFAULT_DOCUMENTS_PER_READ + 5)
    expect(() => db.collection('c').limit(MAX_DOCUMENTS_PER_READ + 1)).toThrow(/-501001/)
  })

  test('a transaction writes at most MAX_TRANSACTION_WRITES documents; past it nothing is written', async () => {
    const db = fake()
    const write = (n: number) => db.runTransaction(async (tx) => {
      for (let i = 0; i < n; i++) await tx.collection('c').doc(`n${n}-${i}`).set({ data: { i } })
      // Writing a document again is still one document.
      await tx.collection('c').doc(`n${n}-0`).set({ data: { i: 0 } })
    })
    await write(MAX_TRANSACTION_WRITES)
    await expect(write(MAX_TRANSACTION_WRITES + 1)).rejects.toThrow(/-502001.*MAX_TRANSACTION_WRITES/)
    expect((await db.collection('c').where({ _id: `n${MAX_TRANSACTION_WRITES + 1}-0` }).get()).data).toEqual([])
    expect((await db.collection('c').limit(1000).get()).data).toHaveLength(MAX_TRANSACTION_WRITES)
  })

  test('a transaction open past its lifetime is rolled back', async () => {
    let t = 0
    const db = fake(() => t)
    const run = (ms: number) => db.runTransaction(async (tx) => {
      await tx.collection('c').doc(`after-${ms}`).set({ data: {} })
      t += ms
    })
    await run(TRANSACTION_LIFETIME_MS)
    await expect(run(TRANSACTION_LIFETIME_MS + 1)).rejects.toThrow(/-501002.*TRANSACTION_LIFETIME_MS/)
    expect((await db.collection('c').doc(`after-${TRANSACTION_LIFETIME_MS}`).get()).data).not.toBeNull()
    expect((await db.collection('c').doc(`after-${TRANSACTION_LIFETIME_MS + 1}`).get()).data).toBeNull()
  })

  test('no document larger than MAX_DOCUMENT_BYTES is stored, by add, set, update or a transaction', async () => {
    const db = fake()
    const big = 'x'.repeat(MAX_DOCUMENT_BYTES)
    const fits = 'x'.repeat(MAX_DOCUMENT_BYTES - 100)
    await db.collection('c').add({ data: { _id: 'fits', s: fits } })
    await expect(db.collection('c').add({ data: { _id: 'a', s: big } })).rejects.toThrow(/-502001.*MAX_DOCUMENT_BYTES/)
    await expect(db.collection('c').doc('b').set({ data: { s: big } })).rejects.toThrow(/MAX_DOCUMENT_BYTES/)
    await expect(db.collection('c').where({ _id: 'fits' }).update({ data: { t: 'y'.repeat(200) } })).rejects.toThrow(/MAX_DOCUMENT_BYTES/)
    await expect(db.runTransaction(async (tx) => void (await tx.collection('c').doc('d').set({ data: { s: big } })))).rejects.toThrow(/MAX_DOCUMENT_BYTES/)
    expect((await db.collection('c').limit(10).get()).data.map((d) => d._id)).toEqual(['fits'])
  })
})

describe('FakeCloudDatabase records the shape of every query it is sent', () => {
  // The shapes are real ones of the store (the check after the suite holds them against the indexes too).
  test('equality, range (with an or-cursor), filtered-out fields and the sort; a test\'s own look is not recorded', async () => {
    const db = new FakeCloudDatabase({ throwOnNotFound: false })
    const _ = db.command
    await db.collection('audit').where(_.and([{ caseId: 'c1' }, { _openid: _.exists(false) }, _.or([{ at: _.gt('a') }, { at: 'a', _id: _.gt('x') }])])).orderBy('at', 'asc').orderBy('_id', 'asc').limit(5).get()
    await db.collection('cases').where({ summary: { inScope: true }, 'summary.done': false, 'summary.receivingCommunityId': _.in(['com-a']), 'summary.nextDeadline': _.lt('2020-01-01') }).count()
    await db.inspect('audit').where({ action: 'x' }).get()
    const shapes = recordedQueries()
    expect(shapes).toContainEqual({ collection: 'audit', op: 'get', equal: ['caseId'], range: ['_id', 'at'], filter: ['_openid'], order: ['at', '_id'] })
    expect(shapes).toContainEqual({ collection: 'cases', op: 'count', equal: ['summary.done', 'summary.inScope', 'summary.receivingCommunityId'], range: ['summary.nextDeadline'], filter: [], order: [] })
    expect(shapes.some((s) => s.equal.includes('action'))).toBe(false)
  })
})
