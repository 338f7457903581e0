'use client'

export { PlexLogin, QR_SIZE } from './components/PlexLogin'
export type { PlexLoginProps } from './components/PlexLogin'
export { defaultPlexLoginLabels } from './components/defaultPlexLoginLabels'
export type { PlexLoginLabels } from './components/defaultPlexLoginLabels'

export { usePlexPin, PlexPinStatus, QUERY_KEY_SCOPE, HIDDEN_POLL_INTERVAL_MS } from './hooks/usePlexPin'
export type { UsePlexPinOptions, UsePlexPinResult } from './hooks/usePlexPin'
export { useSecondsLeft } from './hooks/useSecondsLeft'
export {
  buildQrValue,
  DEFAULT_LINK_URL,
  DEFAULT_MAX_RENEWALS,
  MIN_POLL_INTERVAL_MS,
  POLL_INTERVAL_MS,
} from './hooks/checkPlexLoginOptions'

export { createPlexClient, DEFAULT_BASE_URL } from './api/createPlexClient'
export { getClientIdentifier, CLIENT_IDENTIFIER_STORAGE_KEY } from './api/getClientIdentifier'
export { PlexApiError, PlexApiErrorKind, isPlexApiError, isTransientError } from './api/PlexApiError'
export type { PlexApiErrorOptions } from './api/PlexApiError'
export { parseRetryAfter } from './api/parseRetryAfter'
export { BACKOFF_BASE_MS, BACKOFF_MAX_MS, MAX_TRANSIENT_RETRIES, retryDelayMs, shouldRetry } from './api/retryPolicy'
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
} from './api/types'
