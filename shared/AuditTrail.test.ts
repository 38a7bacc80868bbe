import fc from 'fast-check'
import { ACTION_NAMES } from './Api'
import type { AuditEntry } from './AuditEntry'
import { AUDIT_ACTION_LABELS, auditActionLabel, auditTrailItem, chinaDateRange, maskUserId } from './AuditTrail'
import { addChinaDays, chinaDateOf } from './ChinaTime'

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({ id: 'a1', at: '2020-03-20T01:00:00.000Z', actor: { userId: 'dev-grid-wulan', role: 'gridWorker' }, action: 'case.get', caseId: 'case-1', outcome: 'done', changes: [], ...over })

test('every action of the API has a label in plain words; anything else is shown by its code', () => {
  expect(ACTION_NAMES.filter((a) => !(a in AUDIT_ACTION_LABELS))).toEqual([])
  expect(auditActionLabel('something.new')).toBe('something.new')
  expect(auditActionLabel('__proto__')).toBe('__proto__')
  expect(auditActionLabel('constructor')).toBe('constructor')
})

test('who: the name on record, or the masked id; the system by name; the role and outcome in words', () => {
  const names = new Map([['dev-grid-wulan', '网格员 孟和']])
  expect(auditTrailItem(entry(), names)).toMatchObject({ who: '网格员 孟和', roleName: '网格员', when: '2020年3月20日 09:00', what: '查看个人信息', outcome: '已办理', refused: false })
  expect(auditTrailItem(entry({ actor: { userId: 'o-removed-staff-openid', role: 'gridWorker' }, outcome: 'refused' }), names)).toMatchObject({ who: 'o-re****', outcome: '被拒绝', refused: true })
  expect(auditTrailItem(entry({ actor: { userId: 'system', role: 'system' } }), names)).toMatchObject({ who: '系统', roleName: '系统' })
  expect(maskUserId('abc')).toBe('***')
})

test('changes keep their stored (masked) values; fields and recorded steps are named', () => {
  const item = auditTrailItem(entry({ changes: [{ field: 'person.phone', before: '139****1234', after: '138****5678' }, { field: 'actions', before: null, after: 'rosterConfirmed,materialsSubmitted' }, { field: 'odd', before: 'x', after: null }] }), new Map())
  expect(item.changes).toEqual([
    { field: '电话（遮蔽）', before: '139****1234', after: '138****5678' },
    { field: '办理步骤', before: null, after: '摸底造册完成、移交材料已备齐' },
    { field: 'odd', before: 'x', after: null },
  ])
})

test('a range of China dates is the UTC instants of those whole days: an instant is inside exactly when its China date is', () => {
  const day = fc.integer({ min: 0, max: 3000 }).map((n) => addChinaDays('2019-01-01', n))
  fc.assert(
    fc.property(day, fc.integer({ min: 0, max: 40 }), fc.integer({ min: -5 * 86_400_000, max: 50 * 86_400_000 }), (from, length, offset) => {
      const to = addChinaDays(from, length)
      const range = chinaDateRange(from, to)
      const instant = new Date(Date.parse(range.from) + offset).toISOString()
      const china = chinaDateOf(instant)
      expect(instant >= range.from && instant < range.to).toBe(china >= from && china <= to)
    }),
  )
})
