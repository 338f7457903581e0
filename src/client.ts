/**
 * `react-plex-login/client`: the typed plex.tv client alone, with no React, TanStack Query or
 * qrcode.react import, for servers, scripts and other frameworks. The main entry exports the same.
 */
export { createPlexClient, DEFAULT_BASE_URL, REQUEST_TIMEOUT_MS } from './api/createPlexClient.js'
export { getClientIdentifier, CLIENT_IDENTIFIER_STORAGE_KEY } from './api/getClientIdentifier.js'
export { PlexApiError, PlexApiErrorKind, isPlexApiError, isTransientError } from './api/PlexApiError.js'
export type { PlexApiErrorOptions } from './api/PlexApiError.js'
export { parseRetryAfter } from './api/parseRetryAfter.js'
export { BACKOFF_BASE_MS, BACKOFF_MAX_MS, MAX_TRANSIENT_RETRIES, retryDelayMs, shouldRetry } from './api/retryPolicy.js'
export type {
  CreatePinOptions,
  PlexClient,
  PlexClientOptions,
  PlexDeviceInfo,
  PlexPin,
  PlexPinInfo,
  PlexPinLocation,
  PlexUser,
  RequestOptions,
} from './api/types.js'
