/** Every string `<PlexLogin>` shows or announces. Pass a partial object as `labels` to translate. */
export interface PlexLoginLabels {
  /**
   * Accessible name of the widget's region when `children` draws the layout; the built-in layout
   * is named by its heading (`title`), and an `aria-label` prop wins over both.
   */
  region: string
  /** The heading (an `<h2>`), which also names the widget's region. */
  title: string
  /** Shown above the code. */
  instructions: string
  /** What a screen reader says for the code; it gets the code spelled out, letter by letter. */
  codeForScreenReaders: (spelledCode: string) => string
  /** The QR code's title (its accessible name). */
  qrTitle: string
  /** The link to plex.tv/link. */
  openLink: string
  /** Read after the link text by screen readers. */
  opensInNewTab: string
  /** The copy button. */
  copy: string
  /** The copy button, and an announcement, once the code is on the clipboard. */
  copied: string
  /** When the clipboard refused the code. */
  copyFailed: string
  /**
   * The countdown; `time` is formatted like `14:32`. While the code is on its way, the line holds
   * its place (faded) with `time` as `‒‒:‒‒`, so the widget keeps its height when the code arrives.
   */
  expiresIn: (time: string) => string
  /** Status while asking plex.tv for a code. */
  creating: string
  /** Status while waiting for the person to enter the code. */
  waiting: string
  /** Status after an expired code was replaced. */
  renewed: string
  /** Status while a transient failure is retried; `reason` is the failure's message. */
  retrying: (reason: string) => string
  /** Status while the browser is offline. */
  offline: string
  /** Status once signed in. */
  authenticated: string
  /** Status when the code expired and will not be replaced by itself. */
  expired: string
  /** Heading of an error; the error's description follows it. */
  error: string
  /**
   * Words for a failure (shown after `error`, and in `retrying`). A failure of plex.tv or the
   * connection is a `PlexApiError` with a `kind` (`network`, `http`, `rate-limited`,
   * `invalid-response`, …) and an English `message`: translate by `kind`, after
   * `isPlexApiError(error)` narrows to it. A mistake in the options is a `TypeError` for the
   * developer, without `kind`.
   */
  describeError: (error: Error) => string
  /** The button that repeats a failed request. */
  retry: string
  /** The button that starts over with a new code. */
  renew: string
}

/** The English words every widget falls back to; read-only, as changing them would change every widget. */
export const defaultPlexLoginLabels: Readonly<PlexLoginLabels> = {
  region: 'Sign in with Plex',
  title: 'Sign in with Plex',
  instructions: 'On your phone or computer, go to plex.tv/link and enter this code:',
  codeForScreenReaders: (spelledCode) => `Your code is ${spelledCode}`,
  qrTitle: 'QR code that opens plex.tv/link with this code',
  openLink: 'Open plex.tv/link',
  opensInNewTab: '(opens in a new tab)',
  copy: 'Copy code',
  copied: 'Copied',
  copyFailed: 'Could not copy the code. Type it in instead.',
  expiresIn: (time) => `Code expires in ${time}`,
  creating: 'Getting a code from plex.tv…',
  waiting: 'Waiting for you to enter the code…',
  renewed: 'The previous code expired, so here is a new one.',
  retrying: (reason) => `Reconnecting to plex.tv… ${reason}`,
  offline: 'You are offline. The sign-in continues when the connection returns.',
  authenticated: 'Signed in with Plex.',
  expired: 'This code has expired.',
  error: 'Sign-in could not continue.',
  describeError: (error) => error.message,
  retry: 'Try again',
  renew: 'Get a new code',
}
