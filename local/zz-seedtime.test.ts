import { performance } from 'node:perf_hooks'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import { openSqliteStore } from './SqliteStore'
import { seedDemo } from './seed'
import { createIdNumberVault } from '../cloudfunctions/lib/AesIdNumberVault'
test('time', async () => {
  const vault = createIdNumberVault(Buffer.alloc(32, 5))
  for (const history of [false, true, false, true, false, true, false, true]) {
    const store = openSqliteStore(':memory:')
    const t = performance.now()
    await seedDemo(store, erenhot2019, vault, { count: 320, now: new Date('2020-03-20T01:00:00Z'), history })
    const n = (store.db.prepare("SELECT count(*) n FROM docs WHERE kind='unitSnapshot'").get() as any).n
    console.log(`history ${history} seed ${(performance.now() - t).toFixed(0)} ms, ${n} snapshots`)
    store.close()
  }
})
