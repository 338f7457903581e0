'use client'

import { useSecondsLeft } from '../hooks/useSecondsLeft.js'
import { warnOnce } from '../internal/warnOnce.js'

type Formatters = [minutes: Intl.NumberFormat, seconds: Intl.NumberFormat]

const formatters = new Map<unknown, Formatters>()

function createFormatters(locale: string | undefined): Formatters {
  try {
    // Intl quietly reads a number or an object as "no locale"; only a string is one.
    if (locale !== undefined && typeof locale !== 'string') throw new TypeError()
    return [
      new Intl.NumberFormat(locale, { useGrouping: false }),
      new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false }),
    ]
  } catch {
    // `en_US` (a POSIX or server-side spelling) or `''` throw a RangeError that would unmount the
    // widget mid sign-in; the browser's own digits are the better failure.
    if (process.env.NODE_ENV !== 'production') {
      warnOnce(`locale ${String(locale)}`, `locale ${JSON.stringify(locale)} is not a valid language tag (like 'en-US'); the countdown uses the browser's locale.`)
    }
    return createFormatters(undefined)
  }
}

/** `14:32` for 872 seconds, with the digits of `locale` (`١٤:٣٢` in `ar-EG`). */
export function formatCountdown(seconds: number, locale?: string | null): string {
  // Building an Intl.NumberFormat costs milliseconds; the countdown formats once a second.
  const key = locale ?? undefined
  let pair = formatters.get(key)
  if (!pair) {
    pair = createFormatters(key)
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
