import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ALL_COLLECTIONS, COLLECTIONS } from './CloudDbStore'
import { FakeCloudDatabase, type CollectionPermission } from './FakeCloudDatabase'

/** The declaration the deploy step applies: collection → database permission. */
const declared = JSON.parse(readFileSync(join(__dirname, '..', 'permissions.json'), 'utf8')) as { $comment: string; database: Record<string, CollectionPermission> }

describe('cloudfunctions/permissions.json', () => {
  test('every collection the cloud store can touch is declared, and declared admin-only', () => {
    expect(ALL_COLLECTIONS.length).toBeGreaterThanOrEqual(Object.keys(COLLECTIONS).length + 1)
    const missing = ALL_COLLECTIONS.filter((c) => !(c in declared.database))
    expect(missing).toEqual([])
    const notAdminOnly = ALL_COLLECTIONS.filter((c) => declared.database[c] !== 'ADMINONLY')
    expect(notAdminOnly).toEqual([])
  })

  test('it declares nothing the store does not use (a stale line would hide a renamed collection)', () => {
    expect(Object.keys(declared.database).filter((c) => !ALL_COLLECTIONS.includes(c))).toEqual([])
  })

  test('with these permissions applied, a client cannot add a record to any collection', async () => {
    const db = new FakeCloudDatabase({ throwOnNotFound: false, permissions: declared.database })
    for (const name of ALL_COLLECTIONS) {
      await expect(db.client('o-attacker').collection(name).add({ data: { _id: 'planted' } })).rejects.toThrow(/PERMISSION_DENIED/)
    }
    expect(db.dump()).not.toContain('planted')
  })
})
