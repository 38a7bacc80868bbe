/**
 * The city's list of enterprises and communities, as a file the deploy command loads into
 * production (`npm run deploy -- --env <id> --organisations <file>`, DEPLOY.md step 9): checked
 * here, whole, before anything is sent, and checked again by the function against what is stored.
 *
 * An id becomes part of figure keys (`enterprise:<id>|…`, shared/Figures.ts) and cloud paths, so
 * it is letters, digits and dashes only. The office's mark (另有规定, Enterprise.ownRules) is not
 * in the file: it stays as the office set it.
 */
import * as z from 'zod/mini'
import type { Community, Enterprise } from './Organisation'
import { canonicalJson } from './CanonicalJson'

/** Most enterprises, and most communities, one list may hold. Our own bound: a city has a few hundred at most. */
export const MAX_ORGANISATIONS = 2000

const text = (max: number) => z.string().check(z.maxLength(max))
const named = (max: number) => z.string().check(z.minLength(1), z.maxLength(max))
const OrgId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'id：只能用小写字母、数字和连字符（-），不超过 40 个字符'))
const OrgCode = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,20}$/, 'code：只能用字母、数字、下划线和连字符，不超过 20 个字符'))

/** An enterprise as the list gives it: everything but the office's mark. */
export const EnterpriseEntry = z.object({
  id: OrgId,
  code: OrgCode,
  name: named(60),
  contactName: text(40),
  contactPhone: text(20),
  hasAnnuity: z.optional(z.boolean()),
  partyContact: z.optional(z.object({ name: named(40), phone: z.string().check(z.minLength(7), z.maxLength(20)) })),
})
export type EnterpriseEntry = z.infer<typeof EnterpriseEntry>

export const CommunityEntry = z.object({
  id: OrgId,
  code: OrgCode,
  name: named(60),
  address: text(100),
  serviceHours: text(60),
  phone: text(20),
  location: z.optional(z.object({ latitude: z.number().check(z.gte(-90), z.lte(90)), longitude: z.number().check(z.gte(-180), z.lte(180)) })),
  partyBranch: z.optional(z.object({ name: text(60), place: text(100), phone: text(20) })),
  activityVenue: z.optional(text(100)),
  services: z.optional(z.array(named(60)).check(z.maxLength(20))),
})
export type CommunityEntry = z.infer<typeof CommunityEntry>

export const OrganisationList = z.object({
  enterprises: z.array(EnterpriseEntry).check(z.maxLength(MAX_ORGANISATIONS)),
  communities: z.array(CommunityEntry).check(z.maxLength(MAX_ORGANISATIONS)),
})
export type OrganisationList = z.infer<typeof OrganisationList>

/** What the list cannot say twice: an id or a code of two enterprises, or of two communities. */
export function listProblems(list: OrganisationList): string[] {
  const problems: string[] = []
  const twice = (kind: string, entries: ReadonlyArray<{ id: string; code: string }>) => {
    for (const field of ['id', 'code'] as const) {
      const seen = new Set<string>()
      for (const e of entries) {
        const key = field === 'code' ? e.code.toUpperCase() : e.id
        if (seen.has(key)) problems.push(`${kind}的 ${field}「${e[field]}」出现了不止一次。`)
        seen.add(key)
      }
    }
  }
  twice('企业', list.enterprises)
  twice('社区', list.communities)
  return problems
}

/** What loading a list changes, by kind: names of the organisations added and changed, and how many stay as they are. */
export interface ListChanges {
  added: string[]
  changed: string[]
  unchanged: number
}

export interface MergedList {
  enterprises: Enterprise[]
  communities: Community[]
  report: { enterprises: ListChanges; communities: ListChanges }
  /** A code the list gives one organisation while another stored one has it: nothing may be written. */
  problems: string[]
}

function mergeKind<S extends { id: string; code: string; name: string }, E extends { id: string; code: string }>(kind: string, stored: readonly S[], entries: readonly E[], merged: (entry: E, was: S | undefined) => S, problems: string[]): { write: S[]; changes: ListChanges } {
  const byId = new Map(stored.map((s) => [s.id, s]))
  const byCode = new Map(stored.map((s) => [s.code.toUpperCase(), s]))
  const write: S[] = []
  const changes: ListChanges = { added: [], changed: [], unchanged: 0 }
  for (const entry of entries) {
    const holder = byCode.get(entry.code.toUpperCase())
    if (holder && holder.id !== entry.id) problems.push(`${kind}代码「${entry.code}」已经属于「${holder.name}」（${holder.id}），不能再给 ${entry.id}。`)
    const was = byId.get(entry.id)
    const next = merged(entry, was)
    if (was && canonicalJson(was) === canonicalJson(next)) {
      changes.unchanged++
      continue
    }
    write.push(next)
    ;(was ? changes.changed : changes.added).push(next.name)
  }
  return { write, changes }
}

/**
 * The enterprises and communities to write for a list, given what is stored: new ones added,
 * stored ones replaced by the list's fields (an enterprise keeps the office's mark), the rest
 * (stored but not in the list, which cases may still name) left as they are. Loading the same
 * list again writes nothing.
 */
export function mergeList(stored: { enterprises: readonly Enterprise[]; communities: readonly Community[] }, list: OrganisationList): MergedList {
  const problems: string[] = []
  const enterprises = mergeKind('企业', stored.enterprises, list.enterprises, (entry, was) => ({ ...entry, ...(was?.ownRules !== undefined && { ownRules: was.ownRules }), ...(was?.ownRulesMarkedAt !== undefined && { ownRulesMarkedAt: was.ownRulesMarkedAt }) }), problems)
  const communities = mergeKind('社区', stored.communities, list.communities, (entry) => ({ ...entry }), problems)
  return { enterprises: enterprises.write, communities: communities.write, report: { enterprises: enterprises.changes, communities: communities.changes }, problems }
}

/** A list's problems as lines a person can act on: where, then what (zod's issues, and the duplicates). */
export function listIssues(input: unknown): { list: OrganisationList } | { issues: string[] } {
  const parsed = OrganisationList.safeParse(input)
  if (!parsed.success) return { issues: parsed.error.issues.slice(0, 50).map((i) => `${i.path.join('.') || '（整个文件）'}：${i.message}`) }
  const problems = listProblems(parsed.data)
  return problems.length ? { issues: problems } : { list: parsed.data }
}

/**
 * The list in batches whose JSON stays within `maxBytes` (UTF-8), enterprises first, so each fits
 * one function call; one entry alone is always small enough (its fields are bounded).
 */
export function listBatches(list: OrganisationList, maxBytes: number): OrganisationList[] {
  const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length
  const batches: OrganisationList[] = []
  let current: OrganisationList = { enterprises: [], communities: [] }
  let size = bytes(current)
  const add = <K extends keyof OrganisationList>(kind: K, entry: OrganisationList[K][number]) => {
    const n = bytes(entry) + 1
    if (size + n > maxBytes && current.enterprises.length + current.communities.length > 0) {
      batches.push(current)
      current = { enterprises: [], communities: [] }
      size = bytes(current)
    }
    ;(current[kind] as Array<OrganisationList[K][number]>).push(entry)
    size += n
  }
  for (const e of list.enterprises) add('enterprises', e)
  for (const c of list.communities) add('communities', c)
  if (current.enterprises.length + current.communities.length > 0) batches.push(current)
  return batches
}
