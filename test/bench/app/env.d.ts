/** What the bench page reports to `test/bench/latency.ts`, all times from `performance.now()`. */
type BenchEvent =
  | { type: 'start'; impl: BenchImpl; clientIdentifier: string; timeOrigin: number; t: number }
  /** The first render of the component that holds the implementation. */
  | { type: 'mount'; t: number }
  /** The code is in the DOM (`[data-part="code"]`), seen by a MutationObserver. */
  | { type: 'code'; code: string; t: number }
  | { type: 'authenticated'; t: number }
  | { type: 'visibility'; state: DocumentVisibilityState; emulated: boolean; t: number }
  | { type: 'focus' | 'blur'; t: number }
  | { type: 'error'; message: string; t: number }

/** `query`: a bare TanStack Query poll, the heap bench's reference (`heap.ts`). */
type BenchImpl = 'widget' | 'baseline' | 'query'

interface Window {
  /** The DevTools binding `latency.ts` adds (`Runtime.addBinding`); absent when the page is opened by hand. */
  __benchReport?: (payload: string) => void
  /** Everything reported so far, also when there is no binding. */
  __benchEvents?: BenchEvent[]
  /**
   * The fallback when the browser cannot really hide the page: overrides
   * `document.visibilityState`/`hidden` and dispatches `visibilitychange` plus `blur`/`focus`.
   */
  __benchEmulateVisibility?: (state: DocumentVisibilityState) => void
}
