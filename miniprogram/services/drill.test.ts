import fc from 'fast-check'
import { FigureState } from '../../shared/Board'
import { ROUTES } from '../routes'
import { drillUrl, queryValue, sideOf } from './drill'

describe('drillUrl', () => {
  test('any label and org id come back unchanged from the query string, whatever characters they hold', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom(...FigureState.options), fc.boolean(), (label, orgId, state, own) => {
        const url = drillUrl({ side: 'enterprise', orgId, stage: 'agreement', state, label }, own)
        const [path, query] = url.split('?')
        const params = new URLSearchParams(query.replace(/\+/g, '%2B'))
        expect(path).toBe(ROUTES.boardCases)
        expect(Object.fromEntries(params)).toEqual({ side: 'enterprise', orgId, stage: 'agreement', state, label, ...(own ? { own: '1' } : {}) })
      }),
    )
  })

  test('a city-wide figure carries no org id', () => {
    expect(drillUrl({ side: 'city', stage: 'takenIn', state: 'overdue', label: '全市 · 纳入社区管理' })).toBe(`${ROUTES.boardCases}?side=city&stage=takenIn&state=overdue&label=${encodeURIComponent('全市 · 纳入社区管理')}`)
  })
})

test('a bureau lists its figures city-wide; an enterprise and a community their own', () => {
  expect(['enterprise', 'community', 'archives', 'party'].map(sideOf)).toEqual(['enterprise', 'community', 'city', 'city'])
})

test('a query value is decoded once; one that cannot be decoded is kept as it came', () => {
  expect(queryValue(encodeURIComponent('供排水公司 · 签订移交协议'))).toBe('供排水公司 · 签订移交协议')
  expect(queryValue('完成 100%')).toBe('完成 100%')
  expect(queryValue(undefined)).toBe('')
})
