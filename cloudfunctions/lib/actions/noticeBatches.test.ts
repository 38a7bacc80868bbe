/** print.notices batch by batch, with batches of 3 letters so the seed fills several. */
import type { NoticeBatchView } from '../../../shared/NoticeLetter'
import { seededCloud } from '../../../test/support/cloudHarness'
import { usePrintFont } from '../../../test/support/printFont'

jest.mock('../../../shared/NoticeLetter', () => ({ ...jest.requireActual('../../../shared/NoticeLetter'), NOTICE_BATCH: 3 }))

beforeAll(() => usePrintFont())

test('batches follow each other by the cursor: every letter once, in case order, the last batch says there is no more', async () => {
  const cloud = await seededCloud()
  const whole: string[] = []
  let after: string | undefined
  let batches = 0
  for (;;) {
    const batch = await cloud.ok<NoticeBatchView>('dev-grid-wulan', 'print.notices', after === undefined ? {} : { after })
    batches++
    expect(batch.people.length).toBeLessThanOrEqual(3)
    whole.push(...batch.people.map((p) => p.caseId))
    expect(batch.total).toBeGreaterThan(3)
    if (batch.nextAfter === null) break
    expect(batch.nextAfter).toBe(batch.people.at(-1)!.caseId)
    after = batch.nextAfter
  }
  expect(batches).toBe(Math.ceil(whole.length / 3))
  expect(whole).toEqual([...new Set(whole)].sort())
  cloud.close()
})
