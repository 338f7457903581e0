import type { PlexSimulator } from '../../../src/testing/createPlexSimulator'

/**
 * Prints one line per API request the simulator answers (method, path, route, status), so a
 * developer sees the polling happen, and one per code entered on `/link` or approved on `/auth`. Tokens never
 * appear: only the path is printed.
 */
export function logRequests(simulator: PlexSimulator, prefix = ''): void {
  const link = simulator.link
  simulator.link = (code, options) => {
    const result = link(code, options)
    process.stdout.write(`${prefix}/link page: code ${code.trim().toUpperCase()} → ${result.ok ? 'linked' : result.reason}\n`)
    return result
  }
  const authorize = simulator.authorize
  simulator.authorize = (code, options) => {
    const result = authorize(code, options)
    process.stdout.write(`${prefix}/auth page: ${result.ok ? 'approved' : result.reason}\n`)
    return result
  }
  const handle = simulator.handle
  simulator.handle = async (request) => {
    // `handle` logs the request synchronously before its first await, so this index is its entry.
    const index = simulator.log.length
    try {
      return await handle(request)
    } finally {
      const entry = simulator.log[index]
      if (entry) {
        const status = entry.status === 0 ? 'dropped' : String(entry.status)
        process.stdout.write(`${prefix}${entry.method} ${entry.path} → ${status} (${entry.route})\n`)
      }
    }
  }
}

/** Closes everything on Ctrl-C (or SIGTERM) and exits. */
export function closeOnSignal(close: () => Promise<void>): void {
  let closing = false
  const onSignal = () => {
    if (closing) process.exit(1)
    closing = true
    process.stdout.write('\nStopping…\n')
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
}
