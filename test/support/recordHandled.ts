import type { PlexSimulator } from '../../src/testing'

/**
 * Wraps `simulator.handle` so each request's outcome is recorded as a promise: `answered 201`, or
 * the name of the error it ended with (`AbortError` for one aborted while waiting out latency).
 */
export function recordHandled(simulator: PlexSimulator): Promise<string>[] {
  const handled: Promise<string>[] = []
  const handle = simulator.handle
  simulator.handle = (request) => {
    const answer = handle(request)
    handled.push(answer.then((response) => `answered ${response.status}`, (error: unknown) => (error instanceof Error ? error.name : String(error))))
    return answer
  }
  return handled
}
