/**
 * The archive (issue 12, point 5): every record of every kind a store holds, exactly as stored,
 * in one file encrypted with its own key (ARCHIVE_KEY, never a PII key), and its restore into an
 * empty store. The audit log is archived with the rest: no code path deletes an audit entry.
 *
 * The file is text, one line each:
 *   line 0  the header, JSON: format, creation time, the archive key's id, a random salt, the id
 *           of the PII key the ID numbers inside are sealed with (they stay sealed);
 *   line 1… one chunk each, `<iv>.<ciphertext and tag>` (base64): AES-256-GCM under a key derived
 *           from ARCHIVE_KEY and the salt, over `{ kind, records }` (one page of one kind), the last
 *           one over `{ end: true, counts }`. The header line and the chunk's number are its
 *           additional data, so a changed header, a changed, moved or dropped chunk, a chunk from
 *           another archive and a cut-off file all fail to read.
 * Records stay in pages, so neither side holds more than one page in memory.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import type { ArchiveExport } from '../../shared/ArchiveExport'
import { RECORD_SCHEMAS, type RecordKind } from '../../shared/ports/RecordSchemas'
import { commitIfCurrent, type ArchivedRecord, type Store } from '../../shared/ports/Store'
import { masterKeyFromEnv, parseKey } from './AesIdNumberVault'

export const ARCHIVE_FORMAT = 'retiree-archive/1'

/** Every kind of record a store holds, in the order they are archived and restored. */
export const ARCHIVE_KINDS = Object.keys(RECORD_SCHEMAS) as RecordKind[]

/** Records per chunk: a page of the store, well under the cloud's document and memory limits. */
const PAGE = 200
const TAG_BYTES = 16

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT
  createdAt: string
  /** The archive key's public name (8 hex characters derived from it). */
  keyId: string
  /** Random per archive: every archive is encrypted with a key of its own. */
  salt: string
  /** The PII key the sealed ID numbers inside were sealed with: keep it with the archive. */
  sealedWith: string
}

export type ArchiveCounts = Partial<Record<RecordKind, number>>

/** Why an archive did not read: a closed set. */
export type ArchiveFailure = 'notAnArchive' | 'wrongKey' | 'tampered' | 'truncated'

const ARCHIVE_MESSAGES: Record<ArchiveFailure, string> = {
  notAnArchive: '这个文件不是本系统导出的归档文件。',
  wrongKey: '归档密钥不对：这个归档是用另一个 ARCHIVE_KEY 加密的。',
  tampered: '归档文件被改动过或已损坏，不能恢复。',
  truncated: '归档文件不完整（缺少结尾），不能恢复。',
}

export class ArchiveError extends Error {
  constructor(readonly failure: ArchiveFailure, line?: number) {
    super(ARCHIVE_MESSAGES[failure] + (line !== undefined ? `（第 ${line + 1} 行）` : ''))
    this.name = 'ArchiveError'
  }
}

type Chunk = { kind: RecordKind; records: ArchivedRecord[] } | { end: true; counts: ArchiveCounts }

const archiveKeyId = (key: Buffer) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'archive/key-id', 4)).toString('hex')
const contentKey = (key: Buffer, salt: Buffer) => Buffer.from(hkdfSync('sha256', key, salt, 'archive/content', 32))
const additionalData = (headerLine: string, index: number) => Buffer.from(`${headerLine}\n${index}`, 'utf8')

type ArchiveEnv = { ARCHIVE_KEY?: string; PII_MASTER_KEY?: string; PII_PREVIOUS_KEY?: string; PII_LOOKUP_KEY?: string }

/**
 * The archive key from ARCHIVE_KEY (32 bytes, hex or base64). Refused when missing, and when it
 * is any PII key in use (or the development key): the archive must not fall with that key.
 */
export function archiveKeyFromEnv(env: ArchiveEnv): Buffer {
  if (!env.ARCHIVE_KEY) throw new Error('ARCHIVE_KEY is not set: an archive is encrypted with a key of its own.')
  const key = parseKey('ARCHIVE_KEY', env.ARCHIVE_KEY)
  const piiKeys = [masterKeyFromEnv(env, true), ...[env.PII_PREVIOUS_KEY, env.PII_LOOKUP_KEY].flatMap((raw, i) => (raw ? [parseKey(i === 0 ? 'PII_PREVIOUS_KEY' : 'PII_LOOKUP_KEY', raw)] : []))]
  if (piiKeys.some((k) => k.equals(key))) throw new Error('ARCHIVE_KEY must differ from PII_MASTER_KEY (and from PII_PREVIOUS_KEY and PII_LOOKUP_KEY): refusing to archive.')
  return key
}

/** A new archive's header line: a salt of its own, the archive key's id, the PII key inside. */
function headerLine(key: Buffer, now: Date, sealedWith: string): string {
  const header: ArchiveHeader = { format: ARCHIVE_FORMAT, createdAt: now.toISOString(), keyId: archiveKeyId(key), salt: randomBytes(16).toString('base64'), sealedWith }
  return JSON.stringify(header)
}

/** Chunk number `index` of the archive whose header is `header`, as its line. */
function chunkLine(key: Buffer, header: string, index: number, chunk: Chunk): string {
  const salt = Buffer.from((JSON.parse(header) as ArchiveHeader).salt, 'base64')
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', contentKey(key, salt), iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(additionalData(header, index))
  const body = Buffer.concat([cipher.update(JSON.stringify(chunk), 'utf8'), cipher.final(), cipher.getAuthTag()])
  return `${iv.toString('base64')}.${body.toString('base64')}`
}

/**
 * Writes the whole store as an archive, one line at a time to `write`, and returns how many
 * records of each kind it holds.
 */
export async function exportArchive(store: Store, key: Buffer, options: { now: Date; sealedWith: string; write: (line: string) => Promise<void> | void; pageSize?: number }): Promise<ArchiveCounts> {
  const header = headerLine(key, options.now, options.sealedWith)
  await options.write(header)
  let index = 0
  const counts: ArchiveCounts = {}
  for (const kind of ARCHIVE_KINDS) {
    counts[kind] = 0
    for (let after: string | undefined; ; ) {
      const page = await store.archivePage(kind, { limit: options.pageSize ?? PAGE, after })
      if (page.items.length > 0) await options.write(chunkLine(key, header, index++, { kind, records: page.items }))
      counts[kind]! += page.items.length
      if (page.nextCursor === null) break
      after = page.nextCursor
    }
  }
  await options.write(chunkLine(key, header, index, { end: true, counts }))
  return counts
}

/** Where the cloud export puts its parts: cloud storage (`cloud.uploadFile`, which overwrites a path written before). */
export interface ArchiveSink {
  put(path: string, content: Buffer): Promise<unknown>
}

/** The folder of one cloud export; reached only by cloud functions and the console (the storage rules let clients write under materials/ alone). */
export const archiveFolder = (id: string) => `archive/${id}`
/** Part 0 holds the header line, part n the chunk n - 1. */
export const archivePartPath = (id: string, part: number) => `${archiveFolder(id)}/${String(part).padStart(6, '0')}.part`

/**
 * The export of the month `id` in the cloud, written part by part to `sink` and moved forward
 * until done or told to stop; its progress (ArchiveExport) is kept in a document after each part,
 * so the next run continues it. A part written again after a crash is overwritten whole. The
 * archive is not a snapshot of one instant: each page is as it was when read.
 */
export async function exportArchiveParts(store: Store, key: Buffer, sink: ArchiveSink, options: { id: string; now: () => Date; sealedWith: string; shouldStop?: () => boolean; pageSize?: number }): Promise<ArchiveExport> {
  let state = await store.getDoc('archiveExport', options.id)
  if (state === null) {
    const header = headerLine(key, options.now(), options.sealedWith)
    const first: ArchiveExport = { id: options.id, version: 1, header, kind: ARCHIVE_KINDS[0], after: null, chunks: 0, counts: {}, startedAt: options.now().toISOString(), doneAt: null }
    state = (await saveExport(store, first, null)) ?? (await store.getDoc('archiveExport', options.id))!
  }
  // The header as the progress document holds it, written again by every run: two runs racing to begin agree on it.
  if (state.doneAt === null) await sink.put(archivePartPath(options.id, 0), Buffer.from(state.header + '\n'))
  while (state.doneAt === null && !options.shouldStop?.()) {
    const kind = state.kind as RecordKind
    const page = await store.archivePage(kind, { limit: options.pageSize ?? PAGE, ...(state.after !== null && { after: state.after }) })
    let chunks = state.chunks
    if (page.items.length > 0) await sink.put(archivePartPath(options.id, ++chunks), Buffer.from(chunkLine(key, state.header, chunks - 1, { kind, records: page.items }) + '\n'))
    const counts = { ...state.counts, [kind]: (state.counts[kind] ?? 0) + page.items.length }
    const nextKind = ARCHIVE_KINDS[ARCHIVE_KINDS.indexOf(kind) + 1]
    let next: ArchiveExport = { ...state, version: state.version + 1, chunks, counts, after: page.nextCursor }
    if (page.nextCursor === null && nextKind !== undefined) next = { ...next, kind: nextKind }
    if (page.nextCursor === null && nextKind === undefined) {
      await sink.put(archivePartPath(options.id, ++chunks), Buffer.from(chunkLine(key, state.header, chunks - 1, { end: true, counts }) + '\n'))
      next = { ...next, chunks, doneAt: options.now().toISOString() }
    }
    state = (await saveExport(store, next, state.version)) ?? (await store.getDoc('archiveExport', options.id))!
  }
  return state
}

/** Stores the export's progress guarded by the version read; null when another run moved it first. */
async function saveExport(store: Store, next: ArchiveExport, expectedVersion: number | null): Promise<ArchiveExport | null> {
  return (await commitIfCurrent(store, { docs: [{ kind: 'archiveExport', next, expectedVersion }] })) ? next : null
}

/** The archive's header and its pages, each checked before it is given; throws ArchiveError. */
export async function* readArchive(lines: AsyncIterable<string>, key: Buffer): AsyncGenerator<{ kind: RecordKind; records: ArchivedRecord[] }, ArchiveCounts> {
  let headerLine: string | null = null
  let content: Buffer | null = null
  let index = 0
  let end: ArchiveCounts | null = null
  const seen: ArchiveCounts = {}
  for await (const line of lines) {
    if (line === '') continue
    if (headerLine === null) {
      headerLine = line
      content = contentKey(key, checkHeader(line, key))
      continue
    }
    if (end !== null) throw new ArchiveError('tampered', index + 1)
    const chunk = openChunk(line, content!, additionalData(headerLine, index), index + 1)
    index++
    if ('end' in chunk) {
      end = chunk.counts
      continue
    }
    if (!ARCHIVE_KINDS.includes(chunk.kind)) throw new ArchiveError('tampered', index)
    seen[chunk.kind] = (seen[chunk.kind] ?? 0) + chunk.records.length
    yield chunk
  }
  if (headerLine === null) throw new ArchiveError('notAnArchive')
  if (end === null) throw new ArchiveError('truncated')
  if (ARCHIVE_KINDS.some((k) => (seen[k] ?? 0) !== (end![k] ?? 0))) throw new ArchiveError('tampered')
  return end
}

function checkHeader(line: string, key: Buffer): Buffer {
  let header: Partial<ArchiveHeader>
  try {
    header = JSON.parse(line) as Partial<ArchiveHeader>
  } catch {
    throw new ArchiveError('notAnArchive', 0)
  }
  if (header.format !== ARCHIVE_FORMAT || typeof header.salt !== 'string') throw new ArchiveError('notAnArchive', 0)
  // A header changed to carry the right id still fails: it is every chunk's additional data.
  if (header.keyId !== archiveKeyId(key)) throw new ArchiveError('wrongKey', 0)
  return Buffer.from(header.salt, 'base64')
}

function openChunk(line: string, content: Buffer, aad: Buffer, lineNumber: number): Chunk {
  const [iv, body, ...rest] = line.split('.')
  const sealed = Buffer.from(body ?? '', 'base64')
  if (rest.length > 0 || !iv || sealed.length <= TAG_BYTES) throw new ArchiveError('tampered', lineNumber)
  const decipher = createDecipheriv('aes-256-gcm', content, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES })
  decipher.setAAD(aad)
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
  try {
    return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8')) as Chunk
  } catch {
    throw new ArchiveError('tampered', lineNumber)
  }
}

/** Whether the store holds no record of any kind. */
export async function isEmptyStore(store: Store): Promise<boolean> {
  for (const kind of ARCHIVE_KINDS) if ((await store.archivePage(kind, { limit: 1 })).items.length > 0) return false
  return true
}

/**
 * Restores an archive into an empty store. The whole file is checked first (`open` is called
 * twice, each time for the file from its start), so a tampered or cut-off archive writes nothing.
 */
export async function restoreArchive(store: Store, key: Buffer, open: () => AsyncIterable<string>): Promise<ArchiveCounts> {
  if (!(await isEmptyStore(store))) throw new Error('只能恢复到空的数据库：这个数据库里已经有数据。')
  const checking = readArchive(open(), key)
  for (let r = await checking.next(); !r.done; r = await checking.next());
  const restoring = readArchive(open(), key)
  for (let r = await restoring.next(); ; r = await restoring.next()) {
    if (r.done) return r.value
    await store.restoreArchived(r.value.kind, r.value.records)
  }
}
