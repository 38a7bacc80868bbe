import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

// The domain code in shared/ sits outside the source root and must be compiled too.
const compile = { include: [path.resolve(__dirname, '..', 'shared')] }

// Both builds live side by side: dist/weapp for WeChat DevTools, dist/h5 for the local cloud.
export default defineConfig<'webpack5'>(async (merge) => {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'soe-retiree-handover',
    date: '2026-11-27',
    // 375 so that a CSS `18px` is 18 CSS pixels on a 375-wide phone (36rpx in weapp).
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniprogram',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  }
  const mode = process.env.NODE_ENV === 'development' ? {} : { mini: {}, h5: {} }
  return merge({}, base, mode)
})
