// Packages whose ES build reads import.meta.url at load (pdfkit's ICC profile path): in a
// CommonJS bundle that is empty and the bundle throws on start. Their CommonJS build (the one
// Node's require picks, and Jest runs) is bundled instead.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

export function requireBuilds(names) {
  return {
    name: 'require-builds',
    setup(build) {
      const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`)
      build.onResolve({ filter }, (args) => ({ path: require.resolve(args.path) }))
    },
  }
}
