'use client'

import { useSecondsLeft } from '../hooks/useSecondsLeft.js'
import { warnOnce } from '../internal/warnOnce.js'

const formatters = new Map<string | undefined, Intl.NumberFormat>()

function warnInvalid(shown: string) {
  warnOnce(`locale ${shown}`, `locale ${shown} is not a valid language tag (like 'en-US'); the countdown uses the browser's locale.`)
}

/** Two digits for minutes as for seconds: `09:59` keeps the width of `10:00`, so nothing moves. */
function createFormatter(locale: string | readonly string[] | undefined): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale as string[], { minimumIntegerDigits: 2, useGrouping: false })
  } catch {
    // `en_US` (a POSIX or server-side spelling) or `''` throw a RangeError that would unmount the
    // widget mid sign-in; the browser's own digits are the better failure.
    if (process.env.NODE_ENV !== 'production') warnInvalid(JSON.stringify(locale))
    return createFormatter(undefined)
  }
}

/** `14:32` for 872 seconds, `09:59` for 599, with the digits of `locale` (`١٤:٣٢` in `ar-EG`). */
export function formatCountdown(seconds: number, locale?: string | readonly string[] | null): string {
  // Intl quietly reads a number or an object as "no locale"; only a string or a list of them is one.
  const valid = typeof locale === 'string' || (Array.isArray(locale) && locale.every((tag) => typeof tag === 'string'))
  if (process.env.NODE_ENV !== 'production' && locale != null && !valid) warnInvalid(`of type ${typeof locale}`)
  // Building an Intl.NumberFormat costs milliseconds; the countdown formats once a second. A list
  // is cached by its text: an app may pass a new one, like `[...navigator.languages]`, each render.
  const key = valid ? JSON.stringify(locale) : undefined
  let digits = formatters.get(key)
  if (!digits) {
    digits = createFormatter(valid ? (locale as string | string[]) : undefined)
    formatters.set(key, digits)
  }
  return `${digits.format(Math.floor(seconds / 60))}:${digits.format(seconds % 60)}`
}

export interface PlexLoginCountdownProps {
  expiresAt: number
  format: (time: string) => string
  locale?: string | readonly string[] | undefined
  className?: string | undefined
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
