/** The two calls of miniprogram-exparser (the component engine under miniprogram-simulate) that taroWeapp.ts uses to fire events. */
declare module 'miniprogram-exparser' {
  const exparser: {
    Event: {
      create(name: string, detail: object, options: { bubbles?: boolean; composed?: boolean; capturePhase?: boolean }): unknown
      dispatchEvent(target: unknown, event: unknown): void
    }
  }
  export default exparser
}
