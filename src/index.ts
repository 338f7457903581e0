'use client'

export { PlexLogin, QR_SIZE } from './components/PlexLogin.js'
export type { PlexLoginPart, PlexLoginProps } from './components/PlexLogin.js'
export { defaultPlexLoginLabels } from './components/defaultPlexLoginLabels.js'
export type { PlexLoginLabels } from './components/defaultPlexLoginLabels.js'

export { usePlexPin, PlexPinStatus, QUERY_KEY_SCOPE, HIDDEN_POLL_INTERVAL_MS } from './hooks/usePlexPin.js'
export type { UsePlexPinOptions, UsePlexPinResult, UsePlexPinResultBase } from './hooks/usePlexPin.js'
export { useSecondsLeft } from './hooks/useSecondsLeft.js'
export {
  buildQrValue,
  DEFAULT_LINK_URL,
  DEFAULT_MAX_RENEWALS,
  MAX_POLL_INTERVAL_MS,
  MIN_POLL_INTERVAL_MS,
  POLL_INTERVAL_MS,
} from './hooks/checkPlexLoginOptions.js'

export * from './client.js'
