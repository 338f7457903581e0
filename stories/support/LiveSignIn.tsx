import { useCallback, useId, useState, type FormEvent } from 'react'
import { PlexLogin, type PlexLoginProps, type PlexPinInfo, type PlexPinStatus } from '../../src'
import type { PlexSimulator } from '../../src/testing/createPlexSimulator'
import './LiveSignIn.css'

const LINK_CODE_PATTERN = /^[A-Z0-9]{4}$/
/** Characters of the token left visible; the rest is never put on the page. */
const VISIBLE_TOKEN_CHARS = 4

/** `••••••••7Qx2`: enough to tell two tokens apart, too little to use one. */
export function maskToken(token: string): string {
  return `••••••••${token.slice(-VISIBLE_TOKEN_CHARS)}`
}

type LinkMessage = { kind: 'success' | 'error'; text: string }

/** What the simulator's /link page says for a submitted code, word for word. */
function linkCode(sim: PlexSimulator, input: string): LinkMessage {
  const code = input.trim().toUpperCase()
  if (code === '') return { kind: 'error', text: 'Enter the 4-character code shown on your device.' }
  if (!LINK_CODE_PATTERN.test(code)) {
    return { kind: 'error', text: `“${code}” is not a code. Enter the 4 letters and digits shown on your device.` }
  }
  const result = sim.link(code)
  if (result.ok) return { kind: 'success', text: 'Linked! You can return to the app.' }
  if (result.reason === 'expired') {
    return { kind: 'error', text: `The code ${code} has expired. Get a new code on your device and enter that one.` }
  }
  return { kind: 'error', text: `The code ${code} was not found. Check the code shown on your device and try again.` }
}

/** The person's phone, on plex.tv/link and signed in to Plex: type the code, press Link. */
export function PhonePanel({ sim }: { sim: PlexSimulator }) {
  const id = useId()
  const [code, setCode] = useState('')
  const [message, setMessage] = useState<LinkMessage | null>(null)

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const result = linkCode(sim, code)
    setMessage(result)
    if (result.kind === 'success') setCode('')
  }

  return (
    <section className="live-phone" aria-labelledby={`${id}-title`} data-phone="">
      <p className="live-phone-bar" aria-hidden="true">
        plex.tv/link
      </p>
      <h2 id={`${id}-title`}>Link a device</h2>
      <p className="live-muted">
        Signed in as <strong>{sim.user.title}</strong> ({sim.user.username})
      </p>
      {message && (
        <p className={`live-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-result={message.kind}>
          {message.text}
        </p>
      )}
      <form className="live-form" onSubmit={submit}>
        <label htmlFor={`${id}-code`}>Enter the 4-character code shown on your device</label>
        <div className="live-row">
          <input
            id={`${id}-code`}
            name="code"
            type="text"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            maxLength={4}
            minLength={4}
            required
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            aria-describedby={`${id}-hint`}
          />
          <button type="submit">Link</button>
        </div>
        <p className="live-muted" id={`${id}-hint`}>
          Letters and digits, for example 7RQZ.
        </p>
      </form>
      <p className="live-note">
        This panel plays plex.tv/link on the person&rsquo;s phone, like the simulator&rsquo;s own /link page: nothing leaves
        the browser.
      </p>
    </section>
  )
}

/** One way to make plex.tv misbehave, and what the panel says once it is set up. */
interface Mischief {
  label: string
  done: string
  apply: (sim: PlexSimulator) => void
}

const MISCHIEF: Mischief[] = [
  { label: 'Expire the code', done: 'The code expired; plex.tv answers 404 for it now.', apply: (sim) => sim.expire() },
  {
    label: 'Fail the next 3 polls (HTTP 503)',
    done: 'The next 3 polls get HTTP 503.',
    apply: (sim) => sim.fail({ type: 'status', status: 503 }, { route: 'get-pin', times: 3 }),
  },
  {
    label: 'Answer the next poll with a Wi-Fi login page',
    done: 'The next poll gets a Wi-Fi login page instead of JSON.',
    apply: (sim) =>
      sim.fail({ type: 'body', body: '<!doctype html><title>Hotel Wi-Fi</title><p>Accept the terms</p>', contentType: 'text/html' }, { route: 'get-pin' }),
  },
]

/** plex.tv's side, misbehaving on request, so a visitor can watch the widget recover. */
function MischiefPanel({ sim }: { sim: PlexSimulator }) {
  const id = useId()
  const [done, setDone] = useState('')
  return (
    <section className="live-received" aria-labelledby={`${id}-title`} data-mischief="">
      <h2 id={`${id}-title`}>Make plex.tv misbehave</h2>
      <div className="live-buttons">
        {MISCHIEF.map(({ label, done: said, apply }) => (
          <button
            key={label}
            type="button"
            onClick={() => {
              apply(sim)
              setDone(said)
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <p className="live-muted" role="status">
        {done}
      </p>
    </section>
  )
}

interface Received {
  maskedToken: string
  pin: PlexPinInfo
}

/** What the app got from `onAuthenticated`, with the token masked. */
function ReceivedPanel({ received, statuses, onRestart }: { received: Received | null; statuses: PlexPinStatus[]; onRestart: () => void }) {
  const id = useId()
  return (
    <section className="live-received" aria-labelledby={`${id}-title`} data-received="">
      <h2 id={`${id}-title`}>
        What <code>onAuthenticated</code> received
      </h2>
      {received ? (
        <dl>
          <dt>token</dt>
          <dd>
            <code data-token="">{received.maskedToken}</code> <span className="live-muted">(masked here; the app gets it whole)</span>
          </dd>
          <dt>pin.id</dt>
          <dd>{received.pin.id}</dd>
          <dt>pin.code</dt>
          <dd>{received.pin.code}</dd>
          <dt>pin.product</dt>
          <dd>{received.pin.product}</dd>
          <dt>pin.clientIdentifier</dt>
          <dd>{received.pin.clientIdentifier}</dd>
          <dt>pin.expiresAt</dt>
          <dd>{received.pin.expiresAt}</dd>
        </dl>
      ) : (
        <p className="live-muted" data-nothing-yet="">
          Nothing yet. Type the code from the widget into the phone and press Link.
        </p>
      )}
      <p className="live-muted" data-statuses="">
        <code>onStatusChange</code>: {statuses.join(' → ')}
      </p>
      <button type="button" onClick={onRestart}>
        Start again with a new widget
      </button>
    </section>
  )
}

export interface LiveSignInDemoProps {
  sim: PlexSimulator
  widget: PlexLoginProps
}

/** The widget, the person's phone beside it, what the app received, and plex.tv misbehaving on request. */
export function LiveSignInDemo({ sim, widget }: LiveSignInDemoProps) {
  const [round, setRound] = useState(0)
  const [received, setReceived] = useState<Received | null>(null)
  const [statuses, setStatuses] = useState<PlexPinStatus[]>([])
  const { onAuthenticated, onStatusChange } = widget

  const authenticated = useCallback(
    (token: string, pin: PlexPinInfo) => {
      // The token itself stays in this callback: only its masked form becomes state and DOM.
      setReceived({ maskedToken: maskToken(token), pin })
      onAuthenticated?.(token, pin)
    },
    [onAuthenticated],
  )
  const statusChanged = useCallback(
    (status: PlexPinStatus) => {
      setStatuses((previous) => [...previous, status])
      onStatusChange?.(status)
    },
    [onStatusChange],
  )
  const restart = () => {
    setReceived(null)
    setStatuses([])
    setRound((previous) => previous + 1)
  }

  return (
    <div className="live">
      <div className="live-app">
        <PlexLogin key={round} {...widget} onAuthenticated={authenticated} onStatusChange={statusChanged} />
        <ReceivedPanel received={received} statuses={statuses} onRestart={restart} />
        <MischiefPanel sim={sim} />
      </div>
      <PhonePanel sim={sim} />
    </div>
  )
}
