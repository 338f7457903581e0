'use client'

import { useSecondsLeft } from '../hooks/useSecondsLeft'

/** `14:32` for 872 seconds. */
export function formatCountdown(seconds: number): string {
  const minutes = Math.floor(seconds / 60)
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`
}

export interface PlexLoginCountdownProps {
  expiresAt: number
  format: (time: string) => string
  className?: string
}

/**
 * The ticking countdown, in a component of its own so only it re-renders every second. It is not
 * a live region: announcing every second would drown a screen reader.
 */
export function PlexLoginCountdown({ expiresAt, format, className }: PlexLoginCountdownProps) {
  const seconds = useSecondsLeft(expiresAt) ?? 0
  return (
    <p data-part="countdown" className={className} data-urgent={seconds < 60 ? '' : undefined}>
      <time dateTime={`PT${seconds}S`}>{format(formatCountdown(seconds))}</time>
    </p>
  )
}
