/**
 * A policy file: JSON with comments (.jsonc), so that each date can cite the plan's clause beside
 * it. Read and validated here, with every problem said in Chinese for whoever writes the file:
 * the first syntax error by line and column (the ones after it mostly follow from it), else each
 * schema error by its path in the file.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser'
import type * as z from 'zod/mini'
import { Policy, PolicyError } from './Policy'

type SyntaxErrorName = Exclude<ReturnType<typeof printParseErrorCode>, '<unknown ParseErrorCode>'>

const SYNTAX_ERRORS: Record<SyntaxErrorName, string> = {
  InvalidSymbol: '这里有不认识的符号',
  InvalidNumberFormat: '数字的写法不对',
  PropertyNameExpected: '这里应是带双引号的字段名',
  ValueExpected: '这里缺少值',
  ColonExpected: '字段名后面缺少冒号',
  CommaExpected: '这里缺少逗号',
  CloseBraceExpected: '缺少右花括号 }',
  CloseBracketExpected: '缺少右方括号 ]',
  EndOfFileExpected: '文件在这里应该结束了',
  InvalidCommentToken: '注释的写法不对',
  UnexpectedEndOfComment: '注释没有结束（缺少 */）',
  UnexpectedEndOfString: '文字没有结束（缺少右双引号）',
  UnexpectedEndOfNumber: '数字没有写完',
  InvalidUnicode: 'Unicode 转义的写法不对',
  InvalidEscapeCharacter: '反斜杠转义的写法不对',
  InvalidCharacter: '文字里有不允许的字符（如换行）',
}

/** 1-based line and column of an offset, as an editor shows them. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before[before.length - 1].length + 1 }
}

function syntaxProblem(text: string, file: string, e: ParseError): string {
  const { line, column } = lineAndColumn(text, e.offset)
  const name = printParseErrorCode(e.error)
  return `${file} 第 ${line} 行第 ${column} 列：${name === '<unknown ParseErrorCode>' ? '写法不对' : SYNTAX_ERRORS[name]}。`
}

const TYPE_NAMES: Record<string, string> = { string: '文字', number: '数字', int: '整数', boolean: 'true 或 false', array: '列表 [ ]', object: '对象 { }', null: 'null' }

/** zod's issues in Chinese; a schema's own message (such as the date format) is kept. */
const chinese: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '缺少这一项' : `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`
    case 'invalid_value':
      return `应为以下之一：${issue.values.map((v) => String(v)).join('、')}`
    case 'too_small':
      if (issue.origin === 'string') return '不能为空'
      if (issue.origin === 'array') return `至少要有 ${issue.minimum} 项`
      return issue.inclusive ? `不能小于 ${issue.minimum}` : `应大于 ${issue.minimum}`
    case 'too_big':
      return issue.origin === 'array' ? `最多 ${issue.maximum} 项` : `不能大于 ${issue.maximum}`
    case 'invalid_union':
      return '不符合任何一种允许的写法'
    default:
      return '写法不对'
  }
}

/** `stages[2].deadline`: where in the file a problem is. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('')
}

/**
 * Reads a policy file's text. Throws a PolicyError listing the problems in Chinese: the first
 * syntax error with its line and column (then nothing else is checked), else each schema problem
 * with its path, and the problems that span several fields (policyProblems).
 */
export function readPolicyText(text: string, file = '政策文件'): Policy {
  const errors: ParseError[] = []
  const data: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false })
  if (errors.length > 0) throw new PolicyError([syntaxProblem(text, file, errors[0])])
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new PolicyError([`${file}：整个文件应是一个对象 { … }。`])
  const result = Policy.safeParse(data, { error: chinese })
  if (result.success) return result.data
  throw new PolicyError(result.error.issues.map((i) => (i.path.length ? `${file}：${pathText(i.path)}：${i.message}。` : `${file}：${i.message}`)))
}
