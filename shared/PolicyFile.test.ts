import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PolicyError } from './Policy'
import { readPolicyText } from './PolicyFile'
import { erenhot2019 } from './policies/erenhot2019'
import { qingyuan2020 } from './policies/qingyuan2020'

const shipped = (name: string) => readFileSync(join(__dirname, 'policies', name), 'utf8')

function problemsOf(text: string): string[] {
  try {
    readPolicyText(text, 'x.jsonc')
  } catch (e) {
    if (e instanceof PolicyError) return e.problems
    throw e
  }
  throw new Error('expected the policy to be refused')
}

/** The default policy's file with one edit made to its text. */
const edited = (from: string, to: string) => {
  const text = shipped('erenhot2019.jsonc')
  if (!text.includes(from)) throw new Error(`not in the file: ${from}`)
  return text.replace(from, to)
}

describe('policy files', () => {
  test('each shipped file reads as the policy the typed loader gives', () => {
    expect(readPolicyText(shipped('erenhot2019.jsonc'))).toEqual(erenhot2019)
    expect(readPolicyText(shipped('qingyuan2020.jsonc'))).toEqual(qingyuan2020)
  })

  test('comments and a trailing comma are allowed', () => {
    expect(readPolicyText(edited('"title": "二连浩特市国有企业退休人员社会化管理工作方案",', '/* 标题 */ "title": "二连浩特市国有企业退休人员社会化管理工作方案", // 方案全称')).title).toBe(erenhot2019.title)
    expect(readPolicyText(edited('"to": "2020-10-31" }\n  ]', '"to": "2020-10-31" },\n  ]')).phases).toHaveLength(3)
  })

  test('broken JSON is refused with the line and column of its first error, in Chinese', () => {
    const text = edited('"jurisdiction": "二连浩特市",', '"jurisdiction": "二连浩特市"')
    const line = text.split('\n').findIndex((l) => l.includes('"title"')) + 1
    expect(problemsOf(text)).toEqual([`x.jsonc 第 ${line} 行第 3 列：这里缺少逗号。`])
    expect(problemsOf('{ "id": "x", /* 没写完')).toEqual(['x.jsonc 第 1 行第 14 列：注释没有结束（缺少 */）。'])
    expect(problemsOf('[1, 2]')).toEqual(['x.jsonc：整个文件应是一个对象 { … }。'])
  })

  test('schema errors name the path in the file and say what is wrong in Chinese', () => {
    const text = edited('"deadline": "2020-03-31"', '"deadline": "2020/03/31"').replace('"receivingRule": "hukou"', '"receivingRule": "workplace"').replace('"title": "二连浩特市国有企业退休人员社会化管理工作方案",', '')
    expect(problemsOf(text).sort()).toEqual(
      [
        'x.jsonc：receivingRule：应为以下之一：hukou、residence。',
        'x.jsonc：stages[2].deadline：日期应写成 YYYY-MM-DD 的形式。',
        'x.jsonc：title：缺少这一项。',
      ].sort(),
    )
    expect(problemsOf(edited('"transitionYears": 3', '"transitionYears": "三"'))).toEqual(['x.jsonc：expenseRules.transitionYears：应为数字。'])
    expect(problemsOf(edited('"transitionYears": 3', '"transitionYears": 2.5'))).toEqual(['x.jsonc：expenseRules.transitionYears：应为整数。'])
    expect(problemsOf(edited('"name": "摸底造册"', '"name": ""'))).toEqual(['x.jsonc：stages[0].name：不能为空。'])
    expect(problemsOf(edited('"fullMarks": 100', '"fullMarks": 0'))).toEqual(['x.jsonc：assessment.fullMarks：应大于 0。'])
  })

  test('a file of the right shape is still held to the rules across fields (policyProblems)', () => {
    expect(problemsOf(edited('"after": ["personnelFile", "partyRelation", "socialSecurity"]', '"after": ["personnelFile", "partyRelation", "socialSecurity", "takenIn"]'))).toEqual([
      'x.jsonc：环节「纳入社区管理」的前置环节 takenIn 必须排在它前面。',
    ])
    expect(problemsOf(edited('"deadline": "2020-10-31",\n      "daysAfterOpening": 120,\n      "responsible": "community",\n      "after": ["personnelFile"', '"deadline": "2021-01-31",\n      "daysAfterOpening": 120,\n      "responsible": "community",\n      "after": ["personnelFile"'))).toEqual([
      'x.jsonc：环节「纳入社区管理」的截止日期晚于整个工作的结束日期 2020-10-31。',
    ])
  })
})
