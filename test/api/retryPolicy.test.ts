import { describe, expect, it } from 'vitest'
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, MAX_TRANSIENT_RETRIES, PlexApiError, isPlexApiError, isTransientError, parseRetryAfter, retryDelayMs, shouldRetry } from '../../src'

const network = new PlexApiError({ kind: 'network', message: 'offline' })
const server = new PlexApiError({ kind: 'http', status: 503, message: '503' })
const forbidden = new PlexApiError({ kind: 'http', status: 403, message: '403' })
const invalid = new PlexApiError({ kind: 'invalid-response', message: 'bad' })
const expired = new PlexApiError({ kind: 'expired', status: 404, message: 'gone' })

describe('retry policy', () => {
  it('retries transient failures a bounded number of times and nothing else', () => {
    expect(shouldRetry(0, network)).toBe(true)
    expect(shouldRetry(0, server)).toBe(true)
    expect(shouldRetry(MAX_TRANSIENT_RETRIES - 1, network)).toBe(true)
    expect(shouldRetry(MAX_TRANSIENT_RETRIES, network)).toBe(false)
    for (const error of [forbidden, invalid, expired, new Error('bug')]) expect(shouldRetry(0, error)).toBe(false)
  })

  it('retries a 429 and every 5xx, 500 included; nothing that only looks like a PlexApiError', () => {
    expect(shouldRetry(0, new PlexApiError({ kind: 'rate-limited', status: 429, message: '429' }))).toBe(true)
    expect(shouldRetry(0, new PlexApiError({ kind: 'http', status: 500, message: '500' }))).toBe(true)
    expect(isTransientError({ kind: 'network', message: 'offline' })).toBe(false)
  })

  it('backs off exponentially with jitter, between the floor and the cap', () => {
    const low = (n: number) => retryDelayMs(n, network, () => 0)
    const high = (n: number) => retryDelayMs(n, network, () => 1)
    expect([0, 1, 2, 3, 4].map(high)).toEqual([1000, 2000, 4000, 8000, 16000])
    expect([1, 2, 3].map(low)).toEqual([1000, 2000, 4000])
    expect(high(20)).toBe(BACKOFF_MAX_MS)
    expect(low(0)).toBe(BACKOFF_BASE_MS)
  })

  it('honours Retry-After, but never waits less than the floor', () => {
    const limited = (retryAfterMs: number) => new PlexApiError({ kind: 'rate-limited', status: 429, retryAfterMs, message: '' })
    expect(retryDelayMs(0, limited(7000))).toBe(7000)
    expect(retryDelayMs(0, limited(0))).toBe(BACKOFF_BASE_MS)
  })
})

describe('PlexApiError', () => {
  it('is named PlexApiError and keeps what caused it', () => {
    const cause = new TypeError('Failed to fetch')
    const error = new PlexApiError({ kind: 'network', message: 'offline', cause })
    expect(error.name).toBe('PlexApiError')
    expect(error.cause).toBe(cause)
  })

  it('isPlexApiError checks the kind when given kinds', () => {
    expect(isPlexApiError(network)).toBe(true)
    expect(isPlexApiError(network, 'expired')).toBe(false)
    expect(isPlexApiError(network, 'expired', 'network')).toBe(true)
    expect(isPlexApiError(new Error('bug'))).toBe(false)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T12:00:00Z')
  it.each([
    ['7', 7000],
    [' 0 ', 0],
    ['Wed, 25 Nov 2026 12:00:30 GMT', 30_000],
    ['Wed, 25 Nov 2026 11:00:00 GMT', 0],
    ['99999', 600_000],
    // A date further away than the cap is cut to it too (it once applied to seconds only).
    ['Wed, 25 Nov 2026 13:00:00 GMT', 600_000],
    ['soon', undefined],
    ['7.5', undefined],
    ['Wed, 25 Nov 2026 13:00:30 +0100', 30_000],
    ['-5', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected)
  })

  it.each([
    ['IMF-fixdate', 'Wed, 25 Nov 2026 12:00:30 GMT'],
    ['RFC 850', 'Wednesday, 25-Nov-26 12:00:30 GMT'],
    // The one HTTP-date form without a zone; HTTP says it is GMT, Date.parse reads local time.
    ['asctime', 'Wed Nov 25 12:00:30 2026'],
  ])('reads a %s date as GMT whatever the local time zone', (_form, header) => {
    const zone = process.env.TZ
    try {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
        process.env.TZ = tz
        expect(parseRetryAfter(header, now), tz).toBe(30_000)
      }
    } finally {
      process.env.TZ = zone
      if (zone === undefined) delete process.env.TZ
    }
  })
})
