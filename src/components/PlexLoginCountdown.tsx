'use client'

import { useSecondsLeft } from '../hooks/useSecondsLeft.js'

const formatters = new Map<string, [Intl.NumberFormat, Intl.NumberFormat]>()

/** `14:32` for 872 seconds, with the digits of `locale` (`١٤:٣٢` in `ar-EG`). */
export function formatCountdown(seconds: number, locale?: string): string {
  // Building an Intl.NumberFormat costs milliseconds; the countdown formats once a second.
  const key = locale ?? ''
  let pair = formatters.get(key)
  if (!pair) {
    pair = [
      new Intl.NumberFormat(locale, { useGrouping: false }),
      new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false }),
    ]
    formatters.set(key, pair)
  }
  return `${pair[0].format(Math.floor(seconds / 60))}:${pair[1].format(seconds % 60)}`
}

export interface PlexLoginCountdownProps {
  expiresAt: number
  format: (time: string) => string
  locale?: string
  className?: string
}

/**
 * The ticking countdown, in a component of its own so only it re-renders every second. It is not
 * a live region: announcing every second would drown a screen reader.
 */
export function PlexLoginCountdown({ expiresAt, format, locale, className }: PlexLoginCountdownProps) {
  const seconds = useSecondsLeft(expiresAt) ?? 0
  return (
    <p data-part="countdown" className={className} data-urgent={seconds < 60 ? '' : undefined}>
      <time dateTime={`PT${seconds}S`}>{format(formatCountdown(seconds, locale))}</time>
    </p>
  )
}
