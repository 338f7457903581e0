import { checkClientIdentifier, checkProduct, DEFAULT_BASE_URL, normalizeBaseUrl } from '../api/createPlexClient.js'
import { warnOnce } from '../internal/warnOnce.js'

/** Plex's own advice: about one poll a second. */
export const POLL_INTERVAL_MS = 1000
/** Polling faster than this gains nothing and invites rate limiting. */
export const MIN_POLL_INTERVAL_MS = 1000
export const DEFAULT_MAX_RENEWALS = 3
export const DEFAULT_LINK_URL = 'https://plex.tv/link'

export interface PlexLoginSettings {
  pollInterval: number
  maxRenewals: number
  baseUrl: string
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

/**
 * Checks the options an app passes and settles their defaults. Unusable values do not throw (a
 * sign-in screen must not crash the app): they come back as `configError` for the widget to show,
 * and a development warning explains the fix. Values that are merely unwise are corrected.
 */
export function checkPlexLoginOptions(options: PlexLoginOptionValues): PlexLoginSettings {
  let configError: TypeError | null = null
  const fail = (error: unknown) => {
    configError ??= error instanceof TypeError ? error : new TypeError(String(error))
  }

  // The same checks the client makes, run up front so a bad option never sends a request.
  try {
    checkProduct(options.product)
    if (options.clientIdentifier !== undefined) checkClientIdentifier(options.clientIdentifier)
  } catch (error) {
    fail(error)
  }

  let baseUrl = DEFAULT_BASE_URL
  try {
    if (options.baseUrl !== undefined) baseUrl = normalizeBaseUrl(String(options.baseUrl), 'baseUrl')
  } catch (error) {
    fail(error)
  }
  let linkUrl = DEFAULT_LINK_URL
  try {
    if (options.linkUrl !== undefined) linkUrl = new URL(normalizeBaseUrl(String(options.linkUrl), 'linkUrl')).href
  } catch (error) {
    fail(error)
  }

  let pollInterval = POLL_INTERVAL_MS
  if (options.pollInterval !== undefined) {
    const value = Number(options.pollInterval)
    if (Number.isFinite(value)) pollInterval = Math.max(MIN_POLL_INTERVAL_MS, value)
    if (process.env.NODE_ENV !== 'production' && !(value >= MIN_POLL_INTERVAL_MS)) {
      warnOnce('pollInterval', `pollInterval must be a number of milliseconds ≥ ${MIN_POLL_INTERVAL_MS} (plex.tv advises about one poll a second); got ${String(options.pollInterval)}, using ${pollInterval}.`)
    }
  }

  let maxRenewals = DEFAULT_MAX_RENEWALS
  if (options.maxRenewals !== undefined) {
    const value = Number(options.maxRenewals)
    if (Number.isInteger(value) && value >= 0) maxRenewals = value
    else if (process.env.NODE_ENV !== 'production') warnOnce('maxRenewals', `maxRenewals must be a whole number ≥ 0; using ${DEFAULT_MAX_RENEWALS}.`)
  }

  if (process.env.NODE_ENV !== 'production' && configError) {
    const { message } = configError as TypeError
    warnOnce(message, message.replace(/^react-plex-login: /, ''))
  }
  return { pollInterval, maxRenewals, baseUrl, linkUrl, configError }
}

/** What the QR code carries: the link page with the code as `?pin=`. */
export function buildQrValue(linkUrl: string, code: string): string {
  const url = new URL(linkUrl)
  url.searchParams.set('pin', code)
  return url.href
}
