import fc from 'fast-check'
import { isMainlandMobile, isRosterPhone, phoneKind } from './PhoneNumber'
import { emptyReach, phoneMarkedBad, reachability, reachFacts, reachShares, unreachedReason, withOpening, withPrintedDelivery, withSmsOutcome, MAX_REACH_USERS, type ReachFacts } from './Reachability'

const NOW = new Date('2026-11-28T04:00:00Z')
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString()
const none: ReachFacts = { ownWechat: [], relativeWechat: [], sms: 'none', phoneUsable: false, printed: null }
const aCase = { id: 'c1', enterpriseId: 'ent-water', summary: { receivingCommunityId: 'com-wulan' } }

/** Each situation, the channels tried in order, and whether a digital channel works (the rule). */
const SITUATIONS: Array<[string, ReachFacts, string[], boolean, string]> = [
  ['nobody, no phone', none, ['printed'], false, 'none'],
  ['own WeChat opened yesterday', { ...none, ownWechat: [{ lastOpenedAt: daysAgo(1) }] }, ['ownWechat', 'printed'], true, 'ownWechat'],
  ['own WeChat opened 29 days ago', { ...none, ownWechat: [{ lastOpenedAt: daysAgo(29) }] }, ['ownWechat', 'printed'], true, 'ownWechat'],
  ['own WeChat opened 31 days ago', { ...none, ownWechat: [{ lastOpenedAt: daysAgo(31) }] }, ['printed'], false, 'none'],
  ['own WeChat never opened', { ...none, ownWechat: [{ lastOpenedAt: null }] }, ['printed'], false, 'none'],
  ['a relative opened last week', { ...none, relativeWechat: [{ lastOpenedAt: daysAgo(7) }] }, ['relativeWechat', 'printed'], true, 'relativeWechat'],
  ['a stale relative and a fresh one', { ...none, relativeWechat: [{ lastOpenedAt: daysAgo(90) }, { lastOpenedAt: daysAgo(2) }] }, ['relativeWechat', 'printed'], true, 'relativeWechat'],
  ['a usable mobile, no SMS yet', { ...none, phoneUsable: true }, ['sms', 'printed'], false, 'none'],
  ['a usable mobile, SMS delivered', { ...none, phoneUsable: true, sms: 'delivered' }, ['sms', 'printed'], true, 'sms'],
  ['an SMS bounced (phone unusable)', { ...none, phoneUsable: false, sms: 'bounced' }, ['printed'], false, 'none'],
  ['everything', { ownWechat: [{ lastOpenedAt: daysAgo(0) }], relativeWechat: [{ lastOpenedAt: daysAgo(0) }], sms: 'delivered', phoneUsable: true, printed: 'handedOver' }, ['ownWechat', 'relativeWechat', 'sms', 'printed'], true, 'ownWechat'],
  ['no digital channel, notice handed over', { ...none, printed: 'handedOver' }, ['printed'], false, 'inPerson'],
  ['no digital channel, notice left at the door', { ...none, printed: 'leftAtDoor' }, ['printed'], false, 'inPerson'],
  ['no digital channel, nobody there', { ...none, printed: 'nobodyThere' }, ['printed'], false, 'none'],
]

describe.each(SITUATIONS)('%s', (_name, facts, channels, working, reachedBy) => {
  test(`channels ${channels.join(' → ')}; working digital channel: ${working}; reached by ${reachedBy}`, () => {
    const r = reachability(facts, NOW)
    expect(r.channels).toEqual(channels)
    expect(r.hasWorkingDigitalChannel).toBe(working)
    expect(r.reachedBy).toBe(reachedBy)
  })
})

const opened = fc.array(fc.record({ lastOpenedAt: fc.option(fc.integer({ min: 0, max: 120 }).map(daysAgo), { nil: null }) }), { maxLength: 4 })
const facts = fc.record({
  ownWechat: opened,
  relativeWechat: opened,
  sms: fc.constantFrom('delivered' as const, 'bounced' as const, 'none' as const),
  phoneUsable: fc.boolean(),
  printed: fc.constantFrom(null, 'handedOver' as const, 'leftAtDoor' as const, 'nobodyThere' as const),
})

describe('the rule, for all facts', () => {
  test('channels keep the order of preference, without repeats, and end with printed', () => {
    const order = ['ownWechat', 'relativeWechat', 'sms', 'printed']
    fc.assert(fc.property(facts, (f) => {
      const { channels } = reachability(f, NOW)
      expect(channels[channels.length - 1]).toBe('printed')
      expect([...channels].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(channels)
      expect(new Set(channels).size).toBe(channels.length)
    }))
  })

  test('no working digital channel exactly when nobody opened in 30 days and no SMS was delivered to a usable phone', () => {
    fc.assert(fc.property(facts, (f) => {
      const recent = [...f.ownWechat, ...f.relativeWechat].some((u) => u.lastOpenedAt !== null && NOW.getTime() - Date.parse(u.lastOpenedAt) <= 30 * 86_400_000)
      expect(reachability(f, NOW).hasWorkingDigitalChannel).toBe(recent || (f.sms === 'delivered' && f.phoneUsable))
    }))
  })

  test('a person with a working digital channel is reached by it, never counted as in person', () => {
    fc.assert(fc.property(facts, (f) => {
      const r = reachability(f, NOW)
      expect(['ownWechat', 'relativeWechat', 'sms'].includes(r.reachedBy)).toBe(r.hasWorkingDigitalChannel)
    }))
  })
})

describe('phone numbers (issue 14 point 4)', () => {
  test.each([
    ['13912345678', 'mobile'], ['19912345678', 'mobile'], ['0479-7521234', 'landline'], ['04797521234', 'landline'],
    ['010-12345678', 'landline'], ['02112345678', 'landline'],
  ])('%s is a %s', (phone, kind) => expect(phoneKind(phone)).toBe(kind))

  test.each(['12912345678', '1391234567', '139123456789', '139 1234 5678', '7521234', '0479-752123', '0479-752123456', '+8613912345678', ''])('%s is refused', (phone) => {
    expect(isRosterPhone(phone)).toBe(false)
  })

  test('every 1[3-9] + 9 digits is a mobile; every 0 + 2–3 + 7–8 digits, dashed or not, a landline', () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''))
    fc.assert(fc.property(fc.integer({ min: 3, max: 9 }), digits(9), (second, rest) => expect(isMainlandMobile(`1${second}${rest}`)).toBe(true)))
    fc.assert(fc.property(fc.integer({ min: 2, max: 3 }).chain((a) => digits(a)), fc.integer({ min: 7, max: 8 }).chain((n) => digits(n)), fc.boolean(), (area, local, dash) => {
      expect(phoneKind(`0${area}${dash ? '-' : ''}${local}`)).toBe('landline')
    }))
  })

  test('a bounced SMS marks the number bad; a delivery after it, or a corrected number, clears the mark', () => {
    const r0 = emptyReach(aCase, NOW)
    const bounced = withSmsOutcome(r0, '13912345678', 'bounced', NOW)
    expect(phoneMarkedBad(bounced, '13912345678')).toBe(true)
    expect(reachFacts('13912345678', bounced).phoneUsable).toBe(false)
    expect(phoneMarkedBad(bounced, '13987654321')).toBe(false)
    expect(reachFacts('13987654321', bounced)).toMatchObject({ phoneUsable: true, sms: 'none' })
    const later = withSmsOutcome(bounced, '13912345678', 'delivered', new Date(NOW.getTime() + 60_000))
    expect(phoneMarkedBad(later, '13912345678')).toBe(false)
    expect(reachFacts('13912345678', later).sms).toBe('delivered')
  })

  test('a landline is a valid roster phone but never an SMS channel', () => {
    expect(reachFacts('0479-7521234', null).phoneUsable).toBe(false)
    expect(reachability(reachFacts('0479-7521234', null), NOW).channels).toEqual(['printed'])
  })
})

describe('the reach document', () => {
  test('keeps each user once, the latest opening, and at most MAX_REACH_USERS', () => {
    let r = emptyReach(aCase, NOW)
    for (let i = 0; i < MAX_REACH_USERS + 3; i++) r = withOpening(r, { id: `u${i}`, role: i === 0 ? 'retiree' : 'relative' }, new Date(NOW.getTime() + i * 1000))
    r = withOpening(r, { id: 'u5', role: 'relative' }, new Date(NOW.getTime() + 100_000))
    expect(r.wechat).toHaveLength(MAX_REACH_USERS)
    expect(r.wechat.filter((u) => u.userId === 'u5')).toHaveLength(1)
    expect(r.wechat[0]).toMatchObject({ userId: 'u5' })
    expect(r.wechat.some((u) => u.userId === 'u0')).toBe(false)
  })

  test('a printed notice handed over counts as reached in person', () => {
    const r = withPrintedDelivery(emptyReach(aCase, NOW), 'handedOver', NOW)
    expect(reachability(reachFacts('0479-7521234', r), NOW).reachedBy).toBe('inPerson')
  })
})

describe('the board’s shares', () => {
  const reachedBy = fc.constantFrom('ownWechat' as const, 'relativeWechat' as const, 'sms' as const, 'inPerson' as const, 'none' as const)
  test('counts add up to the total; whole percentages add up to 100 and each is within 1 of the exact share', () => {
    fc.assert(fc.property(fc.array(reachedBy, { maxLength: 300 }), (reached) => {
      const s = reachShares('u', reached, false)
      const counts = Object.values(s.counts)
      expect(counts.reduce((a, b) => a + b, 0)).toBe(reached.length)
      const percents = Object.values(s.percent)
      expect(percents.reduce((a, b) => a + b, 0)).toBe(reached.length === 0 ? 0 : 100)
      for (const k of Object.keys(s.counts) as Array<keyof typeof s.counts>) {
        if (reached.length) expect(Math.abs(s.percent[k] - (s.counts[k] * 100) / reached.length)).toBeLessThan(1)
      }
    }))
  })

  test('three people: 34 / 33 / 33', () => {
    expect(reachShares('u', ['ownWechat', 'sms', 'none'], false).percent).toEqual({ ownWechat: 34, relativeWechat: 0, sms: 33, inPerson: 0, none: 33 })
  })

  test('the reason a person is unreached names what is missing', () => {
    expect(unreachedReason('', none)).toBe('本人和亲属都没用微信办理；花名册上没有电话')
    expect(unreachedReason('04797521234', { ...none, ownWechat: [{ lastOpenedAt: daysAgo(40) }] })).toBe('30 天内没打开过小程序；留的是固定电话，收不了短信')
    expect(unreachedReason('13912345678', { ...none, sms: 'bounced' })).toContain('电话号码无效')
  })
})
