'use client'

export { PlexLogin, QR_SIZE } from './components/PlexLogin.js'
export type { PlexLoginProps } from './components/PlexLogin.js'
export { defaultPlexLoginLabels } from './components/defaultPlexLoginLabels.js'
export type { PlexLoginLabels } from './components/defaultPlexLoginLabels.js'

export { usePlexPin, PlexPinStatus, QUERY_KEY_SCOPE, HIDDEN_POLL_INTERVAL_MS } from './hooks/usePlexPin.js'
export type { UsePlexPinOptions, UsePlexPinResult } from './hooks/usePlexPin.js'
export { useSecondsLeft } from './hooks/useSecondsLeft.js'
export {
  buildQrValue,
  DEFAULT_LINK_URL,
  DEFAULT_MAX_RENEWALS,
  MIN_POLL_INTERVAL_MS,
  POLL_INTERVAL_MS,
} from './hooks/checkPlexLoginOptions.js'

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
