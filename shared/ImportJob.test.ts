import fc from 'fast-check'
import { advanceJob, CHUNK_OVERHEAD_WRITES, chunkPlan, chunkWrites, failJob, ImportJob, importProgress, newImportJob, progressText, type ChunkPlan, type RowWrites } from './ImportJob'

const AT = new Date('2020-03-20T01:00:00Z')
const LATER = new Date('2020-03-20T01:05:00Z')
const job = (rows: number) => newImportJob({ previewId: 'roster-1', enterpriseId: 'ent-water', createdBy: 'dev-ent-water', rows, maxWrites: 100, at: AT })

/** Splits rows into chunks the way the job plans them: each row joins the chunk while it fits (the plan's count checked against chunkWrites). */
function chunksOf(rows: RowWrites[], maxWrites: number): RowWrites[][] {
  const chunks: RowWrites[][] = []
  let plan: ChunkPlan<RowWrites> = chunkPlan(maxWrites)
  const close = () => {
    expect(plan.writes()).toBe(chunkWrites(plan.rows))
    chunks.push([...plan.rows])
  }
  for (const r of rows) {
    if (!plan.join(r)) {
      close()
      plan = chunkPlan(maxWrites)
      expect(plan.join(r)).toBe(true)
    }
  }
  if (plan.rows.length) close()
  return chunks
}

describe('an import job, status by status', () => {
  // running → running … → done; running → failed. Each transition, and what the screen says.
  test('a new job runs from row 0, dated at the confirmation, and parses as stored', () => {
    const j = job(25)
    expect(j).toMatchObject({ id: 'roster-1', version: 1, rows: 25, rowsDone: 0, chunksDone: 0, status: 'running', failure: null, confirmedAt: AT.toISOString() })
    expect(ImportJob.parse(j)).toEqual(j)
    expect(progressText(importProgress(j))).toBe('正在写入：已写入 0 行，共 25 行。')
  })

  test('a job of no rows is done at once', () => {
    expect(job(0).status).toBe('done')
  })

  test('each chunk advances the job and its version; the last makes it done', () => {
    const one = advanceJob(job(25), 10, LATER)
    expect(one).toMatchObject({ version: 2, rowsDone: 10, chunksDone: 1, status: 'running', updatedAt: LATER.toISOString(), confirmedAt: AT.toISOString() })
    const two = advanceJob(advanceJob(one, 10, LATER), 5, LATER)
    expect(two).toMatchObject({ version: 4, rowsDone: 25, chunksDone: 3, status: 'done' })
    expect(progressText(importProgress(two))).toBe('已完成：25 行全部写入。')
  })

  test('a stale row stops the job where it is, naming the row and why', () => {
    const stopped = failJob(advanceJob(job(25), 10, LATER), 14, '这个人刚刚已经登记移交了，不能重复移交。', LATER)
    expect(stopped).toMatchObject({ version: 3, rowsDone: 10, status: 'failed', failure: { row: 14, message: '这个人刚刚已经登记移交了，不能重复移交。' } })
    expect(progressText(importProgress(stopped))).toContain('第 14 行：这个人刚刚已经登记移交了')
    expect(progressText(importProgress(stopped))).toContain('写入了 10 行，共 25 行')
  })
})

describe('chunk sizes', () => {
  test('a chunk counts its documents, its own overhead and each figure key once', () => {
    const row = (documents: number, figureKeys: string[]): RowWrites => ({ documents, figureKeys })
    expect(chunkWrites([])).toBe(CHUNK_OVERHEAD_WRITES)
    expect(chunkWrites([row(5, ['a', 'b']), row(5, ['b', 'c'])])).toBe(CHUNK_OVERHEAD_WRITES + 10 + 3)
  })

  test('a new case of one community: 30 figure keys, so 13 cases to a chunk of 100 writes (3 + 30 + 13 × 5 = 98)', () => {
    const caseRow = (community: string): RowWrites => ({ documents: 5, figureKeys: [...Array.from({ length: 15 }, (_, i) => `enterprise:e|${i}`), ...Array.from({ length: 15 }, (_, i) => `community:${community}|${i}`)] })
    expect(chunksOf(Array.from({ length: 26 }, () => caseRow('a')), 100).map((c) => c.length)).toEqual([13, 13])
    // Every other row in another community: each chunk moves two communities' figures, 10 cases (3 + 45 + 10 × 5 = 98).
    expect(chunksOf(Array.from({ length: 22 }, (_, i) => caseRow(i % 2 ? 'a' : 'b')), 100).map((c) => c.length)).toEqual([10, 10, 2])
  })

  test('for all rows: every chunk fits, no row is lost or reordered, and a chunk ends only when the next row would not fit', () => {
    const row = fc.record({ documents: fc.integer({ min: 1, max: 8 }), figureKeys: fc.uniqueArray(fc.constantFrom(...Array.from({ length: 60 }, (_, i) => `k${i}`)), { maxLength: 30 }) })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), fc.integer({ min: 45, max: 200 }), (rows, max) => {
        const chunks = chunksOf(rows, max)
        expect(chunks.flat()).toEqual(rows)
        for (const [i, c] of chunks.entries()) {
          expect(chunkWrites(c)).toBeLessThanOrEqual(max)
          if (i + 1 < chunks.length) expect(chunkWrites([...c, chunks[i + 1][0]])).toBeGreaterThan(max)
        }
      }),
    )
  })
})
