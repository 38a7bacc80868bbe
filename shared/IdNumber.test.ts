import { checkCharacter, normalizeIdNumberText, parseIdNumber } from './IdNumber'
import { maskIdNumber, maskPhone, redactPersonalData } from './Mask'

describe('ID numbers (GB 11643)', () => {
  test.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['11010519491231002x', '1949-12-31', 'female'], // lowercase x
    ['440524188001010014', '1880-01-01', 'male'],
    ['152501195503150010', '1955-03-15', 'male'],
  ])('%s is valid, born %s, %s', (raw, birthDate, gender) => {
    const r = parseIdNumber(raw)
    expect(r).toEqual({ ok: true, idNumber: raw.toUpperCase(), birthDate, gender, upgradedFrom15: false })
  })

  test('the check character follows the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11', () => {
    expect(checkCharacter('11010519491231002')).toBe('X')
    expect(checkCharacter('44052418800101001')).toBe('4')
    expect(checkCharacter('15250119550315001')).toBe('0')
  })

  test.each(['110105194912310021', '110105194912310020', '440524188001010015', '152501195503150013'])('%s has a bad check digit', (raw) => {
    expect(parseIdNumber(raw)).toEqual({ ok: false, problem: 'checkDigit' })
  })

  test('a 15-digit number is upgraded to 18 digits with 19xx and a computed check character', () => {
    const r = parseIdNumber('110105491231002')
    expect(r).toEqual({ ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', upgradedFrom15: true })
  })

  test('full-width digits, full-width X and stray spaces are normalised', () => {
    expect(normalizeIdNumberText(' １１０１０５ １９４９１２３１００２ｘ ')).toBe('11010519491231002X')
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ').ok).toBe(true)
  })

  test.each([
    ['', 'empty'],
    ['12345', 'format'],
    ['11010519491231002Y', 'format'],
    ['1101051949123100X2', 'format'],
    ['110105194902300020', 'birthDate'], // 30 February
    ['110105194913010020', 'birthDate'], // month 13
  ])('%j is refused: %s', (raw, problem) => {
    expect(parseIdNumber(raw)).toEqual({ ok: false, problem })
  })

  test('a birth date after today is refused', () => {
    expect(parseIdNumber('11010519491231002X', '1949-12-30')).toEqual({ ok: false, problem: 'birthDate' })
    expect(parseIdNumber('11010519491231002X', '1949-12-31').ok).toBe(true)
  })
})

describe('masking', () => {
  test('an ID number keeps its area code (first 6 characters) only', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105************')
    expect(maskIdNumber('110105491231002')).toBe('110105*********')
  })
  test('a log line keeps no full ID number, phone or birth date', () => {
    const line = redactPersonalData('bad row 11010519491231002X / 110105491231002 / 110105********002X, phone 13812345678, born 1949-12-31 (1949年12月31日), at 2020-03-20T01:00:00Z')
    expect(line).toBe('bad row 110105************ / 110105********* / 110105************, phone 138****5678, born 1949-12-** (1949年12月**), at 2020-03-**T01:00:00Z')
  })
  test('masking the older form (first 6 + last 4) again keeps the first 6 only', () => {
    expect(maskIdNumber('110105********002X')).toBe('110105************')
  })
  test('a mobile number keeps 3 + 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('0479-7530001')).toBe('********0001')
  })
})
