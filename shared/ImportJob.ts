import * as z from 'zod/mini'
import { assertNever } from './CaseState'

/**
 * The confirmation of a roster, written in chunks (the cloud database caps what one transaction
 * may write, shared/ports/StoreLimits.ts). Confirming creates the job; each chunk then writes
 * whole cases (a case, its audit entry, inbox message, notification event, ID reservation and the
 * board's figures, all in one commit) and advances the job in that same commit, guarded by the
 * job's version: a chunk that was already written is never written again, and two runners never
 * write the same chunk. Ids are derived from the preview and the row's place in the job, and every row is dated at
 * the confirmation, so a job that resumed after a crash ends exactly as one that never stopped.
 *
 * What "half" means for the roster as a whole: the preview reads as `confirming` while its job
 * runs, until the last chunk, which marks it `confirmed` in its own commit. Until then every case already written is
 * whole and counts on the board (the figures move with each case); the rows still to come are
 * simply not there yet, and the operator's screen says how many of how many are written.
 */
/**
 * Within each hukou community, the job writes its people in the order of their ID numbers' hashes,
 * so that a chunk's ID reservations and look-up keys land side by side in their indexes (ids
 * follow the same order) rather than scattered over the whole of each.
 */
export const BY_ID_HASH = 'idHash'

export const ImportJob = z.object({
  id: z.string().check(z.describe('the preview’s id: one job per preview')),
  version: z.int().check(z.gte(1)),
  previewId: z.string(),
  enterpriseId: z.string(),
  createdBy: z.string(),
  rows: z.int().check(z.gte(0), z.describe('rows to write: the accepted people, then the rows referred out of the city')),
  rowsDone: z.int().check(z.gte(0), z.describe('rows written so far, in the job’s order: the next chunk starts here')),
  chunksDone: z.int().check(z.gte(0)),
  maxWrites: z.int().check(z.gte(1), z.describe('most documents one chunk may write (the store\'s transactionWrites when the job was created)')),
  status: z.enum(['running', 'done', 'failed']),
  failure: z.nullable(z.object({ row: z.int(), message: z.string() })).check(z.describe('the row that stopped a failed job, and why')),
  rowOrder: z.optional(z.literal(BY_ID_HASH)).check(z.describe('the order its rows are written in, fixed when it was created (a resumed job keeps it): within each hukou community by ID-number hash; absent (jobs created before) by row')),
  confirmedAt: z.iso.datetime().check(z.describe('the operator’s confirmation: every row written is dated at it')),
  updatedAt: z.iso.datetime(),
})
export type ImportJob = z.infer<typeof ImportJob>

/** A new job for a confirmed preview of `rows` rows. */
export function newImportJob(p: { previewId: string; enterpriseId: string; createdBy: string; rows: number; maxWrites: number; at: Date }): ImportJob {
  const at = p.at.toISOString()
  return { id: p.previewId, version: 1, previewId: p.previewId, enterpriseId: p.enterpriseId, createdBy: p.createdBy, rows: p.rows, rowsDone: 0, chunksDone: 0, maxWrites: p.maxWrites, status: p.rows === 0 ? 'done' : 'running', failure: null, rowOrder: BY_ID_HASH, confirmedAt: at, updatedAt: at }
}

/** The job after one more chunk of `rows` rows; done when none are left. */
export function advanceJob(job: ImportJob, rows: number, at: Date): ImportJob {
  const rowsDone = Math.min(job.rows, job.rowsDone + rows)
  return { ...job, version: job.version + 1, rowsDone, chunksDone: job.chunksDone + 1, status: rowsDone === job.rows ? 'done' : 'running', updatedAt: at.toISOString() }
}

/** The job stopped at a row that can no longer be written as previewed (someone changed it meanwhile). */
export function failJob(job: ImportJob, row: number, message: string, at: Date): ImportJob {
  return { ...job, version: job.version + 1, status: 'failed', failure: { row, message }, updatedAt: at.toISOString() }
}

/** What one row writes, as the cloud counts a transaction's writes: its documents, and the figure keys it moves (shared by the chunk). */
export interface RowWrites {
  documents: number
  figureKeys: Iterable<string>
}

/**
 * Documents a chunk writes besides its rows: the job itself, the preview (marked confirmed by the
 * last chunk) and one audit entry for the chunk's referrals. Counted for every chunk, so a chunk
 * never needs to know whether it is the last.
 */
export const CHUNK_OVERHEAD_WRITES = 3

/** Documents a chunk of these rows writes, each figure key counted once: what must stay within the job's maxWrites. */
export function chunkWrites(rows: readonly RowWrites[]): number {
  const keys = new Set<string>()
  let documents = CHUNK_OVERHEAD_WRITES
  for (const r of rows) {
    documents += r.documents
    for (const k of r.figureKeys) keys.add(k)
  }
  return documents + keys.size
}

/** A chunk being planned: its rows, and its writes as chunkWrites counts them, kept up as rows join (not recounted per row). */
export interface ChunkPlan<R extends RowWrites> {
  readonly rows: readonly R[]
  writes(): number
  /** Adds the row if it joins: always the first (a row that alone does not fit is refused by the caller), then while the chunk stays within maxWrites. */
  join(row: R): boolean
}

export function chunkPlan<R extends RowWrites>(maxWrites: number): ChunkPlan<R> {
  const rows: R[] = []
  const keys = new Set<string>()
  let documents = CHUNK_OVERHEAD_WRITES
  return {
    rows,
    writes: () => documents + keys.size,
    join(row) {
      const added = new Set<string>()
      for (const k of row.figureKeys) if (!keys.has(k)) added.add(k)
      if (rows.length > 0 && documents + row.documents + keys.size + added.size > maxWrites) return false
      rows.push(row)
      documents += row.documents
      for (const k of added) keys.add(k)
      return true
    },
  }
}

/** What the operator's screen shows of a job. */
export const ImportProgress = z.object({
  rows: z.int(),
  rowsDone: z.int(),
  status: ImportJob.shape.status,
  failure: ImportJob.shape.failure,
})
export type ImportProgress = z.infer<typeof ImportProgress>

export function importProgress(job: ImportJob): ImportProgress {
  return { rows: job.rows, rowsDone: job.rowsDone, status: job.status, failure: job.failure }
}

/** The progress in plain words: 正在写入 / 已完成 / stopped at a row. */
export function progressText(p: ImportProgress): string {
  switch (p.status) {
    case 'running':
      return `正在写入：已写入 ${p.rowsDone} 行，共 ${p.rows} 行。`
    case 'done':
      return `已完成：${p.rows} 行全部写入。`
    case 'failed':
      return `已停止：写入了 ${p.rowsDone} 行，共 ${p.rows} 行。第 ${p.failure?.row ?? '?'} 行：${p.failure?.message ?? ''}改正后请重新上传名册，已写入的人员会按更新处理。`
    default:
      return assertNever(p.status)
  }
}
