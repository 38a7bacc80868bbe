import fc from 'fast-check'
import { checkCharacter } from './IdNumber'
import { countCandidates, REBUILD_LIMIT, tryRebuild, type Constraints } from './IdRebuild'
import { addMonths, isChinaDate } from './ChinaTime'
import { maskIdNumber } from './Mask'
import { upgradeLegacyDates } from './Person'

const REGIONS = ['152501', '152502', '150102']

/** A valid ID number of one of the regions, born 1930–1975. */
const idNumber = fc
  .record({
    region: fc.constantFrom(...REGIONS),
    date: fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('1975-12-31T00:00:00Z'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, date, seq }) => {
    const first17 = region + date.toISOString().slice(0, 10).replace(/-/g, '') + String(seq).padStart(3, '0')
    return first17 + checkCharacter(first17)
  })

const birthOf = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
const genderOf = (id: string): 'male' | 'female' => (Number(id[16]) % 2 === 1 ? 'male' : 'female')
/** The masked form before issue 8: first 6 + last 4. */
const oldMask = (id: string) => id.slice(0, 6) + '********' + id.slice(-4)

describe('the old scheme can be rebuilt (the checker can fail)', () => {
  test('masked 6 + 4 with the birth date in clear leaves a handful of numbers', () => {
    fc.assert(
      fc.property(idNumber, (id) => {
        const r = tryRebuild({ person: { birthDate: birthOf(id), idNumber: { masked: oldMask(id) } } }, id, REGIONS)
        expect(r).toMatchObject({ success: true, candidates: 1 })
      }),
    )
  })

  test('so does a retirement date on the exact birthday 60 years on, in any common form', () => {
    fc.assert(
      fc.property(idNumber, fc.constantFrom('-', '/', '年', ''), (id, sep) => {
        const [y, m, d] = birthOf(id).split('-')
        const retired = sep === '年' ? `${Number(y) + 60}年${Number(m)}月${Number(d)}日` : [Number(y) + 60, m, d].join(sep)
        fc.pre(isChinaDate(`${Number(y) + 60}-${m}-${d}`))
        const r = tryRebuild({ masked: oldMask(id), retired }, id, REGIONS)
        expect(r.success).toBe(true)
      }),
    )
  })

  test('the exact birth date with the gender leaves 500 numbers even when the ID number is hidden entirely', () => {
    fc.assert(
      fc.property(idNumber, (id) => {
        const r = tryRebuild({ born: birthOf(id).replace(/-/g, ''), gender: genderOf(id), masked: maskIdNumber(id) }, id, REGIONS)
        expect(r).toMatchObject({ success: true, candidates: 500 })
      }),
    )
  })
})

describe('the new scheme cannot', () => {
  test('the area code, the birth month, the retirement month and the gender leave at least 28 × 500 numbers', () => {
    fc.assert(
      fc.property(idNumber, fc.constantFrom(50, 55, 60), (id, age) => {
        const birthMonth = birthOf(id).slice(0, 7)
        const record = { person: { gender: genderOf(id), birthMonth, retirementMonth: addMonths(birthMonth, 12 * age + 1), idNumber: { masked: maskIdNumber(id) } } }
        const r = tryRebuild(record, id, REGIONS)
        expect(r.success).toBe(false)
        expect(r.candidates).toBeGreaterThanOrEqual(28 * 500)
        expect(r.constraints).toMatchObject({ birth: birthMonth, gender: genderOf(id) })
      }),
    )
  })

  test('a legacy person record, upgraded when read, cannot either', () => {
    fc.assert(
      fc.property(idNumber, (id) => {
        const legacy = { gender: genderOf(id), birthDate: birthOf(id), retirementDate: '2015-03-15', idNumber: { masked: maskIdNumber(oldMask(id)) } }
        expect(tryRebuild(legacy, id, REGIONS).success).toBe(true)
        expect(tryRebuild(upgradeLegacyDates(legacy), id, REGIONS).success).toBe(false)
      }),
    )
  })
})

/** Every valid number of the birth month, filtered one by one (an area code shown in full is known, whatever the city's list). */
function bruteForce(c: Constraints & { birth: string }): number {
  const pattern = c.patterns[0] ?? '*'.repeat(18)
  const regionShown = /^\d{6}/.test(pattern)
  let n = 0
  for (const region of REGIONS) {
    if (!regionShown && !c.regions.includes(region)) continue
    for (let day = 1; day <= 31; day++) {
      const date = `${c.birth}-${String(day).padStart(2, '0')}`
      if (!isChinaDate(date)) continue
      for (let seq = 0; seq < 1000; seq++) {
        const first17 = region + date.replace(/-/g, '') + String(seq).padStart(3, '0')
        const id = first17 + checkCharacter(first17)
        if (c.gender !== null && genderOf(id) !== c.gender) continue
        if ([...pattern].every((ch, i) => ch === '*' || ch === id[i])) n++
      }
    }
  }
  return n
}

describe('counting', () => {
  test('the count equals a brute-force enumeration', () => {
    fc.assert(
      fc.property(
        idNumber,
        fc.subarray(REGIONS, { minLength: 1 }),
        fc.array(fc.integer({ min: 0, max: 17 }), { maxLength: 12 }),
        fc.boolean(),
        (id, regions, shown, knowsGender) => {
          // A pattern showing some characters of a number.
          const pattern = [...id].map((ch, i) => (shown.includes(i) ? ch : '*')).join('')
          const c = { regions, patterns: [pattern], gender: knowsGender ? genderOf(id) : null, birth: birthOf(id).slice(0, 7) }
          expect(countCandidates(c)).toBe(bruteForce(c))
        },
      ),
      { numRuns: 15 },
    )
  })

  test('with nothing but the area codes, every number of every plausible birth date is a candidate', () => {
    expect(countCandidates({ regions: ['152501'], patterns: [], gender: null, birth: '' })).toBeGreaterThan(REBUILD_LIMIT * 1000)
    expect(countCandidates({ regions: ['152501'], patterns: [], gender: null, birth: '1960-02' })).toBe(29 * 1000)
  })

  test('two patterns that disagree leave nothing', () => {
    expect(countCandidates({ regions: REGIONS, patterns: ['152501************', '152502************'], gender: null, birth: '1960-02' })).toBe(0)
  })

  test('a 15-character number, a spaced number, full-width digits and a labelled gender are read', () => {
    const id = '152501550315001'
    const full = '15250119550315001' + checkCharacter('15250119550315001')
    expect(tryRebuild({ old: id }, full, REGIONS)).toMatchObject({ success: true, candidates: 1 })
    expect(tryRebuild('身份证 1525 0119 5503 1500 1' + full[17], full, REGIONS).candidates).toBe(1)
    expect(tryRebuild({ born: '１９５５年３月１５日', note: '性别：男' }, full, REGIONS)).toMatchObject({ success: true, candidates: REGIONS.length * 500 })
  })
})
