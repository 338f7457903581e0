const warned = new Set<string>()

/**
 * Logs a development-time warning once per `key`. Never pass a token or other secret. Call sites
 * guard it with `process.env.NODE_ENV !== 'production'`, as React and TanStack Query do, so
 * production bundles drop the call and its message.
 */
export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return
  warned.add(key)
  console.warn(`react-plex-login: ${message}`)
}

/** Forgets which warnings were given (tests only: each test starts as a fresh page). */
export function resetWarnings(): void {
  warned.clear()
}
