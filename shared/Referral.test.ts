import fc from 'fast-check'
import { isAppError } from './AppError'
import { markSent, referralFromRoster, referralId, referralItem, type Referral } from './Referral'
import { fakeSealed } from './testing/fixtures'

const NOW = new Date('2020-03-20T01:00:00Z')
const details = (enterpriseId: string, hukouAddress = '锡林浩特市额尔敦路5号') => ({
  enterpriseId,
  name: '张秀兰',
  idNumber: fakeSealed('11010519491231002X'),
  gender: 'female' as const,
  birthMonth: '1949-12',
  retirementMonth: '2005-01',
  phone: '13812345678',
  hukouAddress,
})

const refused = (run: () => unknown) => {
  try {
    run()
  } catch (e) {
    return isAppError(e) ? e.code : 'other'
  }
  return null
}

describe('a referral (转出) from roster to office', () => {
  test('a new row opens a referral keyed by the ID hash; a re-import of the same enterprise updates it, keeping its status', () => {
    const first = referralFromRoster(null, details('ent-a'), NOW)
    expect(first).toMatchObject({ id: referralId(first.idNumber.hash), version: 1, status: 'open', sentAt: null, sentBy: null })
    const sent = markSent(first, 'u-office', NOW)
    expect(sent).toMatchObject({ version: 2, status: 'sent', sentAt: NOW.toISOString(), sentBy: 'u-office' })
    const again = referralFromRoster(sent, details('ent-a', '锡林浩特市宝力根路8号'), new Date('2020-04-01T00:00:00Z'))
    expect(again).toMatchObject({ id: first.id, version: 3, status: 'sent', sentAt: NOW.toISOString(), hukouAddress: '锡林浩特市宝力根路8号', createdAt: first.createdAt })
  })

  test('another enterprise cannot take over a referral, and one sent is not sent twice', () => {
    const first = referralFromRoster(null, details('ent-a'), NOW)
    expect(refused(() => referralFromRoster(first, details('ent-b'), NOW))).toBe('CONFLICT')
    expect(refused(() => markSent(markSent(first, 'u', NOW), 'u', NOW))).toBe('CONFLICT')
  })

  test('for any details, the office sees the ID number and phone masked, never whole', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), fc.constantFrom<Referral['status']>('open', 'sent'), (phone, status) => {
        const r = { ...referralFromRoster(null, { ...details('ent-a'), phone }, NOW), status }
        const item = referralItem(r, { name: '供排水公司', contactPhone: '0479-7521101' })
        expect(JSON.stringify(item)).not.toContain(phone)
        expect(JSON.stringify(item)).not.toContain('11010519491231002X')
        expect(JSON.stringify(item)).not.toContain(r.idNumber.sealed)
        expect(item).toMatchObject({ enterpriseName: '供排水公司', status, phone: `${phone.slice(0, 3)}****${phone.slice(7)}` })
      }),
    )
  })
})
