/** Sends one event to the bench runner (a DevTools binding) and keeps it on `window.__benchEvents`. */
export function report(event: BenchEvent): void {
  window.__benchEvents ??= []
  window.__benchEvents.push(event)
  window.__benchReport?.(JSON.stringify(event))
}

/** Instrumentation only: the clock of every figure the page reports. */
export function now(): number {
  return performance.now()
}
