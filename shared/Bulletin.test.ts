import fc from 'fast-check'
import { BulletinContent, bulletinContent, bulletinMessage, bulletinText, LAGGARD_COUNT } from './Bulletin'
import type { RetireeCase } from './Case'
import { countFigures } from './Figures'
import { erenhot2019 as policy } from './policies/erenhot2019'
import { qingyuan2020 } from './policies/qingyuan2020'
import type { Policy } from './Policy'
import { caseSets } from './testing/randomCases'
import { stageParties } from './Stage'
import { unitOfParty } from './testing/fixtures'
import { unitNamer } from './UnitNames'

const names = unitNamer(policy, {
  enterprises: [
    { id: 'ent-a', name: '甲公司' },
    { id: 'ent-b', name: '乙公司' },
  ],
  communities: [{ id: 'com-a', name: '乌兰社区' }],
})

const figuresOf = (cases: RetireeCase[]) => countFigures(cases.map((value) => ({ kind: 'case' as const, value })))

/** Each unit's done / open / waiting / overdue, counted case by case from the stage summaries. */
function bruteForce(cases: RetireeCase[], date: string, under = policy): Map<string, { done: number; open: number; waiting: number; overdue: number }> {
  const out = new Map<string, { done: number; open: number; waiting: number; overdue: number }>()
  for (const c of cases) {
    for (const stage of under.stages) {
      const s = c.summary.stages[stage.id]
      if (!s) continue
      const parties = stageParties(stage)
      for (const p of parties) {
        const unit = unitOfParty(p, c)
        const row = out.get(unit) ?? { done: 0, open: 0, waiting: 0, overdue: 0 }
        // Of a shared stage, an open item is the party's own only while it answers now.
        const mine = s.state !== 'open' || parties.length === 1 || s.party === p
        row[mine ? s.state : 'waiting']++
        if (s.state === 'open' && mine && s.deadline !== null && s.deadline < date) row.overdue++
        out.set(unit, row)
      }
    }
  }
  return out
}

const dates = fc.constantFrom('2019-12-01', '2020-04-01', '2020-07-01', '2020-11-01')
const build = (cases: RetireeCase[], date: string, number = 1, previous: BulletinContent | null = null, under: Policy = policy) =>
  BulletinContent.parse(bulletinContent({ policy: under, figures: figuresOf(cases), date, number, name: names, previous, flags: [] }))

describe('bulletin content', () => {
  it('gives every unit its counts as a case-by-case count does, ranked by completion rate', () => {
    fc.assert(
      fc.property(caseSets(policy), dates, (cases, date) => {
        const c = build(cases, date)
        const expected = bruteForce(cases, date)
        for (const u of c.units) {
          const e = expected.get(u.unitKey) ?? { done: 0, open: 0, waiting: 0, overdue: 0 }
          expect({ done: u.done, open: u.open, waiting: u.waiting, overdue: u.overdue }).toEqual(e)
          const all = e.done + e.open + e.waiting
          expect(u.rate).toBe(all === 0 ? null : e.done / all)
        }
        for (const [key, e] of expected) if (e.done + e.open + e.waiting > 0) expect(c.units.map((u) => u.unitKey)).toContain(key)
        const rates = c.units.map((u) => u.rate ?? -1)
        expect(rates).toEqual([...rates].sort((a, b) => b - a))
        c.units.forEach((u, i) => expect(u.rank).toBe(i > 0 && c.units[i - 1].rate === u.rate && c.units[i - 1].overdue === u.overdue ? c.units[i - 1].rank : i + 1))
        expect(c.total.overdue).toBe([...expected.values()].reduce((n, e) => n + e.overdue, 0))
      }),
      { numRuns: 150 },
    )
  })

  it('counts as case by case under the second example policy too (青原市: its dates, the file after the handover)', () => {
    fc.assert(
      fc.property(caseSets(qingyuan2020), fc.constantFrom('2020-06-01', '2020-09-01', '2020-12-01'), (cases, date) => {
        const c = build(cases, date, 1, null, qingyuan2020)
        const expected = bruteForce(cases, date, qingyuan2020)
        for (const u of c.units) expect({ done: u.done, open: u.open, waiting: u.waiting, overdue: u.overdue }).toEqual(expected.get(u.unitKey) ?? { done: 0, open: 0, waiting: 0, overdue: 0 })
        for (const [key, e] of expected) if (e.done + e.open + e.waiting > 0) expect(c.units.map((u) => u.unitKey)).toContain(key)
        expect(c.total.overdue).toBe([...expected.values()].reduce((n, e) => n + e.overdue, 0))
      }),
      { numRuns: 60 },
    )
  })

  it('names as laggards the lowest-ranked units with anything overdue, at most three, lowest first', () => {
    fc.assert(
      fc.property(caseSets(policy, 40), dates, (cases, date) => {
        const c = build(cases, date)
        const behind = c.units.filter((u) => u.overdue > 0)
        expect(c.laggards.length).toBe(Math.min(LAGGARD_COUNT, behind.length))
        expect(c.laggards.map((l) => l.unitKey)).toEqual(behind.slice(-LAGGARD_COUNT).reverse().map((u) => u.unitKey))
        const text = bulletinText(c).paragraphs.join('')
        for (const l of c.laggards) expect(text).toContain(`${l.name}（第 ${l.rank} 名，逾期 ${l.overdue} 项）`)
        if (behind.length === 0) expect(text).toContain('各单位均无逾期事项')
      }),
      { numRuns: 100 },
    )
  })

  it('compares with the previous bulletin: each unit in both, and the units new and gone', () => {
    fc.assert(
      fc.property(caseSets(policy), caseSets(policy), dates, (first, second, date) => {
        const before = build(first, '2019-12-01', 1)
        const now = build([...first.slice(0, 3), ...second], date, 2, before)
        const keys = (us: Array<{ unitKey: string }>) => us.map((u) => u.unitKey).sort()
        const was = new Set(before.units.map((u) => u.unitKey))
        const is = new Set(now.units.map((u) => u.unitKey))
        expect(keys(now.changes)).toEqual(keys(now.units.filter((u) => was.has(u.unitKey))))
        expect(keys(now.newUnits)).toEqual(keys(now.units.filter((u) => !was.has(u.unitKey))))
        expect(keys(now.goneUnits)).toEqual(keys(before.units.filter((u) => !is.has(u.unitKey))))
        for (const ch of now.changes) {
          const b = before.units.find((u) => u.unitKey === ch.unitKey)!
          const n = now.units.find((u) => u.unitKey === ch.unitKey)!
          expect([ch.rateBefore, ch.overdueBefore, ch.rankBefore, ch.rate, ch.overdue, ch.rank]).toEqual([b.rate, b.overdue, b.rank, n.rate, n.overdue, n.rank])
        }
        expect(now.previous).toEqual({ number: 1, date: '2019-12-01', total: { overdue: before.total.overdue, rate: before.total.rate } })
      }),
      { numRuns: 80 },
    )
  })

  it('carries the forecast flags it is given, with the units named from the store and the policy', () => {
    const cases = fc.sample(caseSets(policy, 30), { numRuns: 1, seed: 7 })[0]
    const content = bulletinContent({
      policy,
      figures: figuresOf(cases),
      date: '2020-07-01',
      number: 3,
      name: names,
      previous: null,
      flags: [{ unitKey: 'enterprise:ent-a', sentence: '按目前进度，预计2020年7月12日办完，比截止日期晚12天。' }],
    })
    expect(content.flags).toEqual([{ unitKey: 'enterprise:ent-a', name: '甲公司', sentence: '按目前进度，预计2020年7月12日办完，比截止日期晚12天。' }])
    expect(bulletinText(content).paragraphs.at(-1)).toBe('进度预警：甲公司，按目前进度，预计2020年7月12日办完，比截止日期晚12天。')
    expect(content.units.find((u) => u.unitKey === 'archives')?.name).toBe('市档案局')
    expect(content.units.find((u) => u.unitKey === 'community:com-a')?.name).toBe('乌兰社区')
    expect(content.units.find((u) => u.unitKey === 'community:com-b')?.name).toBe('com-b')
    for (const u of content.units) expect(bulletinMessage(content, u.unitKey)?.body).toContain(`排第 ${u.rank} 名`)
    expect(bulletinMessage(content, 'enterprise:nobody')).toBeNull()
  })
})
