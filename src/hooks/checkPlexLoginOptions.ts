import { checkClientIdentifier, checkProduct, normalizeBaseUrl, optionError } from '../api/createPlexClient.js'
import { describeValue } from '../internal/describeValue.js'
import { warnOnce } from '../internal/warnOnce.js'

/** Plex's own advice: about one poll a second. */
export const POLL_INTERVAL_MS = 1000
/** Polling faster than this gains nothing and invites rate limiting. */
export const MIN_POLL_INTERVAL_MS = 1000
/**
 * Polling slower than this leaves the person who linked the code waiting for the page to notice
 * (and past 2^31 - 1 ms a browser timer fires at once, which would poll in a tight loop).
 */
export const MAX_POLL_INTERVAL_MS = 60_000
/** How many times an expired code is replaced by a new one before the sign-in reads `expired`. */
export const DEFAULT_MAX_RENEWALS = 3
/** Where a person enters the code: the link's and the QR code's address, with `?pin=CODE`. */
export const DEFAULT_LINK_URL = 'https://plex.tv/link'
/**
 * The most a QR code at level M holds (version 40, 2,331 bytes; measured with qrcode.react, which
 * throws "Data too long" while rendering past it).
 */
export const MAX_QR_VALUE_LENGTH = 2331

export interface PlexLoginSettings {
  pollInterval: number
  maxRenewals: number
  linkUrl: string
  /** What is wrong with the options, in words a developer can act on; `null` when nothing is. */
  configError: TypeError | null
}

export interface PlexLoginOptionValues {
  product?: unknown
  clientIdentifier?: unknown
  baseUrl?: unknown
  linkUrl?: unknown
  pollInterval?: unknown
  maxRenewals?: unknown
}

/** `Number(value)`, or `NaN` for a value that has no number in it (a Symbol, a null-prototype object). */
function toNumber(value: unknown): number {
  try {
    return Number(value)
  } catch {
    return NaN
  }
}

/**
 * Checks the options an app passes and settles their defaults. Unusable values do not throw (a
 * sign-in screen must not crash the app): they come back as `configError` for the widget to show,
 * and a development warning explains the fix. Values that are merely unwise are corrected.
 */
export function checkPlexLoginOptions(options: PlexLoginOptionValues): PlexLoginSettings {
  const { clientIdentifier, baseUrl, linkUrl, pollInterval, maxRenewals } = options
  let configError: TypeError | null = null
  // The same checks the client makes, run up front so a bad option never sends a request.
  const check = (run: () => string): string | undefined => {
    try {
      return run()
    } catch (error) {
      configError ??= error as TypeError
    }
  }
  check(() => checkProduct(options.product))
  if (clientIdentifier !== undefined) check(() => checkClientIdentifier(clientIdentifier))
  if (baseUrl !== undefined) check(() => normalizeBaseUrl(`${baseUrl}`))
  const link =
    linkUrl === undefined
      ? undefined
      : check(() => {
          normalizeBaseUrl(`${linkUrl}`, 'linkUrl')
          // As given: a trailing slash (`/link/`, `?return=/`, `#/link/`) is part of the address.
          const { href } = new URL(`${linkUrl}`)
          const qrLength = buildQrValue(href, 'CODE').length
          if (qrLength > MAX_QR_VALUE_LENGTH) {
            throw optionError(
              process.env.NODE_ENV !== 'production'
                ? `linkUrl is too long for a QR code: with ?pin=CODE it must stay within ${MAX_QR_VALUE_LENGTH} characters; it is ${qrLength}.`
                : 'invalid linkUrl',
            )
          }
          return href
        })

  const poll = toNumber(pollInterval ?? POLL_INTERVAL_MS)
  const pollMs = Number.isFinite(poll) ? Math.min(MAX_POLL_INTERVAL_MS, Math.max(MIN_POLL_INTERVAL_MS, poll)) : POLL_INTERVAL_MS
  const renewals = toNumber(maxRenewals ?? DEFAULT_MAX_RENEWALS)
  // Infinity: renew for good (a kiosk or TV dashboard showing the code all day).
  const renewalsValid = renewals >= 0 && (Number.isInteger(renewals) || renewals === Infinity)
  if (process.env.NODE_ENV !== 'production') {
    if (pollMs !== poll) {
      warnOnce('pollInterval', `pollInterval must be a number of milliseconds from ${MIN_POLL_INTERVAL_MS} to ${MAX_POLL_INTERVAL_MS} (plex.tv advises about one poll a second); got ${describeValue(pollInterval)}, using ${pollMs}.`)
    }
    if (!renewalsValid) warnOnce('maxRenewals', `maxRenewals must be a whole number ≥ 0 (or Infinity); using ${DEFAULT_MAX_RENEWALS}.`)
    if (configError) {
      const { message } = configError as TypeError
      warnOnce(message, message.replace(/^react-plex-login: /, ''))
    }
  }
  return {
    pollInterval: pollMs,
    maxRenewals: renewalsValid ? renewals : DEFAULT_MAX_RENEWALS,
    linkUrl: link ?? DEFAULT_LINK_URL,
    configError,
  }
}

/** What the QR code carries: the link page with the code as `?pin=` (replacing one it had). */
export function buildQrValue(linkUrl: string, code: string): string {
  const url = new URL(linkUrl)
  // Appended, not set through URLSearchParams, which would re-encode the page's own query.
  url.search = [...url.search.slice(1).split('&').filter((pair) => pair && !pair.startsWith('pin=')), `pin=${code}`].join('&')
  return url.href
}
