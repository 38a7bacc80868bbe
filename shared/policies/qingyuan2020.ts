/**
 * The second example policy, 青原市 (a fictional city), typed: the data is in qingyuan2020.jsonc.
 * Tests run the policy-generic suites under it too (shared/testing/policies.ts).
 */
import file from './qingyuan2020.jsonc'
import { parsePolicy, type Policy } from '../Policy'

export const qingyuan2020: Policy = parsePolicy(file)
