'use client'

import {
  focusManager,
  onlineManager,
  QueryClient,
  QueryClientContext,
  useIsRestoring,
  useQuery,
} from '@tanstack/react-query'
import { useCallback, useContext, useEffect, useImperativeHandle, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react'
import { createPlexClient } from '../api/createPlexClient.js'
import { isPlexApiError, isTransientError } from '../api/PlexApiError.js'
import { MAX_TRANSIENT_RETRIES, retryDelayMs } from '../api/retryPolicy.js'
import type { PlexClient, PlexClientOptions, PlexDeviceInfo, PlexPin, PlexPinInfo } from '../api/types.js'
import { callSafely } from '../internal/callSafely.js'
import { onServer } from '../internal/onServer.js'
import { getNoSeconds, secondsUntil, subscribeToNothing, subscribeToTicks } from '../internal/secondTicker.js'
import { warnOnce } from '../internal/warnOnce.js'
import { buildQrValue, checkPlexLoginOptions } from './checkPlexLoginOptions.js'
import { useLatestRef } from './useLatestRef.js'
import { useWindowListener } from './useWindowListener.js'

/** Where a sign-in stands. Shown as `data-state` on the widget. */
export const PlexPinStatus = {
  /** Asking plex.tv for a PIN. */
  creating: 'creating',
  /** The code is on screen; polling until someone links it. */
  waiting: 'waiting',
  /** Someone linked the code; the token went to `onAuthenticated`. */
  authenticated: 'authenticated',
  /** The code expired and the renewal limit is reached; `renew()` starts again. */
  expired: 'expired',
  /** A failure persisted; `retry()` tries again. The code stays on screen when there is one. */
  error: 'error',
} as const

export type PlexPinStatus = (typeof PlexPinStatus)[keyof typeof PlexPinStatus]

/** Every query this package creates starts with this key. */
export const QUERY_KEY_SCOPE = 'react-plex-login'
/** Polling slows to this while the page is hidden (the person is on plex.tv/link in another tab). */
export const HIDDEN_POLL_INTERVAL_MS = 5000

/** Options of {@link usePlexPin}: who is asking (the X-Plex-* values), where, and how often. */
export interface UsePlexPinOptions extends PlexDeviceInfo {
  /** The app's name, shown to the person in plex.tv's "Authorized Devices" (`X-Plex-Product`). */
  product: string
  /**
   * A stable id for this install (`X-Plex-Client-Identifier`); the PIN is bound to it, and a
   * change applies to the next PIN. One that loads after mount: enable the hook once it is known.
   * @defaultValue a UUID kept in localStorage under `react-plex-login:client-id`
   */
  clientIdentifier?: string | undefined
  /**
   * Origin of the plex.tv API; point it at the simulator to develop offline.
   * @defaultValue `'https://plex.tv'`
   */
  baseUrl?: string | undefined
  /**
   * The page where a person enters the code; the QR code leads here with `?pin=CODE`.
   * @defaultValue `'https://plex.tv/link'`
   */
  linkUrl?: string | undefined
  /**
   * Milliseconds between polls while the page is visible, from 1000 to 60000 (others are brought
   * into that range, with a development warning). While the page is hidden, polls come at most
   * every 5 s.
   * @defaultValue `1000`
   */
  pollInterval?: number | undefined
  /**
   * How many times an expired code is replaced by a new one automatically before the widget
   * stops and waits for `renew()`; `Infinity` renews for good.
   * @defaultValue `3`
   */
  maxRenewals?: number | undefined
  /**
   * `false` holds off creating a PIN (for a "Sign in with Plex" button that starts the flow), and
   * stops a create or the polling under way, retries and the request in flight included; `true`
   * again picks up from there.
   * @defaultValue `true`
   */
  enabled?: boolean | undefined
  /**
   * Called once when someone links the code, with the user's Plex token (a secret: store it
   * safely, never in a URL or a log) and the PIN without its token. Polling has stopped.
   */
  onAuthenticated?: ((token: string, pin: PlexPinInfo) => void) | undefined
  /**
   * Called when a failure persists and the status becomes `error`, and again if the failure
   * changes; retries in the background that fail the same way do not call it again.
   */
  onError?: ((error: Error) => void) | undefined
  /** Called with each new status, the first one included. */
  onStatusChange?: ((status: PlexPinStatus) => void) | undefined
  /**
   * The QueryClient to use, read once at mount (as `useQuery` does); remount with a new `key` to switch.
   * @defaultValue the one from `QueryClientProvider`, else a private one
   */
  queryClient?: QueryClient | undefined
  /** A `fetch` to use instead of the global one. */
  fetch?: PlexClientOptions['fetch'] | undefined
}

/** What `usePlexPin` returns in every status; {@link UsePlexPinResult} narrows it by `status`. */
export interface UsePlexPinResultBase {
  /** Where the sign-in stands. */
  status: PlexPinStatus
  /** The 4-character code to type at plex.tv/link, while it can still be used; else `null`. */
  code: string | null
  /** The current PIN (never with its token). */
  pin: PlexPinInfo | null
  /** The page where the code is entered. */
  linkUrl: string
  /** What the QR code carries: `linkUrl` with `?pin=CODE`; `null` without a code. */
  qrValue: string | null
  /** When the code expires, as a local `Date.now()` timestamp (from `expiresIn`, not plex.tv's clock). */
  expiresAt: number | null
  /** Whole seconds until the code expires. Reading it re-renders the caller once a second. */
  secondsLeft: number | null
  /** Why the status is `error`; `null` otherwise. */
  error: Error | null
  /** The last failure while retrying on its own (`isRetrying`), for a "reconnecting" hint. */
  failureReason: Error | null
  /**
   * A transient failure (network, 5xx, 429) is being retried with backoff and does not count as
   * persistent yet; the code stays valid. While waiting, from the second failed poll in a row (a
   * single lost poll passes silently), or at once for plex.tv's 429.
   */
  isRetrying: boolean
  /** The browser reports being offline; requests wait for the connection to return. */
  isOffline: boolean
  /** How many times the code has been replaced since the last `renew()`. */
  renewals: number
  /** Drops the current code and starts over with a fresh PIN and a fresh renewal budget. */
  renew: () => void
  /**
   * Repeats the request that failed (in `error`); does nothing in any other status, after unmount,
   * or for a mistake in the options (new options start over by themselves).
   */
  retry: () => void
}

/**
 * What `usePlexPin` returns. Checking `status` narrows the rest: in `waiting` the code, PIN, QR
 * value and deadline are there; in `error`, the error; in `creating`, none of them.
 */
export type UsePlexPinResult =
  | ResultIn<{ status: 'creating'; code: null; pin: null; qrValue: null; expiresAt: null; secondsLeft: null; error: null }>
  | ResultIn<{ status: 'waiting'; code: string; pin: PlexPinInfo; qrValue: string; expiresAt: number; secondsLeft: number; error: null }>
  | ResultIn<{ status: 'authenticated'; code: null; qrValue: null; error: null }>
  | ResultIn<{ status: 'expired'; code: null; qrValue: null; expiresAt: null; secondsLeft: null; error: null }>
  | ResultIn<{ status: 'error'; error: Error }>

/**
 * {@link UsePlexPinResultBase} with the given fields' types replaced, not intersected: without
 * `strictNullChecks` (Next.js creates projects so) `null & (string | null)` is `never`, which
 * dropped whole statuses. Mapped over the base's own keys, so each field keeps its documentation.
 */
type ResultIn<Narrowed extends Partial<Record<keyof UsePlexPinResultBase, unknown>>> = {
  [Key in keyof UsePlexPinResultBase]: Key extends keyof Narrowed ? Narrowed[Key] : UsePlexPinResultBase[Key]
}

interface RoundState {
  generation: number
  renewals: number
  expired: boolean
  /**
   * The token was handed over. Kept here, not only in the poll query's data, because the app owns
   * the cache: its `resetQueries()` must not turn a finished sign-in back into a waiting one.
   */
  signedIn: boolean
}

type RoundAction = { type: 'expire'; generation: number; maxRenewals: number } | { type: 'renew' } | { type: 'signed-in' }

const INITIAL_ROUND: RoundState = { generation: 0, renewals: 0, expired: false, signedIn: false }

function roundReducer(state: RoundState, action: RoundAction): RoundState {
  if (action.type === 'renew') return { ...INITIAL_ROUND, generation: state.generation + 1 }
  if (action.type === 'signed-in') return state.signedIn ? state : { ...state, signedIn: true }
  // An expiry reported for a PIN we already replaced, or after the sign-in, is old news.
  if (action.generation !== state.generation || state.expired || state.signedIn) return state
  if (state.renewals < action.maxRenewals) {
    return { ...INITIAL_ROUND, generation: state.generation + 1, renewals: state.renewals + 1 }
  }
  return { ...state, expired: true }
}

interface PollResult {
  authenticated: boolean
  /** Transient failures (network, 5xx, 429) in a row; the next poll backs off as a retry would. */
  failures: number
  /** The last of them, for the "Reconnecting" hint. */
  failure: Error | null
}

const NOT_AUTHENTICATED: PollResult = { authenticated: false, failures: 0, failure: null }

/** What outlives renders but belongs to one mounted hook. All but the controller start unset. */
interface Session {
  controller: AbortController
  client?: PlexClient
  /** The token between the poll that found it and the effect that delivers it; then cleared. */
  token?: string | null
  mounted?: boolean
  /** The PIN created for a generation, so asking again for that generation never makes a new one. */
  created?: { generation: number; pin: PlexPinInfo }
  /**
   * The create request on its way, if any. A create abandoned by a restart or a renewal may still
   * answer; only this one may record its PIN, or a late answer would swap the code at the next
   * refetch.
   */
  creating?: { generation: number; pin: Promise<PlexPinInfo> } | null
  /**
   * The create sent in the commit that mounted the hook (`undefined` before), until the create
   * query's first `queryFn` adopts it, answered or not: a refusal that comes before `useQuery`
   * subscribes is that fetch's error, not a reason for a second POST. `null` once adopted.
   */
  early?: { generation: number; pin: Promise<PlexPinInfo> } | null
}

let instanceCounter = 0
/**
 * Random per page load, so query keys restored by a persister from an earlier page load (whose
 * counter also started at 1) never match a new widget's keys.
 */
let pageLoadId: string | undefined

/**
 * The online store's snapshot never repeats a value: changes seen × 2, plus 1 while online. React 18
 * loses useSyncExternalStore's record of a new snapshot when the same render also sets state
 * (facebook/react#25565, fixed in 19 only); a plain boolean could then come back to the value React
 * still holds, and "You are offline" stayed after the connection returned (a React 18 probe).
 */
let onlineChanges = 0
const subscribeToOnline = (onChange: () => void) =>
  onlineManager.subscribe(() => {
    onlineChanges += 1
    onChange()
  })
const onlineSnapshot = () => onlineChanges * 2 + +onlineManager.isOnline()
const onlineOnServer = () => 1

/**
 * Transient failures (network, 5xx, 429) are retried for as long as the query lives, with backoff
 * capped at 30 s; answers that will not get better are not retried.
 */
const retryTransient = (_failureCount: number, error: Error) => isTransientError(error)

/**
 * What every query of the sign-in sets itself, so the app's QueryClient `defaultOptions` cannot
 * change how it behaves: `throwOnError` would hand a failed poll to the app's error boundary (the
 * code gone, "Try again" with it); `placeholderData` would show the previous round's expired PIN
 * and burn every renewal at once; `networkMode: 'always'` would keep requesting while offline;
 * `notifyOnChangeProps: 'all'` would re-render on every poll; `refetchInterval` would re-send a
 * create that failed for good. The list is what the hook reads.
 */
const OWN_QUERY_OPTIONS = {
  throwOnError: false,
  placeholderData: undefined,
  networkMode: 'online' as const,
  notifyOnChangeProps: ['data', 'status', 'error', 'failureCount', 'failureReason'] as ('data' | 'status' | 'error' | 'failureCount' | 'failureReason')[],
  gcTime: 0,
  retryOnMount: true,
  retry: retryTransient,
  retryDelay: retryDelayMs,
  refetchOnMount: false,
  refetchInterval: false as const,
}

/**
 * Creates a plex.tv PIN, polls it until someone links it at plex.tv/link, renews it when it
 * expires and hands the token to `onAuthenticated`: the whole device-code sign-in, without UI.
 *
 * One PIN per mounted hook (also under `<StrictMode>`); polling stops on success, on unmount and
 * while nothing can come of it. Works with the app's `QueryClientProvider` or without one.
 */
export function usePlexPin(options: UsePlexPinOptions): UsePlexPinResult {
  const contextClient = useContext(QueryClientContext)
  const givenClient = options.queryClient ?? contextClient
  // The first client for the hook's lifetime, as useQuery itself does (its observer keeps the
  // client it was made with): following a new one would split the queries from "Try again".
  const [queryClient] = useState(() => givenClient ?? new QueryClient())
  if (process.env.NODE_ENV !== 'production' && givenClient && givenClient !== queryClient) {
    warnOnce('queryClient', 'the QueryClient changed after mount; like useQuery, the sign-in keeps the first one. Give the component a new `key` to switch.')
  }
  // No randomness or clock reads while rendering on the server: a prerender would freeze them into
  // its HTML, and Next.js (cacheComponents) fails the build over them. Nothing runs there anyway.
  const [instanceId] = useState(() => `${onServer() ? 'server' : (pageLoadId ??= Math.random().toString(36).slice(2, 8))}-${++instanceCounter}`)
  const [round, dispatch] = useReducer(roundReducer, INITIAL_ROUND)
  const session = useRef<Session>(null as unknown as Session)
  session.current ??= { controller: new AbortController() }

  const { product, clientIdentifier, baseUrl, linkUrl: linkOption, pollInterval: pollOption, maxRenewals: renewalsOption } = options
  const { pollInterval, maxRenewals, linkUrl, configError } = useMemo(
    () =>
      checkPlexLoginOptions({ product, clientIdentifier, baseUrl, linkUrl: linkOption, pollInterval: pollOption, maxRenewals: renewalsOption }),
    [product, clientIdentifier, baseUrl, linkOption, pollOption, renewalsOption],
  )
  const latest = useLatestRef(options)
  const enabled = options.enabled !== false && configError === null

  // The client must be mounted, as QueryClientProvider does, or focus and reconnect events never
  // reach its queries: a private one (no provider) always, and the app's too, which its provider
  // unmounts if the app swaps clients while we keep the first. Mounting is counted, so sharing
  // the provider's mount is free.
  useEffect(() => {
    queryClient.mount()
    return () => queryClient.unmount()
  }, [queryClient])

  useEffect(() => {
    const current = session.current
    current.mounted = true
    return () => {
      current.mounted = false
      // StrictMode unmounts and remounts at once; only a real unmount is still unmounted a
      // microtask later. Aborting then keeps "exactly one POST" and still stops a slow create.
      queueMicrotask(() => {
        if (current.mounted) return
        current.controller.abort()
        current.token = null
        queryClient.removeQueries({ queryKey: [QUERY_KEY_SCOPE, instanceId] })
      })
    }
  }, [queryClient, instanceId])

  const pinKey = useMemo(() => [QUERY_KEY_SCOPE, instanceId, 'pin', round.generation], [instanceId, round.generation])
  const requestPin = async ({ queryKey }: { queryKey: readonly unknown[] }): Promise<PlexPinInfo> => {
    const generation = queryKey[3] as number
    // The app's invalidateQueries()/refetchQueries()/resetQueries(), or React's <Activity>
    // hiding and showing the widget, ask again for a PIN this hook already has. A new POST
    // would replace the code a person may be typing.
    const current = session.current
    if (current.created?.generation === generation) return current.created.pin
    // The create sent in the commit (below), adopted once, whatever it answered.
    const early = current.early
    current.early = null
    if (early?.generation === generation) return early.pin
    // The app's clear() or cancelQueries() stops the query, not the request (it runs on the
    // session's signal, see the unmount effect above): asking again joins it.
    if (current.creating?.generation === generation) return current.creating.pin
    // The options of the moment the PIN is created; later changes apply to the next PIN, so
    // a re-render with a new `product` never restarts a sign-in in progress.
    const client = createPlexClient(latest.current)
    current.client = client
    // Unmounting (or StrictMode's rehearsal of it) and `enabled: false` abort the session's
    // controller; the next create gets a fresh one.
    if (current.controller.signal.aborted) current.controller = new AbortController()
    const attempt: NonNullable<Session['creating']> = {
      generation,
      pin: client.createPin({ signal: current.controller.signal }).then(
        // Cached and returned without its token, which never enters the query cache.
        ({ authToken: _token, ...pin }) => {
          if (current.creating === attempt) current.created = { generation, pin }
          return pin
        },
      ).finally(() => {
        if (current.creating === attempt) current.creating = null
      }),
    }
    current.creating = attempt
    return attempt.pin
  }
  const pinQuery = useQuery<PlexPinInfo, Error>(
    {
      queryKey: pinKey,
      queryFn: requestPin,
      // A query built again for a PIN this hook already has (React's <Activity> showing the widget
      // again, after its effects removed the queries; the app's clear()) starts with it, rather
      // than blanking the code and reading `creating` until the queryFn above returns it.
      initialData: () => (session.current.created?.generation === round.generation ? session.current.created.pin : undefined),
      ...OWN_QUERY_OPTIONS,
      enabled: enabled && !round.expired,
      staleTime: Infinity,
      // `retry` never gives up on a transient failure: after the first five attempts the status
      // becomes `error` (below) while the retries go on, so an outage that ends recovers without
      // a click. (Refetching after a TanStack `error` instead would flip a query without data
      // back to `pending`, and the widget from "error" to "creating", on every round.)
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
    queryClient,
  )
  // useQuery starts its fetch in a passive effect, which runs after the browser has laid out and
  // often painted the widget (about 35 ms in Chromium on this machine). Started in the commit
  // instead, the request overlaps that work; useQuery's first queryFn adopts it (`Session.early`).
  // Once, at mount: later asks (a renewal, "Try again") come after layout anyway. Skipped where
  // useQuery would not ask yet: `enabled: false`, an option mistake, offline (networkMode 'online').
  // In the layout phase, not an insertion effect: React runs insertion effects in a tree it
  // commits hidden (<Activity mode="hidden">, a prerender that may never be shown), and an app's
  // `fetch` that sets state would schedule an update from one. useImperativeHandle rather than
  // useLayoutEffect, which React 18 warns about in a server render (see useLatestRef).
  useImperativeHandle(useRef(null), () => {
    const current = session.current
    if (current.early === undefined && enabled && onlineManager.isOnline()) {
      const pin = requestPin({ queryKey: pinKey })
      pin.catch(() => {}) // handled by the query that adopts it; or abandoned by an unmount
      current.early = { generation: round.generation, pin }
    }
    return null
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, at mount (see above)
  }, [])

  const pin = pinQuery.data ?? null
  if (process.env.NODE_ENV !== 'production' && pin?.clientIdentifier && clientIdentifier !== undefined && pin.clientIdentifier !== clientIdentifier) {
    warnOnce(
      'clientIdentifier',
      'clientIdentifier changed while a code was on screen: that code, and the device plex.tv lists for it, keep the identifier it was created with, and the new one applies to the next code. If the identifier loads after mount (from your server, or from storage in an effect), render the widget or enable the hook once it is known, or give it `key={clientIdentifier}`.',
    )
  }
  const pollActive = enabled && pin !== null && !round.expired && !round.signedIn

  const pollQuery = useQuery<PollResult, Error>(
    {
      queryKey: [QUERY_KEY_SCOPE, instanceId, 'poll', pin?.id ?? 0],
      queryFn: async ({ signal, queryKey }): Promise<PollResult> => {
        const client = session.current.client
        if (!client || !pin) return NOT_AUTHENTICATED
        let polled: PlexPin
        try {
          polled = await client.getPin(pin.id, { signal })
        } catch (error) {
          // Not TanStack Query's retry, which pauses while the page is hidden: exactly when the
          // person is on plex.tv/link in another tab. The next poll is the retry, backed off
          // (refetchInterval below), hidden or not.
          if (!isTransientError(error)) throw error
          const failures = (queryClient.getQueryData<PollResult>(queryKey)?.failures ?? 0) + 1
          return { authenticated: false, failures, failure: error as Error }
        }
        if (polled.authToken === null) return NOT_AUTHENTICATED
        // The token never enters the query cache: it waits here until the effect hands it over.
        session.current.token = polled.authToken
        return { authenticated: true, failures: 0, failure: null }
      },
      // A PIN just created cannot be linked yet: the first poll comes one interval later.
      initialData: NOT_AUTHENTICATED,
      initialDataUpdatedAt: () => (onServer() ? 0 : Date.now()),
      // Off once signed in (round.signedIn): no refetch on focus, reconnect or the app's cache calls.
      enabled: pollActive,
      ...OWN_QUERY_OPTIONS,
      // Fresh for one interval, so switching to a new PIN's key does not poll at once either.
      staleTime: pollInterval,
      // While the code is valid, a transient failure (network, 5xx, 429) never becomes an error
      // (the queryFn): the code stays, "Reconnecting" shows, and backoff (capped at 30 s,
      // Retry-After honoured) goes on until the PIN's deadline replaces it. Only answers that will
      // not get better stop polling.
      refetchOnWindowFocus: 'always',
      refetchOnReconnect: 'always',
      refetchInterval: (query) => {
        const data = query.state.data
        // What reaches `error` waits for "Try again" (or a focus/reconnect), not a timer.
        if (data?.authenticated || query.state.status === 'error') return false
        const interval = focusManager.isFocused() ? pollInterval : Math.max(pollInterval, HIDDEN_POLL_INTERVAL_MS)
        return data?.failure ? Math.max(interval, retryDelayMs(data.failures - 1, data.failure)) : interval
      },
      refetchIntervalInBackground: true,
    },
    queryClient,
  )

  const authenticated = round.signedIn || pollQuery.data.authenticated
  // A failure creating the PIN persists when it will not get better or outlasted the first retries.
  const pinError =
    pinQuery.status === 'error' ? pinQuery.error : pinQuery.failureCount > MAX_TRANSIENT_RETRIES ? pinQuery.failureReason : null
  const pollError = pollQuery.status === 'error' ? pollQuery.error : null
  const pollExpired = isPlexApiError(pollError, 'expired')

  let status: PlexPinStatus
  let error: Error | null = null
  // A finished sign-in stays finished: an option unusable for a moment afterwards changes nothing.
  if (authenticated) status = 'authenticated'
  else if (configError) {
    status = 'error'
    error = configError
  } else if (round.expired) status = 'expired'
  else if (pinError) {
    status = 'error'
    error = pinError
  } else if (!pin) status = 'creating'
  else if (pollError && !pollExpired) {
    status = 'error'
    error = pollError
  } else status = 'waiting'
  // A failure that persists through background retries is a new Error per attempt. While its
  // message stays the same the first object stays, so an app's effect on `error` runs once.
  const [shownError, setShownError] = useState<Error | null>(null)
  if (error && shownError?.message === error.message) error = shownError
  else if (error !== shownError) setShownError(error)

  const expiresAt = pin && !round.expired ? pin.receivedAt + pin.expiresIn * 1000 : null
  const deadlineActive = expiresAt !== null && !authenticated

  // Expiry, from the countdown or from plex.tv (404/1020): replace the PIN within the budget.
  const expire = useCallback(
    () => dispatch({ type: 'expire', generation: round.generation, maxRenewals }),
    [round.generation, maxRenewals],
  )
  useEffect(() => {
    if (pollExpired) expire()
    else if (deadlineActive) {
      const timeout = setTimeout(expire, expiresAt - Date.now())
      return () => clearTimeout(timeout)
    }
  }, [pollExpired, deadlineActive, expiresAt, expire])

  useEffect(() => {
    if (!authenticated || !pin) return
    dispatch({ type: 'signed-in' })
    const token = session.current.token
    session.current.token = null
    if (token) callSafely(latest.current.onAuthenticated, token, pin)
  }, [authenticated, pin, latest])

  // Remembered so StrictMode's repeated effects do not report the same status twice. A failure
  // that persists through background retries keeps its Error object (above), so it is reported once.
  // Empty until the first report: the first status always differs, and no error needs no call.
  const reported = useRef<{ status?: PlexPinStatus; error?: Error | null }>({})
  useEffect(() => {
    const callbacks = latest.current
    const last = reported.current
    if (last.status !== status) {
      last.status = status
      callSafely(callbacks.onStatusChange, status)
    }
    if (last.error !== error) {
      last.error = error
      if (error) callSafely(callbacks.onError, error)
    }
  }, [status, error, latest])

  // The app's queryClient.clear() (on logout, say) or cancelQueries() during a create stops the
  // query without a word to its observer: removed, or idle with no data, nothing would ask for the
  // PIN again. Asking again joins the request still on its way (see the queryFn).
  // Not while a persister restores the cache: useQuery is not subscribed then, so a refused
  // create's query is collected at once (gcTime 0), and asking again would loop until it is done.
  const awaitingPin = enabled && !round.expired && pin === null
  const isRestoring = useIsRestoring()
  const watchCache = awaitingPin && !isRestoring
  const refetchPin = pinQuery.refetch
  useEffect(() => {
    if (!watchCache) return
    const cache = queryClient.getQueryCache()
    let live = true
    const unsubscribe = cache.subscribe(({ query: { queryKey } }) => {
      // Only events about this hook's create query; the app's own queries change on every render.
      if (queryKey[1] !== instanceId || queryKey[2] !== 'pin') return
      queueMicrotask(() => {
        const query = cache.find({ queryKey: pinKey, exact: true })
        if (live && (!query || (query.state.status === 'pending' && query.state.fetchStatus === 'idle'))) {
          void refetchPin({ cancelRefetch: false })
        }
      })
    })
    return () => {
      live = false
      unsubscribe()
    }
  }, [watchCache, queryClient, instanceId, pinKey, refetchPin])

  // Switched off: what is under way stops, a create's retries (which never give up on a
  // transient failure) and a request in flight included, so no PIN is made meanwhile.
  useEffect(() => {
    if (enabled) return
    const current = session.current
    void queryClient.cancelQueries({ queryKey: [QUERY_KEY_SCOPE, instanceId] })
    current.creating = current.early = null
    current.controller.abort()
  }, [enabled, queryClient, instanceId])

  // Polling ended (the renewal limit reached, signed in, switched off): a poll still in flight is
  // cancelled and its request aborted, which disabling the query does not do.
  useEffect(() => {
    if (!pollActive) void queryClient.cancelQueries({ queryKey: [QUERY_KEY_SCOPE, instanceId, 'poll'] })
  }, [pollActive, queryClient, instanceId])

  const refetchPoll = pollQuery.refetch
  // Creates a PIN at once. A refetch would not: for a query without data that is sleeping between
  // retries, TanStack Query only lets the retry in progress go on.
  const restartPin = useCallback(() => {
    // A create still on its way is abandoned (it may be stalled): "Try again" means a new request.
    session.current.creating = null
    void queryClient.resetQueries({ queryKey: pinKey, exact: true })
  }, [queryClient, pinKey])
  // TanStack Query refetches when the tab becomes visible; a person who linked in another
  // window returns with a focus event instead, which should count as well.
  useWindowListener('focus', pollActive && !authenticated, () => void refetchPoll({ cancelRefetch: false }))
  // The connection is back: a request sleeping in backoff would otherwise wait up to 30 s more.
  // (TanStack Query resumes the ones it paused while offline a microtask later, so restarting a
  // paused create here still sends one request: the restart cancels that resumption.)
  useWindowListener('online', awaitingPin || (pollActive && !authenticated), () => {
    if (!pin && pinQuery.failureCount > 0) restartPin()
    else if (pollQuery.data.failures > 0) void refetchPoll({ cancelRefetch: true })
  })

  // secondsLeft re-renders its reader once a second; callers that never read it never tick.
  const secondsTracked = useRef(false)
  useSyncExternalStore(
    deadlineActive ? subscribeToTicks : subscribeToNothing,
    () => (secondsTracked.current && expiresAt !== null ? secondsUntil(expiresAt) : null),
    getNoSeconds,
  )

  // Offline as soon as TanStack Query's onlineManager says so, not when a query next pauses (the
  // next poll: up to a minute away). The server never knows, and a hydrating render must match
  // its HTML, so the server snapshot is "online".
  const online = useSyncExternalStore(subscribeToOnline, onlineSnapshot, onlineOnServer) % 2 === 1

  const renew = useCallback(() => dispatch({ type: 'renew' }), [])
  // "Try again" repeats the request that failed; in any other status, or after unmount (a stale
  // closure in the app), it does nothing.
  const failed = status !== 'error' || configError ? null : pinError ? 'pin' : 'poll'
  const retry = useCallback(() => {
    if (!session.current.mounted) return
    if (failed === 'pin') restartPin()
    else if (failed === 'poll') void refetchPoll()
  }, [failed, restartPin, refetchPoll])

  // A code stays on screen while it can still be used: never once the renewal limit is reached.
  const showCode = pin !== null && !round.expired && (status === 'waiting' || status === 'error')
  const code = showCode ? pin.code : null
  // A single lost poll passes silently (the next one comes within a second or two anyway):
  // flagging each one made a weak connection flip the status line, and a screen reader, every few
  // seconds. A 429 shows at once: plex.tv asked for a wait that can last minutes.
  const { failures, failure } = pollQuery.data
  const isRetrying =
    (status === 'creating' && pinQuery.failureCount > 0) ||
    (status === 'waiting' && (failures > 1 || isPlexApiError(failure, 'rate-limited')))

  // TanStack Query's "tracked result" idea: the getter records that the caller reads the value.
  // The ref only ever flips to true, and the store above reads it after commit. The status rules
  // above give each status the fields UsePlexPinResult promises it (tested per status).
  return {
    status,
    code,
    pin,
    linkUrl,
    qrValue: code ? buildQrValue(linkUrl, code) : null,
    expiresAt,
    get secondsLeft() {
      secondsTracked.current = true
      return expiresAt === null ? null : secondsUntil(expiresAt)
    },
    error,
    failureReason: isRetrying ? (pinQuery.failureReason ?? failure) : null,
    isRetrying,
    isOffline: !online && (awaitingPin || pollActive),
    renewals: round.renewals,
    renew,
    retry,
  } as UsePlexPinResult
}
