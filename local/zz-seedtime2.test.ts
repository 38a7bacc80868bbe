import { performance } from 'node:perf_hooks'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import { openSqliteStore } from './SqliteStore'
import { seedDemo } from './seed'
import { allCases } from '../shared/testing/fixtures'
import { replaySnapshots } from '../shared/UnitSnapshot'
import { createIdNumberVault } from '../cloudfunctions/lib/AesIdNumberVault'
test('time', async () => {
  const vault = createIdNumberVault(Buffer.alloc(32, 5))
  const store = openSqliteStore(':memory:')
  await seedDemo(store, erenhot2019, vault, { count: 320, now: new Date('2020-03-20T01:00:00Z'), history: false })
  const cases = await allCases(store)
  for (let i = 0; i < 5; i++) {
    let t = performance.now()
    const s = replaySnapshots(erenhot2019, cases, '2019-09-21', '2020-03-19', () => new Date())
    console.log(`replay ${(performance.now() - t).toFixed(0)} ms ${s.length}`)
  }
})
