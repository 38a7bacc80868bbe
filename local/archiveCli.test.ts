/** The archive command's files: an archive file and a downloaded cloud export folder both restore; a changed part does not. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { exportArchiveParts, ARCHIVE_KINDS } from '../cloudfunctions/lib/Archive'
import { createDeps } from '../cloudfunctions/lib/deps'
import { fixedClock } from '../shared/Clock'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import { readAllPages, type Store } from '../shared/ports/Store'
import { exportToFile, restoreFromPath } from './archiveCli'
import { seedDemo } from './seed'
import { openSqliteStore } from './SqliteStore'

const KEY = Buffer.alloc(32, 51)
const NOW = new Date('2020-03-20T01:00:00Z')
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'archive-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function seededFile() {
  const store = openSqliteStore(join(dir, 'source.sqlite'))
  const deps = createDeps({ store, policy: erenhot2019, clock: fixedClock(NOW), masterKey: Buffer.alloc(32, 3) })
  await seedDemo(store, erenhot2019, deps.vault, { count: 20, now: NOW })
  return store
}

const everything = async (store: Store) => Object.fromEntries(await Promise.all(ARCHIVE_KINDS.map(async (k) => [k, await readAllPages((after) => store.archivePage(k, { limit: 500, after }))] as const)))

test('an archive file: written for its owner alone, never over another, restored into a new file record for record', async () => {
  const store = await seededFile()
  const file = join(dir, 'a.retiree-archive')
  const counts = await exportToFile(store, KEY, file, { now: NOW, sealedWith: 'k1' })
  expect(statSync(file).mode & 0o777).toBe(0o600)
  await expect(exportToFile(store, KEY, file, { now: NOW, sealedWith: 'k1' })).rejects.toThrow(/EEXIST/)
  const target = openSqliteStore(join(dir, 'restored.sqlite'))
  expect(await restoreFromPath(target, KEY, file)).toEqual(counts)
  expect(await everything(target)).toEqual(await everything(store))
  store.close()
  target.close()
})

test('a cloud export downloaded as its folder restores; a part changed on the way does not, and writes nothing', async () => {
  const store = await seededFile()
  const folder = join(dir, 'download')
  const sink = { put: async (path: string, content: Buffer) => { const to = join(folder, path.replace(/^archive\/2020-03\//, '')); mkdirSync(dirname(to), { recursive: true }); writeFileSync(to, content) } }
  const done = await exportArchiveParts(store, KEY, sink, { id: '2020-03', now: () => NOW, sealedWith: 'k1', pageSize: 60 })
  expect(readdirSync(folder)).toHaveLength(done.chunks + 1)
  const target = openSqliteStore(join(dir, 'restored.sqlite'))
  await restoreFromPath(target, KEY, folder)
  const [was, now] = [await everything(store), await everything(target)]
  expect({ ...now, archiveExport: [] }).toEqual({ ...was, archiveExport: [] })

  const part = join(folder, '000002.part')
  const text = readFileSync(part, 'utf8')
  writeFileSync(part, text.slice(0, 20) + (text[20] === 'A' ? 'B' : 'A') + text.slice(21))
  const empty = openSqliteStore(join(dir, 'empty.sqlite'))
  await expect(restoreFromPath(empty, KEY, folder)).rejects.toMatchObject({ failure: 'tampered' })
  expect((await empty.archivePage('cases', { limit: 1 })).items).toEqual([])
  for (const s of [store, target, empty]) s.close()
})
