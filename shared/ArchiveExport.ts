import * as z from 'zod/mini'

/**
 * The progress of one archive export in the cloud (cloudfunctions/lib/Archive.ts): the archive is
 * written to cloud storage part by part (`archive/<id>/<number>.part`, one line each), and this
 * document says how far it got, so the nightly run that is cut off by its time limit is continued
 * by the next one. One export a month: its id is the China month it was begun in.
 */
export const ArchiveExport = z.object({
  id: z.string().check(z.regex(/^\d{4}-\d{2}$/), z.describe('the China month the export was begun in, YYYY-MM: its folder in cloud storage')),
  version: z.int().check(z.gte(1)),
  header: z.string().check(z.minLength(1), z.describe('the archive’s header line (no secret: the format, the key ids, the salt)')),
  kind: z.string().check(z.minLength(1), z.describe('the kind of record being written')),
  after: z.nullable(z.string()).check(z.describe('the last record id written of that kind, or null at its start')),
  chunks: z.int().check(z.gte(0), z.describe('chunks written: the next one is part chunks + 1')),
  counts: z.record(z.string(), z.int().check(z.gte(0))).check(z.describe('records written, by kind')),
  startedAt: z.iso.datetime(),
  doneAt: z.nullable(z.iso.datetime()),
})
export type ArchiveExport = z.infer<typeof ArchiveExport>
