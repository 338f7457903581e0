import { http } from 'msw'
import type { PlexLoginProps, PlexPinStatus } from '../../src'
import type { SimulatorFault } from '../../src/testing/createPlexSimulator'
import type { SimulatorScenario } from './simulatorStory'

/** What a state story claims to show; the story tests check exactly this. */
export interface StateClaim {
  /** `data-state` of the widget. */
  state: PlexPinStatus
  /** Whether the widget says it is retrying (`data-retrying`). */
  retrying: boolean
  /** Text in the status line (`role="status"`). */
  status: string
}

export interface PlexLoginState {
  title: string
  /** For the Docs page: what plex.tv does in this story and what the widget shows. */
  description: string
  simulator: SimulatorScenario
  /** Props the state needs (the story's controls set the others). */
  args?: Partial<Pick<PlexLoginProps, 'product' | 'pollInterval' | 'maxRenewals' | 'labels'>>
  shows: StateClaim
}

/**
 * Every story state is on screen this long after the first render, in the story tests (fake
 * time) and for a visitor (real time), and stays for a visitor to look at; see each description.
 */
export const STATE_SHOWN_AFTER_MS = 3000

/** Long enough that the first answer never comes while someone looks. */
const CREATING_LATENCY_MS = 60 * 60 * 1000
/** Under a minute, so the countdown is urgent from the start. */
const EXPIRING_SOON_LIFETIME_S = 45
const RATE_LIMIT_RETRY_AFTER_S = 30
/** More failures than anyone waits for. */
const ALWAYS = Number.MAX_SAFE_INTEGER

/** What plex.tv answers when a PIN is gone (expired or never existed). */
const PIN_GONE = JSON.stringify({ errors: [{ code: 1020, message: 'Code not found or expired', status: 404 }] })
/** What a load balancer in front of plex.tv answers during an outage. */
const SERVICE_UNAVAILABLE: SimulatorFault = {
  type: 'status',
  status: 503,
  contentType: 'text/html',
  body: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
}

export const plexLoginStates = {
  creating: {
    title: 'Creating',
    description:
      'plex.tv is slow to answer the request for a code (the simulator takes an hour), so the widget stays busy: a spinner, "Getting a code from plex.tv…", and the places of the code, the buttons and the QR held (greyed, hidden from assistive technology) so nothing jumps when the code arrives.',
    simulator: { options: { latencyMs: CREATING_LATENCY_MS } },
    shows: { state: 'creating', retrying: false, status: 'Getting a code from plex.tv…' },
  },
  reconnecting: {
    title: 'Reconnecting for a code',
    description:
      'Every request for a code answers 503. The places of the code stay held and the status line says the widget is reconnecting; no spinner turns, since between attempts nothing is on its way. After five attempts (about 15 s) the status becomes an error, and the retries go on by themselves.',
    simulator: { setup: (sim) => sim.fail(SERVICE_UNAVAILABLE, { route: 'create-pin', times: ALWAYS }) },
    shows: { state: 'creating', retrying: true, status: 'Reconnecting to plex.tv… plex.tv is having trouble (HTTP 503)' },
  },
  waiting: {
    title: 'Waiting',
    description:
      'The code, its QR code, the link to plex.tv/link, the copy button and a 15-minute countdown; the widget polls plex.tv once a second until the code is entered.',
    simulator: {},
    shows: { state: 'waiting', retrying: false, status: 'Waiting for you to enter the code…' },
  },
  expiringSoon: {
    title: 'Expiring soon',
    description: `Each code lives ${EXPIRING_SOON_LIFETIME_S} s, so the countdown is under a minute and marked \`data-urgent\` from the start. When it runs out the widget gets a new code by itself (three times by default).`,
    simulator: { options: { linkPinLifetimeS: EXPIRING_SOON_LIFETIME_S } },
    shows: { state: 'waiting', retrying: false, status: 'Waiting for you to enter the code…' },
  },
  renewed: {
    title: 'Renewed',
    description:
      'The first poll learns that the code is gone (plex.tv answers 404, error 1020), so the widget replaces it with a new code and says why.',
    simulator: { setup: (sim) => sim.fail({ type: 'status', status: 404, body: PIN_GONE }, { route: 'get-pin' }) },
    shows: { state: 'waiting', retrying: false, status: 'The previous code expired, so here is a new one.' },
  },
  retrying: {
    title: 'Retrying after a 503',
    description:
      'Every poll answers 503. The code stays on screen and the widget says it is reconnecting, retrying with backoff (1 to 30 s) for as long as the code is valid.',
    simulator: { setup: (sim) => sim.fail(SERVICE_UNAVAILABLE, { route: 'get-pin', times: ALWAYS }) },
    shows: { state: 'waiting', retrying: true, status: 'Reconnecting to plex.tv… plex.tv is having trouble (HTTP 503)' },
  },
  rateLimited: {
    title: 'Rate-limited',
    description: `Every poll answers 429 with \`Retry-After: ${RATE_LIMIT_RETRY_AFTER_S}\`; the widget waits as long as plex.tv asks before each retry, keeping the code on screen.`,
    simulator: {
      setup: (sim) =>
        sim.fail({ type: 'status', status: 429, retryAfter: String(RATE_LIMIT_RETRY_AFTER_S) }, { route: 'get-pin', times: ALWAYS }),
    },
    shows: {
      state: 'waiting',
      retrying: true,
      status: 'Reconnecting to plex.tv… plex.tv is busy. The sign-in retries by itself.',
    },
  },
  error: {
    title: 'Error',
    description:
      'A proxy answers the request for a code with an HTML page: retrying the same request would not help, so the widget says what went wrong at once and offers "Try again" (which works here: the proxy only fails once).',
    simulator: {
      setup: (sim) =>
        sim.fail({ type: 'body', status: 200, body: '<!doctype html><title>Hotel Wi-Fi</title><p>Accept the terms to continue</p>', contentType: 'text/html' }, { route: 'create-pin' }),
    },
    shows: { state: 'error', retrying: false, status: 'Sign-in could not continue.' },
  },
  misconfigured: {
    title: 'Misconfigured',
    description:
      'The app passed an option that cannot work (here an empty `product`): the widget sends nothing and says what to change (a development build in full, with a console warning). There is no "Try again", which could not help: the sign-in starts by itself once the options are fixed (type a product in the controls).',
    simulator: {},
    args: { product: '' },
    shows: { state: 'error', retrying: false, status: 'product is required' },
  },
  expired: {
    title: 'Expired',
    description:
      'With `maxRenewals: 1`, plex.tv reports the code gone twice: the widget renews once, then stops polling and waits for "Get a new code" (which gives a lasting one here).',
    simulator: { setup: (sim) => sim.fail({ type: 'status', status: 404, body: PIN_GONE }, { route: 'get-pin', times: 2 }) },
    args: { maxRenewals: 1 },
    shows: { state: 'expired', retrying: false, status: 'This code has expired.' },
  },
  authenticated: {
    title: 'Authenticated',
    description: 'The person enters the code on plex.tv/link the moment it appears; the next poll finds the token and hands it to `onAuthenticated`.',
    simulator: {
      // The person is quick: the code is linked as soon as plex.tv has created it.
      handlers: (sim, baseUrl) => [
        http.post(`${baseUrl}/api/v2/pins`, async ({ request }) => {
          const response = await sim.handle(request)
          const pin = sim.latestPin()
          if (response.ok && pin) sim.link(pin.code)
          return response
        }),
      ],
    },
    shows: { state: 'authenticated', retrying: false, status: 'Signed in with Plex.' },
  },
} satisfies Record<string, PlexLoginState>

export type PlexLoginStateName = keyof typeof plexLoginStates
