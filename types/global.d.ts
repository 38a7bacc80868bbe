/// <reference types="@tarojs/taro" />

declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV?: 'development' | 'production' | 'test'
    TARO_ENV?: 'weapp' | 'h5'
    /** WeChat cloud environment id for the weapp build (empty: the default environment). */
    TARO_APP_CLOUD_ENV?: string
  }
}

/** A policy file (JSON with comments): builds and tests load it as its parsed data, checked by parsePolicy. */
declare module '*.jsonc' {
  const data: unknown
  export default data
}
