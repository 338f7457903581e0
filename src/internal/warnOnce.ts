declare const process: { env: Record<string, string | undefined> } | undefined

const warned = new Set<string>()

/** Whether this is a development build; bundlers replace `process.env.NODE_ENV`. */
export function isDevelopment(): boolean {
  try {
    return typeof process === 'undefined' || process.env.NODE_ENV !== 'production'
  } catch {
    return true
  }
}

/** Logs a development-time warning once per `key`. Never pass a token or other secret. */
export function warnOnce(key: string, message: string): void {
  if (!isDevelopment() || warned.has(key)) return
  warned.add(key)
  console.warn(`react-plex-login: ${message}`)
}

/** Forgets which warnings were given (tests only: each test starts as a fresh page). */
export function resetWarnings(): void {
  warned.clear()
}
