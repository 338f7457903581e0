import { isTransientError, PlexApiError } from './PlexApiError.js'

/** Retries of one request before its failure counts as persistent. */
export const MAX_TRANSIENT_RETRIES = 4
/** First backoff step; also the floor for any wait, `Retry-After: 0` included. */
export const BACKOFF_BASE_MS = 1000
/** Longest wait between two attempts. */
export const BACKOFF_MAX_MS = 30_000

/** Whether to retry after `failureCount` earlier failures (0 on the first, as TanStack Query counts): only transient errors, a bounded number of times. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_TRANSIENT_RETRIES && isTransientError(error)
}

/**
 * Milliseconds to wait before the next attempt: plex.tv's `Retry-After` when it said one, else
 * exponential backoff with "equal jitter" (half fixed, half random) so many clients that failed
 * together do not retry together. Never below {@link BACKOFF_BASE_MS}.
 */
export function retryDelayMs(failureCount: number, error: unknown, random: () => number = Math.random): number {
  if (error instanceof PlexApiError && error.retryAfterMs !== undefined) {
    return Math.max(BACKOFF_BASE_MS, error.retryAfterMs)
  }
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failureCount))
  return Math.max(BACKOFF_BASE_MS, Math.round(ceiling / 2 + (random() * ceiling) / 2))
}
