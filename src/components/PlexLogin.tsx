'use client'

import type { QueryClient } from '@tanstack/react-query'
import { QRCodeSVG } from 'qrcode.react'
import { forwardRef, memo, useDeferredValue, useEffect, useId, useImperativeHandle, useMemo, useRef, useState, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import { isRecord } from '../api/json.js'
import type { PlexClientOptions, PlexDeviceInfo, PlexPinInfo } from '../api/types.js'
import { useCopyToClipboard } from '../hooks/useCopyToClipboard.js'
import { useKeepFocusWithin } from '../hooks/useKeepFocusWithin.js'
import { usePlexPin, type PlexPinStatus, type UsePlexPinResult } from '../hooks/usePlexPin.js'
import { warnOnce } from '../internal/warnOnce.js'
import type { PlexLoginLabels } from './defaultPlexLoginLabels.js'
import { formatCountdown, PlexLoginCountdown } from './PlexLoginCountdown.js'
import { PlexLoginLayoutBoundary } from './PlexLoginLayoutBoundary.js'
import { resolveLabels } from './resolveLabels.js'

/** Pixel size of the drawn QR code (CSS may scale it). */
export const QR_SIZE = 168

/** The parts of the widget that take a class name through `classNames`. */
export type PlexLoginPart = 'root' | 'code' | 'qr' | 'link' | 'copy' | 'status' | 'countdown' | 'actions'

/**
 * The widget's props: the sign-in's options (the same as `usePlexPin`'s but `enabled`: mount the
 * widget when the sign-in should start), how it looks and reads, and any prop of its root `<div>`.
 * The device details (`version`, `platform`, `platformVersion`, `device`, `deviceName`, `model`,
 * `language`) are sent as `X-Plex-*` and shown in plex.tv's "Authorized Devices" list.
 */
export interface PlexLoginProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onError'>, PlexDeviceInfo {
  /** The app's name, shown to the person in plex.tv's "Authorized Devices" list (`X-Plex-Product`). Required. */
  product: string
  /**
   * A stable id for this install (`X-Plex-Client-Identifier`); the PIN is bound to it, and a
   * change applies to the next code. One that loads after mount: render the widget once it is
   * known, or give it `key={clientIdentifier}`.
   * @defaultValue a UUID kept in localStorage under `react-plex-login:client-id`
   */
  clientIdentifier?: string | undefined
  /**
   * Origin of the plex.tv API; point it at the simulator to develop offline.
   * @defaultValue `'https://plex.tv'`
   */
  baseUrl?: string | undefined
  /**
   * The page where a person enters the code; the link and the QR code lead here with `?pin=CODE`.
   * @defaultValue `'https://plex.tv/link'`
   */
  linkUrl?: string | undefined
  /**
   * Milliseconds between polls while the page is visible, from 1000 to 60000 (others are brought
   * into that range, with a development warning); at most one poll every 5 s while hidden.
   * @defaultValue `1000`
   */
  pollInterval?: number | undefined
  /**
   * How many expired codes are replaced automatically before the widget waits for "Get a new code";
   * `Infinity` renews for good (a kiosk, a TV dashboard).
   * @defaultValue `3`
   */
  maxRenewals?: number | undefined
  /**
   * Called once with the user's Plex token when someone links the code. The token is a secret:
   * keep it out of URLs, logs and anything rendered.
   */
  onAuthenticated?: ((token: string, pin: PlexPinInfo) => void) | undefined
  /** Called when a failure persists (the widget then shows it with "Try again"); once per failure, and again if the failure changes, not once per background retry. */
  onError?: ((error: Error) => void) | undefined
  /** Called with each new status: `creating`, `waiting`, `authenticated`, `expired` or `error`. */
  onStatusChange?: ((status: PlexPinStatus) => void) | undefined
  /** A `fetch` to use instead of the global one (a transport of your own); called with a URL string. */
  fetch?: PlexClientOptions['fetch'] | undefined
  /**
   * Every visible and announced string; pass the ones to change.
   * @defaultValue English, see `defaultPlexLoginLabels`
   */
  labels?: { [Label in keyof PlexLoginLabels]?: PlexLoginLabels[Label] | undefined } | undefined
  /**
   * The QueryClient to use, read once at mount (as `useQuery` does); remount with a new `key` to switch.
   * @defaultValue the one from `QueryClientProvider`, else a private one
   */
  queryClient?: QueryClient | undefined
  /**
   * The locale used to format the countdown's digits (`Intl.NumberFormat`), e.g. `'ar-EG'`, or a
   * list of them in order of preference, like `navigator.languages`.
   * @defaultValue the browser's
   */
  locale?: string | readonly string[] | undefined
  /**
   * `true` drops every rule of `react-plex-login/styles.css` from this widget (the stylesheet keys
   * on `data-plex-login="styled"`), for apps that style it from scratch.
   * @defaultValue `false`
   */
  unstyled?: boolean | undefined
  /**
   * Extra class names per part: `root`, `code`, `qr`, `link`, `copy`, `status`, `countdown`, `actions`.
   * @defaultValue `{}`
   */
  classNames?: { [Part in PlexLoginPart]?: string | undefined } | undefined
  /**
   * Your own layout, keeping the widget's logic: called with everything `usePlexPin` returns and
   * rendered inside the root element instead of the built-in parts. Reading `secondsLeft` (or
   * spreading the state) re-renders the widget once a second; a layout that shows the countdown
   * can leave that to `useSecondsLeft(expiresAt)` in a component of its own.
   */
  children?: ((state: UsePlexPinResult) => ReactNode) | undefined
}

const spell = (code: string) => code.split('').join(' ')
const NO_BREAK_SPACE = '\u00a0'
/** Holds the code's width while none is on screen (the code font is monospaced). */
const PLACEHOLDER_CODE = NO_BREAK_SPACE.repeat(4)
/**
 * The countdown's text while the code is on its way, in figure dashes (a digit's width): the line
 * wraps as the real one will, so a long translation does not make the widget grow when it arrives.
 */
const PLACEHOLDER_TIME = '\u2012\u2012:\u2012\u2012'

/**
 * "Sign in with Plex" by code: shows the plex.tv/link code, a QR code and a link, polls until
 * the person enters the code, renews expired codes, recovers from errors and hands the token to
 * `onAuthenticated`. Style it with `react-plex-login/styles.css` or your own rules keyed on
 * `data-state` and `data-part`.
 */
export const PlexLogin = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLDivElement, PlexLoginProps>(function PlexLogin(
    {
      product,
      clientIdentifier,
      baseUrl,
      linkUrl,
      pollInterval,
      maxRenewals,
      onAuthenticated,
      onError,
      onStatusChange,
      queryClient,
      fetch,
      version,
      platform,
      platformVersion,
      device,
      deviceName,
      model,
      language,
      labels: labelOverrides,
      locale,
      unstyled = false,
      classNames: classNameOverrides,
      className,
      children,
      ...rootProps
    },
    forwardedRef,
  ) {
    const labels = resolveLabels(labelOverrides)
    // React throws on a style that is not an object (a CSS string, as HTML has it): dropped, so the
    // sign-in goes on.
    const style = isRecord(rootProps.style) ? rootProps.style : undefined
    if (process.env.NODE_ENV !== 'production' && rootProps.style != null && !style) {
      warnOnce('style', 'style must be an object of CSS properties, as React takes it (not a CSS string); ignoring it.')
    }
    const classNames: Partial<Record<PlexLoginPart, string>> = classNameOverrides ?? {}
    // JSX children instead of a render function would throw mid sign-in; draw the built-in parts.
    const render = typeof children === 'function' ? children : undefined
    if (process.env.NODE_ENV !== 'production' && children != null && !render) {
      warnOnce('children', 'children must be a function that renders the state (see `children` in the README); drawing the built-in layout.')
    }
    const pin = usePlexPin({
      product,
      clientIdentifier,
      baseUrl,
      linkUrl,
      pollInterval,
      maxRenewals,
      onAuthenticated,
      onError,
      onStatusChange,
      queryClient,
      fetch,
      version,
      platform,
      platformVersion,
      device,
      deviceName,
      model,
      language,
    })
    const [copied, copy] = useCopyToClipboard()
    const { status, code, qrValue, expiresAt } = pin
    // A result about a code no longer on screen ("Could not copy") is stale.
    const copyState = copied.text === code ? copied.state : 'idle'
    const isCopied = copyState === 'copied'
    const titleId = useId()

    // qrcode.react encodes in render (about 70 ms on a phone-speed CPU, against a few for the code
    // alone), so the QR is drawn in a render after the code's, its place held meanwhile. Only the
    // QR of the code on screen is ever shown: while a new one is on its way, the placeholder is.
    const deferredQrValue = useDeferredValue(qrValue)
    const drawnQrValue = deferredQrValue === qrValue && qrValue
    // The same element while the code is the same, so React skips the QR entirely on renders
    // that change only the status line.
    const qrTitle = labels.qrTitle
    const qrClassName = classNames.qr
    const qr = useMemo(
      () =>
        drawnQrValue && (
          <QRCodeSVG
            data-part="qr"
            className={qrClassName}
            role="img"
            aria-label={qrTitle}
            value={drawnQrValue}
            size={QR_SIZE}
            level="M"
            marginSize={4}
            fgColor="currentColor"
            bgColor="transparent"
          />
        ),
      [drawnQrValue, qrTitle, qrClassName],
    )
    // The first Intl.NumberFormat of a page loads locale data: most of the task that showed the
    // code on a phone-speed CPU. Built here, while the code is on its way.
    useEffect(() => void formatCountdown(0, locale), [locale])

    // Parts come and go with the status ("Try again" once pressed, the link and copy button
    // while a code renews, everything but the status once signed in); focus must not go with them.
    const root = useRef<HTMLDivElement | null>(null)
    const focusHandlers = useKeepFocusWithin(root, rootProps)
    // A mistake in the options (a TypeError) is cured by new options, which the widget follows by
    // itself; "Try again" would do nothing.
    const hasActions = status === 'expired' || (status === 'error' && !(pin.error instanceof TypeError))
    // Each action has a label and a function of the same name.
    const action = status === 'error' ? 'retry' : 'renew'
    // The app's ref gets the root element; attached once, not on every render.
    useImperativeHandle(forwardedRef, () => root.current as HTMLDivElement, [])

    // A renewal's news is said from the new code's first plain "waiting" until anything else is
    // said; after a reconnect or "Try again" later on, waiting is plain waiting again.
    const plainWaiting = status === 'waiting' && !pin.isRetrying && !pin.isOffline
    const [news, setNews] = useState({ renewals: 0, phase: 0 })
    const phase = news.renewals === pin.renewals ? news.phase : 0
    const nextPhase = phase === 0 ? +plainWaiting : phase === 1 && !plainWaiting ? 2 : phase
    if (news.renewals !== pin.renewals || news.phase !== nextPhase) setNews({ renewals: pin.renewals, phase: nextPhase })
    const renewed = pin.renewals > 0 && plainWaiting && nextPhase === 1

    // Each status has a label of the same name; offline, retrying and renewed are nuances of them.
    const statusText =
      pin.isOffline && status !== 'authenticated'
        ? labels.offline
        : pin.isRetrying
          ? labels.retrying(pin.failureReason ? labels.describeError(pin.failureReason) : '')
          : renewed
            ? labels.renewed
            : labels[status]
    // While a code is on its way the body keeps its place (no layout jump), inert and hidden.
    const placeholder = !(code && qrValue)
    const spelledCode = code && labels.codeForScreenReaders(spell(code))

    const builtIn = (
      <>
        <h2 id={titleId} data-part="title">
          {labels.title}
        </h2>

        {(!placeholder || status === 'creating') && (
          <div data-part="body" data-placeholder={placeholder ? '' : undefined} aria-hidden={placeholder || undefined}>
            <div data-part="details">
              <p data-part="instructions">{labels.instructions}</p>
              <p data-part="code-line">
                <span data-part="code" aria-hidden="true" dir="ltr" className={classNames.code}>
                  {code ?? PLACEHOLDER_CODE}
                </span>
                {spelledCode && <span data-part="visually-hidden">{spelledCode}</span>}
              </p>
              <div data-part="links">
                <a data-part="link" href={qrValue ?? undefined} target="_blank" rel="noopener noreferrer" className={classNames.link}>
                  {labels.openLink}
                  <span data-part="visually-hidden"> {labels.opensInNewTab}</span>
                </a>
                {/* Both labels, the other one hidden: styles.css stacks them so the button keeps
                    the longer one's width and does not move from under a finger. */}
                <button type="button" data-part="copy" className={classNames.copy} disabled={!code} data-copied={isCopied ? '' : undefined} onClick={() => code && copy(code)}>
                  <span hidden={isCopied}>{labels.copy}</span>
                  <span hidden={!isCopied}>{labels.copied}</span>
                </button>
              </div>
              {/* While a code is shown, in an error too: it still works until then. */}
              {code && expiresAt !== null ? (
                <PlexLoginCountdown expiresAt={expiresAt} format={labels.expiresIn} locale={locale} className={classNames.countdown} />
              ) : (
                placeholder && (
                  <p data-part="countdown" className={classNames.countdown}>
                    {labels.expiresIn(PLACEHOLDER_TIME)}
                  </p>
                )
              )}
            </div>
            {qr || <div data-part="qr" className={classNames.qr} />}
          </div>
        )}

        <div data-part="status" role="status" aria-live="polite" className={classNames.status}>
          <p>
            {statusText}
            {/* A renewed code is announced with the news, so nobody has to go and find it. */}
            {renewed && <span data-part="visually-hidden"> {spelledCode}</span>}
          </p>
          {/* In its own direction: the default describeError is English, in an Arabic widget too. */}
          {status === 'error' && pin.error && <p data-part="error" dir="auto">{labels.describeError(pin.error)}</p>}
          {/* Keyed by the press: a second press gets a new node, which a screen reader announces
              even when the words are the same. */}
          {isCopied && (
            <p key={copied.press} data-part="visually-hidden">
              {labels.copied}
            </p>
          )}
          {copyState === 'failed' && (
            <p key={copied.press} data-part="copy-error">
              {labels.copyFailed}
            </p>
          )}
        </div>

        {hasActions && (
          <div data-part="actions" className={classNames.actions}>
            <button type="button" data-part={action} onClick={pin[action]}>
              {labels[action]}
            </button>
          </div>
        )}
      </>
    )

    return (
      <div
        {...rootProps}
        style={style}
        // After the app's props, so one a wrapper forwards as `undefined` does not erase ours. The
        // heading names the region; a custom layout has none, and an app's aria-label wins.
        role={rootProps.role ?? 'region'}
        aria-label={rootProps['aria-label'] ?? (render ? labels.region : undefined)}
        aria-labelledby={rootProps['aria-labelledby'] ?? (render || rootProps['aria-label'] ? undefined : titleId)}
        tabIndex={rootProps.tabIndex ?? -1}
        ref={root}
        {...focusHandlers}
        className={[classNames.root, className].filter(Boolean).join(' ') || undefined}
        data-plex-login={unstyled ? 'unstyled' : 'styled'}
        data-state={status}
        data-retrying={pin.isRetrying ? '' : undefined}
        data-offline={pin.isOffline ? '' : undefined}
      >
        {render ? <PlexLoginLayoutBoundary draw={() => render(pin)} fallback={builtIn} resetKey={`${status} ${pin.isRetrying} ${pin.isOffline} ${code}`} /> : builtIn}
      </div>
    )
  }),
)
