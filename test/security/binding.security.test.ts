/**
 * Attempt limits and caps under parallel calls: every handler runs over a store that yields
 * before and after each call, and fast-check's scheduler picks who runs next, so the property
 * explores the interleavings that many cloud-function instances produce in production.
 */
import { BIND_ATTEMPTS_PER_DAY } from '../../shared/AttemptLimits'
import { boundUserId } from '../../shared/CaseState'
import { MAX_RELATIVES } from '../../shared/FamilyInvite'
import { addRetiree, neighbours } from '../support/bindingFixtures'
import { explore, outcomes, RUNS } from '../support/racingCloud'
import { recordFigure } from './figures'

const PARALLEL = 50

test(`${PARALLEL} parallel wrong binding attempts by one WeChat: at most ${BIND_ATTEMPTS_PER_DAY} reach the check`, async () => {
  let slipped = 0
  await explore(
    async () => null,
    (call) => Array.from({ length: PARALLEL }, (_, i) => call('wx-guesser', 'binding.bind', { name: `猜${i}`, idNumber: '11010519491231002X' })),
    async (results) => {
      const { NOT_FOUND = 0, RATE_LIMITED = 0 } = outcomes(results)
      slipped += Math.max(0, NOT_FOUND - BIND_ATTEMPTS_PER_DAY)
      expect(NOT_FOUND).toBe(BIND_ATTEMPTS_PER_DAY)
      expect(RATE_LIMITED).toBe(PARALLEL - BIND_ATTEMPTS_PER_DAY)
    },
  )
  recordFigure({ area: 'Concurrency: binding limit per WeChat', tried: `${PARALLEL} parallel wrong attempts × ${RUNS} interleavings`, failures: slipped, failureName: 'slipped past' })
})

test(`${PARALLEL} WeChats guessing in parallel the ID numbers around one known person: at most ${BIND_ATTEMPTS_PER_DAY} reach the check`, async () => {
  let slipped = 0
  const guesses = neighbours('1950-01-01', 100, PARALLEL)
  await explore(
    (cloud) => addRetiree(cloud, 'case-9001', '王芳', '1950-01-01', 100),
    (call) => guesses.map((idNumber, i) => call(`wx-guess-${i}`, 'binding.bind', { name: '王芳', idNumber })),
    async (results) => {
      const { NOT_FOUND = 0 } = outcomes(results)
      slipped += Math.max(0, NOT_FOUND - BIND_ATTEMPTS_PER_DAY)
      expect(NOT_FOUND).toBeLessThanOrEqual(BIND_ATTEMPTS_PER_DAY)
    },
  )
  recordFigure({ area: 'Concurrency: binding limit per name + birth date', tried: `${PARALLEL} WeChats in parallel × ${RUNS} interleavings`, failures: slipped, failureName: 'slipped past' })
})

test(`${PARALLEL} parallel guessed invitation codes by one WeChat: at most ${BIND_ATTEMPTS_PER_DAY} reach the check, none is accepted`, async () => {
  let slipped = 0
  await explore(
    async () => null,
    (call) => Array.from({ length: PARALLEL }, (_, i) => call('wx-guesser', 'binding.acceptInvite', { code: String(20_000_000 + i), name: '冒充' })),
    async (results) => {
      const { NOT_FOUND = 0, ok = 0 } = outcomes(results)
      slipped += Math.max(0, NOT_FOUND - BIND_ATTEMPTS_PER_DAY) + ok
      expect(ok).toBe(0)
      expect(NOT_FOUND).toBeLessThanOrEqual(BIND_ATTEMPTS_PER_DAY)
    },
  )
  recordFigure({ area: 'Concurrency: invitation-code limit', tried: `${PARALLEL} parallel guesses × ${RUNS} interleavings`, failures: slipped, failureName: 'slipped past' })
})

test(`relatives stay within ${MAX_RELATIVES} under parallel invitations, acceptances and a revocation`, async () => {
  let beyond = 0
  await explore(
    async (cloud) => {
      const codes: string[] = []
      for (let i = 0; i < 2; i++) codes.push((await cloud.ok('dev-retiree-2', 'family.invite', { mayConfirm: false })).openInvites.at(-1).code)
      return codes
    },
    (call, codes) => [
      ...codes.flatMap((code, i) => [call(`wx-a${i}`, 'binding.acceptInvite', { code, name: '亲属甲' }), call(`wx-b${i}`, 'binding.acceptInvite', { code, name: '亲属乙' })]),
      call('dev-retiree-2', 'family.invite', { mayConfirm: false }),
      call('dev-retiree-2', 'family.invite', { mayConfirm: true }),
      call('dev-retiree-2', 'family.invite', { mayConfirm: false }),
      call('dev-retiree-2', 'family.revokeInvite', { code: codes[0] }),
    ],
    async (_results, cloud, codes) => {
      const relatives = await cloud.store.listUsers({ caseId: 'case-0002', role: 'relative' })
      const invites = (await cloud.store.listDocs('familyInvite', { caseId: 'case-0002' }, { limit: 100 })).items
      const open = invites.filter((i) => !i.revoked && !i.usedBy)
      beyond += Math.max(0, relatives.length + open.length - MAX_RELATIVES)
      expect(relatives.length + open.length).toBeLessThanOrEqual(MAX_RELATIVES)
      for (const code of codes) expect(relatives.filter((r) => invites.find((i) => i.id === code)?.usedBy === r.id).length).toBeLessThanOrEqual(1)
      expect(invites.filter((i) => i.revoked && i.usedBy)).toEqual([])
      const link = await Promise.all(relatives.map((r) => cloud.store.getDoc('wechatLink', r.id)))
      expect(link.every((l) => l?.caseId === 'case-0002')).toBe(true)
    },
  )
  recordFigure({ area: 'Concurrency: relatives cap (≤3)', tried: `4 acceptances + 3 invitations + 1 revocation in parallel × ${RUNS} interleavings`, failures: beyond, failureName: 'places beyond the cap' })
})

test('one WeChat binding two cases in parallel: at most one wins, and the user, the link and the case agree', async () => {
  let doubled = 0
  await explore(
    async (cloud) => ({
      a: await addRetiree(cloud, 'case-9001', '王芳', '1950-01-01', 100),
      b: await addRetiree(cloud, 'case-9002', '李娟', '1951-02-02', 200),
    }),
    (call, ids) => [call('wx-one', 'binding.bind', { name: '王芳', idNumber: ids.a }), call('wx-one', 'binding.bind', { name: '李娟', idNumber: ids.b })],
    async (results, cloud) => {
      const bound = []
      for (const id of ['case-9001', 'case-9002']) if (boundUserId((await cloud.store.getCase(id))!) === 'wx-one') bound.push(id)
      doubled += Math.max(0, bound.length - 1)
      expect(bound).toHaveLength(1)
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect((await cloud.store.getUser('wx-one'))?.caseId).toBe(bound[0])
      expect((await cloud.store.getDoc('wechatLink', 'wx-one'))?.caseId).toBe(bound[0])
    },
  )
  recordFigure({ area: 'Concurrency: one case per WeChat', tried: `2 parallel bindings × ${RUNS} interleavings`, failures: doubled, failureName: 'second cases bound' })
})
