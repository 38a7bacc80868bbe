/**
 * The city's list of enterprises and communities, loaded into production by the deploy command
 * (`npm run deploy -- --env <id> --organisations <file>`), never typed into the console: the
 * `migrate` function takes a signed request (consoleRequest.ts) carrying a batch of the list,
 * checks it (shared/OrganisationList.ts) against what is stored, and writes what it adds or
 * changes, each with an audit entry. Loading the same list again writes nothing. Stored
 * organisations the list leaves out stay (cases may name them); an enterprise keeps the office's
 * mark (另有规定).
 */
import * as z from 'zod/mini'
import { listProblems, mergeList, OrganisationList, type ListChanges } from '../../shared/OrganisationList'
import type { AuditEntry } from '../../shared/AuditEntry'
import { auditEntry } from './audit'
import { bodyDigest, consoleProof, spendConsoleRequest, validConsoleProof } from './consoleRequest'
import type { Deps } from './router'
import type { Change } from '../../shared/ports/Store'

export const LoadOrganisationsRequest = z.object({
  action: z.literal('loadOrganisations'),
  issuedAt: z.iso.datetime(),
  proof: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  list: OrganisationList,
})
export type LoadOrganisationsRequest = z.infer<typeof LoadOrganisationsRequest>

export type LoadOrganisationsAnswer = { ok: true; enterprises: ListChanges; communities: ListChanges } | { ok: false; message: string }

/** The audit action of an organisation added or changed from the list. */
export const ORGANISATION_LOADED = 'organisations.load'

/** Organisations per commit (each with its audit entry: twice as many writes, within a transaction's). */
const PER_COMMIT = 40

/** The request the deploy command sends for one batch of the list, signed with the production key from its shell. */
export function loadOrganisationsRequest(masterKey: Buffer, now: Date, list: OrganisationList): LoadOrganisationsRequest {
  const issuedAt = now.toISOString()
  return { action: 'loadOrganisations', issuedAt, proof: consoleProof(masterKey, 'organisations', issuedAt, bodyDigest(list)), list }
}

export async function loadOrganisations(deps: Deps, request: unknown, masterKey: Buffer): Promise<LoadOrganisationsAnswer> {
  const parsed = LoadOrganisationsRequest.safeParse(request)
  const now = deps.clock.now()
  if (!parsed.success || !validConsoleProof(masterKey, 'organisations', parsed.data, now, bodyDigest(parsed.data.list))) {
    return { ok: false, message: '请求无效或已过期：请用生产环境的 PII_MASTER_KEY 重新运行 npm run deploy -- --env <环境ID> --organisations <文件>。' }
  }
  const { list } = parsed.data
  const duplicates = listProblems(list)
  if (duplicates.length) return { ok: false, message: duplicates.join('\n') }
  const [enterprises, communities] = await Promise.all([deps.store.listEnterprises(), deps.store.listCommunities()])
  const merged = mergeList({ enterprises, communities }, list)
  if (merged.problems.length) return { ok: false, message: `${merged.problems.join('\n')}\n没有写入任何内容。` }
  if (!(await spendConsoleRequest(deps.store, 'organisations', parsed.data.issuedAt, bodyDigest(list)))) {
    return { ok: false, message: '这个请求已经用过了：请重新运行 npm run deploy -- --env <环境ID> --organisations <文件>。' }
  }
  const system = { id: 'system', role: 'system' as const }
  // Keyed by kind too: an enterprise and a community may share an id.
  const before = new Map<string, string>([...enterprises.map((e) => [`enterprise:${e.id}`, e.name] as const), ...communities.map((c) => [`community:${c.id}`, c.name] as const)])
  const entry = (kind: 'enterprise' | 'community', o: { id: string; name: string }): AuditEntry =>
    auditEntry(deps, { user: system, now, action: ORGANISATION_LOADED, caseId: null, outcome: 'done', changes: [{ field: `${kind}:${o.id}`, before: before.get(`${kind}:${o.id}`) ?? null, after: o.name }] })
  // A batch of organisations a commit, each with its entry; a run cut off between commits is completed by loading the list again.
  const writes: Change[] = [...merged.enterprises.map((e) => ({ enterprises: [e], audit: [entry('enterprise', e)] })), ...merged.communities.map((c) => ({ communities: [c], audit: [entry('community', c)] }))]
  for (let i = 0; i < writes.length; i += PER_COMMIT) {
    const part = writes.slice(i, i + PER_COMMIT)
    await deps.store.commit({ enterprises: part.flatMap((w) => w.enterprises ?? []), communities: part.flatMap((w) => w.communities ?? []), audit: part.flatMap((w) => w.audit ?? []) })
  }
  return { ok: true, ...merged.report }
}
