/** An in-process cloud on an in-memory SQLite store, seeded with the demo data, for handler tests. */
import type { ActionName, ApiResponse } from '../../shared/Api'
import { fixedClock } from '../../shared/Clock'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import type { Policy } from '../../shared/Policy'
import { handlers } from '../../cloudfunctions/lib/actions/all'
import { createDeps } from '../../cloudfunctions/lib/deps'
import { createRouter } from '../../cloudfunctions/lib/router'
import { openSqliteStore } from '../../local/SqliteStore'
import { demoIdNumber, seedDemo } from '../../local/seed'
import { isSeededEntry } from '../../local/seedAudit'
import { makeCase } from '../../shared/testing/fixtures'
import type { CaseCategories } from '../../shared/Category'
import { memoryFileStorage } from '../../shared/ports/FileStorage'
import { materialPath } from '../../shared/Materials'
import { withinFunctionTimeout } from './functionTimeout'
import type { MiniProgramCode } from '../../shared/ports/MiniProgramCode'

/** The first bytes of a JPEG, then padding: what an upload of a photo starts with. */
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(2000).fill(0)])
let uploads = 0

/** `history`: the seed's daily unit snapshots before `now` (off unless asked: they take a moment to build); `policy`: 二连浩特 2019 unless given. */
export async function seededCloud(options: { count?: number; now?: string; history?: boolean; policy?: Policy; miniProgramCode?: MiniProgramCode } = {}) {
  const policy = options.policy ?? erenhot2019
  const store = openSqliteStore(':memory:')
  const clock = fixedClock(options.now ?? '2020-03-20T01:00:00Z')
  const files = memoryFileStorage()
  const deps = createDeps({ store, policy, clock, masterKey: Buffer.alloc(32, 11), files, miniProgramCode: options.miniProgramCode })
  await seedDemo(store, policy, deps.vault, { count: options.count ?? 40, now: clock.now(), saveFile: files.put, history: options.history })
  // Each call is one function run, so the runtime's time limit applies.
  const handle = withinFunctionTimeout(createRouter(deps, handlers))
  /** Calls an action as `userId` and returns the raw response. */
  const call = <T = any>(userId: string | null, action: ActionName | string, input: unknown = {}) => handle({ userId }, { action, input }) as Promise<ApiResponse<T>>
  /** Calls an action and returns its data, failing the test on an error response. */
  const ok = async <T = any>(userId: string | null, action: ActionName, input: unknown = {}): Promise<T> => {
    const res = await call<T>(userId, action, input)
    if (!res.ok) throw new Error(`${action} failed: ${res.error.code} ${res.error.message}`)
    return res.data
  }
  const idNumberOf = async (caseId: string) => deps.vault.open((await store.getCase(caseId))!.person.idNumber)
  /** Puts a fresh case (nothing recorded yet) on the roster. */
  const addCase = async (id: string, o: { categories?: Partial<CaseCategories>; enterpriseId?: string; hukouCommunityId?: string; residenceCommunityId?: string | null; name?: string } = {}) => {
    const base = makeCase(policy, { id, enterpriseId: o.enterpriseId ?? 'ent-water', hukouCommunityId: o.hukouCommunityId ?? 'com-wulan', residenceCommunityId: o.residenceCommunityId ?? null, categories: o.categories, name: o.name })
    const c = { ...base, person: { ...base.person, idNumber: deps.vault.seal(demoIdNumber('1950-01-01', 400 + Number(id.replace(/\D/g, '')) % 90, 'male')) } }
    await store.commit({ cases: [{ next: c, expectedVersion: null }] })
    return c
  }
  /** Stores a file the way a client upload would (`materials/<uploader>/<case>/…`) and returns its id; a small JPEG unless bytes are given. */
  const upload = (uploaderId: string, caseId: string, bytes: Uint8Array = JPEG, name = `${caseId}-${++uploads}.jpg`) => files.put(materialPath(uploaderId, caseId, name), bytes)
  const versionOf = async (caseId: string) => (await store.getCase(caseId))!.version
  /** A case's audit entries written since the seed (the seed writes one per seeded case action). */
  const newAudit = async (caseId: string) => (await store.listAudit(caseId)).filter((e) => !isSeededEntry(e))
  return { store, clock, deps, call, ok, idNumberOf, addCase, upload, versionOf, newAudit, close: () => store.close() }
}
