/**
 * The default policy, 二连浩特市 2019, typed: the data and its comments citing the plan are in
 * erenhot2019.jsonc. Builds and tests load .jsonc files as their parsed data
 * (scripts/policyFiles.mjs, test/jsoncTransform.js); a deployment may name another file.
 */
import file from './erenhot2019.jsonc'
import { parsePolicy, type Policy } from '../Policy'

export const erenhot2019: Policy = parsePolicy(file)
