import fc from 'fast-check'
import { personName, normalName } from './PersonName'

const HAN = ['张', '丽', '王', '秀', '英', '斯', '日', '古', '楞', '〇', '𠀀']
const LATIN = ['a', 'B', 'z', 'É', 'ｊ', 'Ｏ']
const SPACES = [' ', '\u3000', '  ', '\t', '\u00a0']
const DOTS = ['·', '•', '・', '‧', '．', '.']

const word = (letters: string[]) => fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 5 }).map((l) => l.join(''))
const gap = fc.array(fc.constantFrom(...SPACES), { minLength: 1, maxLength: 3 }).map((s) => s.join(''))
/** Words joined by runs of spaces, with spaces at either end too. */
const spaced = (words: fc.Arbitrary<string>) =>
  fc.tuple(fc.array(fc.tuple(words, gap), { minLength: 1, maxLength: 4 }), fc.option(gap, { nil: '' })).map(([parts, lead]) => lead + parts.map(([w, g]) => w + g).join(''))
/** Anything a person might type into a name box. */
const typed = fc.oneof(
  fc.string({ unit: fc.constantFrom(...HAN, ...LATIN, ...SPACES, ...DOTS, '-', "'", 'é', 'e\u0301') }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
)

describe('personName', () => {
  test('the examples of the issue', () => {
    expect(personName('张　丽')).toBe('张丽')
    expect(personName('张 丽')).toBe('张丽')
    expect(personName(' 王  秀 英 ')).toBe('王秀英')
    expect(personName('阿依古丽·买买提')).toBe('阿依古丽·买买提')
    expect(personName(' 阿依古丽 • 买买提 ')).toBe('阿依古丽·买买提')
    expect(personName('阿依古丽．买买提')).toBe('阿依古丽·买买提')
    expect(personName('John　 Smith')).toBe('John Smith')
    expect(personName('Ｍａｒｙ  Ａｎｎ')).toBe('Mary Ann')
    expect(personName('图门吉日嘎拉巴雅尔图额尔德尼')).toBe('图门吉日嘎拉巴雅尔图额尔德尼')
  })

  test('a name written with · keeps its own spaces, but none beside the ·', () => {
    expect(personName('阿依古丽 · 买买提 艾力')).toBe('阿依古丽·买买提 艾力')
    expect(personName('Ayiguli · Maimaiti')).toBe('Ayiguli·Maimaiti')
  })

  test('a name mixing Chinese characters and Latin letters keeps a space beside a letter only', () => {
    expect(personName('李 John')).toBe('李 John')
    expect(personName('Mary 王 秀英')).toBe('Mary 王秀英')
    expect(personName('张 A 丽')).toBe('张 A 丽')
  })

  test('nothing but spaces is lost: without spaces it is the name as compared', () => {
    fc.assert(fc.property(typed, (raw) => personName(raw).replace(/ /g, '') === normalName(raw)))
  })

  test('idempotent', () => {
    fc.assert(fc.property(typed, (raw) => personName(personName(raw)) === personName(raw)))
  })

  test('no space at either end, and never two in a row', () => {
    fc.assert(fc.property(typed, (raw) => !/^\s|\s$|\s\s/.test(personName(raw))))
  })

  test('a name in Chinese characters never keeps a space', () => {
    fc.assert(fc.property(spaced(word(HAN)), (raw) => !personName(raw).includes(' ')))
  })

  test('a name in Latin letters keeps one space between its words', () => {
    fc.assert(
      fc.property(fc.array(word(LATIN), { minLength: 1, maxLength: 4 }), gap, gap, (words, inner, outer) => {
        const raw = outer + words.join(inner) + outer
        return personName(raw) === words.map((w) => w.normalize('NFKC')).join(' ')
      }),
    )
  })
})
