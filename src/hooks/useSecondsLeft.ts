'use client'

import { useSyncExternalStore } from 'react'
import { getNoSeconds, secondsUntil, subscribeToNothing, subscribeToTicks } from '../internal/secondTicker.js'

/**
 * Whole seconds left until `expiresAt` (a `Date.now()` timestamp), refreshed once a second;
 * `null` when there is no deadline. Only the component that calls it re-renders each second.
 */
export function useSecondsLeft(expiresAt: number | null): number | null {
  return useSyncExternalStore(
    expiresAt === null ? subscribeToNothing : subscribeToTicks,
    () => (expiresAt === null ? null : secondsUntil(expiresAt)),
    getNoSeconds,
  )
}
