/**
 * `npm run archive -- export [--data .data/local.sqlite] [--out <file>]` writes every record of a
 * local store to an archive encrypted with ARCHIVE_KEY (cloudfunctions/lib/Archive.ts);
 * `npm run archive -- restore <file> --data <new.sqlite>` restores one into an empty store, after
 * checking the whole file. `<file>` may also be the folder of a cloud export (archive/<YYYY-MM>/,
 * downloaded from cloud storage): its parts are read in order. ARCHIVE_KEY (32 bytes, hex or
 * base64) must be set and must not be a PII key. The ID numbers inside stay sealed with the PII
 * key named in the header: keep that key with the archive. Prints a JSON summary; exits 2 on any error (a tampered file, the wrong key).
 */
import { createReadStream, createWriteStream, existsSync, readdirSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { archiveKeyFromEnv, exportArchive, restoreArchive, type ArchiveCounts } from '../cloudfunctions/lib/Archive'
import type { Store } from '../shared/ports/Store'
import { createIdNumberVault, vaultKeysFromEnv } from '../cloudfunctions/lib/AesIdNumberVault'
import { openSqliteStore } from './SqliteStore'

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(name)
  return at >= 0 ? process.argv[at + 1] : undefined
}

const env = { ARCHIVE_KEY: process.env.ARCHIVE_KEY, PII_MASTER_KEY: process.env.PII_MASTER_KEY, PII_PREVIOUS_KEY: process.env.PII_PREVIOUS_KEY, PII_LOOKUP_KEY: process.env.PII_LOOKUP_KEY }

/** Writes the archive of `store` to `outFile` (created, never overwritten, readable by its owner alone). */
export async function exportToFile(store: Store, key: Buffer, outFile: string, options: { now: Date; sealedWith: string }): Promise<ArchiveCounts> {
  const out = createWriteStream(outFile, { flags: 'wx', mode: 0o600 })
  await once(out, 'open')
  const counts = await exportArchive(store, key, {
    ...options,
    write: async (line) => {
      if (!out.write(line + '\n')) await once(out, 'drain')
    },
  })
  out.end()
  await once(out, 'finish')
  return counts
}

/** Restores an archive file, or the folder of a cloud export, into an empty store. */
export function restoreFromPath(store: Store, key: Buffer, path: string): Promise<ArchiveCounts> {
  const lines = () => (statSync(path).isDirectory() ? partLines(path) : createInterface({ input: createReadStream(path), crlfDelay: Infinity }))
  return restoreArchive(store, key, lines)
}

async function exportCommand(): Promise<void> {
  const key = archiveKeyFromEnv(env)
  const dataFile = resolve(option('--data') ?? '.data/local.sqlite')
  if (!existsSync(dataFile)) throw new Error(`没有找到数据库文件：${dataFile}`)
  const now = new Date()
  const outFile = resolve(option('--out') ?? `.data/archive-${now.toISOString().slice(0, 10)}.retiree-archive`)
  if (existsSync(outFile)) throw new Error(`归档文件已经存在，不会覆盖：${outFile}`)
  const store = openSqliteStore(dataFile)
  try {
    const sealedWith = createIdNumberVault(vaultKeysFromEnv(env, true)).currentKeyId
    const counts = await exportToFile(store, key, outFile, { now, sealedWith })
    console.log(JSON.stringify({ data: dataFile, archive: outFile, sealedWith, counts }, null, 2))
  } finally {
    store.close()
  }
}

async function restoreCommand(): Promise<void> {
  const key = archiveKeyFromEnv(env)
  const file = process.argv[process.argv.indexOf('restore') + 1]
  if (!file || file.startsWith('--')) throw new Error('用法：npm run archive -- restore <归档文件> --data <新的数据库文件>')
  const dataFile = option('--data')
  if (!dataFile) throw new Error('请用 --data 指定要恢复到的（空的）数据库文件。')
  const store = openSqliteStore(resolve(dataFile))
  try {
    const counts = await restoreFromPath(store, key, resolve(file))
    console.log(JSON.stringify({ archive: resolve(file), data: resolve(dataFile), counts }, null, 2))
  } finally {
    store.close()
  }
}

/** The lines of a cloud export's parts (000000.part, 000001.part, …), in order. */
async function* partLines(folder: string): AsyncGenerator<string> {
  for (const name of readdirSync(folder).filter((n) => /^\d{6}\.part$/.test(n)).sort()) {
    for await (const line of createInterface({ input: createReadStream(join(folder, name)), crlfDelay: Infinity })) yield line
  }
}

/** The command named in argv; exits 2 on any error. */
export async function main(): Promise<void> {
  const command = process.argv[2]
  try {
    if (command === 'export') await exportCommand()
    else if (command === 'restore') await restoreCommand()
    else throw new Error('用法：npm run archive -- export|restore …')
    process.exitCode = 0
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e))
    process.exitCode = 2
  }
}
