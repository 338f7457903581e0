/** The longest wait a `Retry-After` may impose; a longer one is cut to it. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000

/**
 * Parses a `Retry-After` header (delay-seconds or an HTTP-date) into milliseconds from `now`.
 * Returns `undefined` when the header is absent or unreadable (a cross-origin response exposes it
 * only when the server lists it in `Access-Control-Expose-Headers`).
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim()
  if (!text) return undefined
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS)
  // An HTTP-date always names a weekday and month; V8 would read "-5" as a year.
  if (!/[a-z]/i.test(text)) return undefined
  // asctime (`Wed Nov 25 12:00:30 2026`) names no zone; HTTP says GMT, Date.parse reads local.
  const date = Date.parse(/GMT|UTC|[+-]\d{4}$/i.test(text) ? text : `${text} GMT`)
  if (Number.isNaN(date)) return undefined
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS)
}
