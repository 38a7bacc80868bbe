/**
 * Jest loads a .jsonc file (a policy file) as its parsed data, as the builds do
 * (scripts/policyFiles.mjs); a syntax error fails with its line and column.
 */
const { parse, printParseErrorCode } = require('jsonc-parser')

module.exports = {
  process(text, path) {
    const errors = []
    const data = parse(text, errors, { allowTrailingComma: true })
    if (errors.length > 0) {
      const at = (offset) => {
        const lines = text.slice(0, offset).split('\n')
        return `${lines.length}:${lines[lines.length - 1].length + 1}`
      }
      throw new Error(`${path}: ${errors.map((e) => `${printParseErrorCode(e.error)} at ${at(e.offset)}`).join(', ')}`)
    }
    return { code: `module.exports = ${JSON.stringify(data)};` }
  },
}
