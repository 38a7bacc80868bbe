/**
 * The policy the cloud functions run. The build bundles here the policy file the deployment
 * names (POLICY or --policy, checked by scripts/build-functions.mjs), 二连浩特 2019 otherwise.
 */
import file from '../../shared/policies/erenhot2019.jsonc'
import { parsePolicy, type Policy } from '../../shared/Policy'

export const deployedPolicy: Policy = parsePolicy(file)
