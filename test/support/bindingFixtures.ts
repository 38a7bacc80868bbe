/** Cases for binding tests: retirees with a chosen name and birth date, on the seeded cloud. */
import { makeCase } from '../../shared/testing/fixtures'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { demoIdNumber } from '../../local/seed'
import type { seededCloud } from './cloudHarness'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

/** Puts an unbound retiree on the roster (community 乌兰) and returns their ID number. */
export async function addRetiree(cloud: Cloud, id: string, name: string, birthDate: string, sequence: number): Promise<string> {
  const idNumber = demoIdNumber(birthDate, sequence, 'female')
  const base = makeCase(erenhot2019, { id, enterpriseId: 'ent-water', hukouCommunityId: 'com-wulan', name })
  await cloud.store.commit({ cases: [{ next: { ...base, person: { ...base.person, idNumber: cloud.deps.vault.seal(idNumber) } }, expectedVersion: null }] })
  return idNumber
}

/** The ID numbers a guesser tries around a known person: same region and birth date, other sequences. */
export function neighbours(birthDate: string, around: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => demoIdNumber(birthDate, around + 1 + i, 'female'))
}
