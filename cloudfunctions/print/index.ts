/**
 * The `print` cloud function: printed pages as PDF with pdfkit and the CJK font that
 * scripts/build-functions.mjs cuts from Debian's at build time and ships beside index.js:
 * the community's QR poster (a wxacode from wxacode.getUnlimited, granted in config.json).
 */
import { printHandlers } from '../lib/actions/print'
import { createCloudMain } from '../lib/cloudMain'

export const main = createCloudMain({ ...printHandlers })
