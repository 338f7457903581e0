/** Why a plex.tv request failed. */
export const PlexApiErrorKind = {
  /** `fetch` itself failed: offline, DNS, an ad blocker or CORS. */
  network: 'network',
  /** plex.tv answered with an HTTP error not covered by a more specific kind. */
  http: 'http',
  /** The PIN is gone (404, or Plex error 1020): a fresh PIN is the cure. */
  expired: 'expired',
  /** plex.tv asked us to slow down (429). */
  rateLimited: 'rate-limited',
  /** The answer arrived but was not what plex.tv sends (wrong shape, XML, HTML, markup in the code…). */
  invalidResponse: 'invalid-response',
  /** plex.tv refused the request for lack of `X-Plex-Client-Identifier` (400/1000). */
  missingClientIdentifier: 'missing-client-identifier',
  /** The token was not accepted (401). */
  unauthorized: 'unauthorized',
} as const

export type PlexApiErrorKind = (typeof PlexApiErrorKind)[keyof typeof PlexApiErrorKind]

/** What a {@link PlexApiError} is made from. */
export interface PlexApiErrorOptions {
  /** What went wrong, one of {@link PlexApiErrorKind}. */
  kind: PlexApiErrorKind
  /** A sentence a person can act on: what failed, why, what to do. */
  message: string
  /** HTTP status, when plex.tv answered. */
  status?: number | undefined
  /** Plex's own error code from the body (`errors[0].code`), e.g. 1020. */
  plexCode?: number | undefined
  /** Plex's own error message from the body. */
  plexMessage?: string | undefined
  /** For `rate-limited` (and a 503): how long plex.tv asked us to wait, when it said (`Retry-After`). */
  retryAfterMs?: number | undefined
  /** The error underneath (a `fetch` TypeError, a JSON SyntaxError), as `Error.cause`. */
  cause?: unknown
}

/** The one error type of the plex.tv client. `message` is a sentence a person can act on. */
export class PlexApiError extends Error {
  override readonly name = 'PlexApiError'
  // Set with the other fields by the constructor's Object.assign.
  declare readonly kind: PlexApiErrorKind
  declare readonly status?: number
  declare readonly plexCode?: number
  declare readonly plexMessage?: string
  declare readonly retryAfterMs?: number

  constructor({ message, cause, ...fields }: PlexApiErrorOptions) {
    super(message, { cause })
    Object.assign(this, fields)
  }
}

/** Whether `error` is a {@link PlexApiError} (of one of `kinds`, when given). */
export function isPlexApiError(error: unknown, ...kinds: PlexApiErrorKind[]): error is PlexApiError {
  return error instanceof PlexApiError && (!kinds[0] || kinds.includes(error.kind))
}

/**
 * Whether retrying the same request later may succeed: network failures, 5xx, 408 and 429.
 * Anything else (a bad answer, a missing client identifier) fails the same way again.
 */
export function isTransientError(error: unknown): boolean {
  if (!isPlexApiError(error)) return false
  const { kind, status = 0 } = error
  return kind === 'network' || kind === 'rate-limited' || (kind === 'http' && (status >= 500 || status === 408))
}

/** An `invalid-response` error naming what was wrong with plex.tv's answer (never echoing it). */
export function invalidResponse(what: string): PlexApiError {
  return new PlexApiError({
    kind: 'invalid-response',
    message: `plex.tv sent an answer the sign-in cannot use (${what}). Try again, or tell whoever runs this app if it keeps happening.`,
  })
}
