import { useQuery } from '@tanstack/react-query'
import { useCallback, useMemo, useState } from 'react'
import { createPlexClient, PlexLogin, type PlexPinInfo, type PlexPinStatus } from '../../../src'
import { germanLabels } from '../../../stories/support/translations'

const DEMO_PRODUCT = 'react-plex-login demo'

const settings = __PLEX_DEMO__

/** Test hooks only: `?labels=long` (German) and `?width=280` (the widget's box, in px), for the layout tests. */
const layoutProbe = settings.testHooks ? new URLSearchParams(location.search) : null
const probeLabels = layoutProbe?.get('labels') === 'long' ? germanLabels : undefined
const probeWidth = Number(layoutProbe?.get('width')) || undefined

interface SignedInSession {
  /** Kept in memory only: never rendered, stored or logged. */
  token: string
  pin: PlexPinInfo
}

/** Shows that a token arrived without showing it: its last 4 characters at most (`••••wxyz`). */
function maskToken(token: string): string {
  return token.length >= 16 ? `••••${token.slice(-4)}` : '••••••••'
}

function record(event: PlexDemoEvent): void {
  if (!settings.testHooks) return
  window.__plexLoginEvents ??= []
  window.__plexLoginEvents.push(event)
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** The demo: the widget, and once someone links the code, the account its token belongs to. */
export function DemoApp() {
  const [session, setSession] = useState<SignedInSession | null>(null)
  // A new key mounts a fresh widget (a fresh PIN) after signing out.
  const [attempt, setAttempt] = useState(0)

  const onAuthenticated = useCallback((token: string, pin: PlexPinInfo) => {
    setSession({ token, pin })
    if (settings.testHooks) {
      void sha256Hex(token).then((tokenSha256) =>
        record({ type: 'authenticated', pinId: pin.id, code: pin.code, tokenLength: token.length, tokenSha256, at: Date.now() }),
      )
    }
  }, [])
  const onStatusChange = useCallback((status: PlexPinStatus) => record({ type: 'status', status, at: Date.now() }), [])
  const onError = useCallback((error: Error) => record({ type: 'error', message: error.message, at: Date.now() }), [])

  const signOut = useCallback(() => {
    setSession(null)
    setAttempt((count) => count + 1)
  }, [])

  return (
    <main>
      <h1>react-plex-login demo</h1>
      <p className="demo-note">
        {settings.simulated
          ? 'Offline: this page talks to the plex.tv simulator on this computer. Open the link and press "Link" to sign in as its fake user. (The QR code points at the simulator too, so a phone cannot open it here.)'
          : `This page talks to ${settings.baseUrl ?? 'https://plex.tv'}. Enter the code at the link page while signed in to Plex.`}
      </p>
      <div style={probeWidth ? { width: probeWidth } : undefined}>
        <PlexLogin
          key={attempt}
          product={DEMO_PRODUCT}
          baseUrl={settings.baseUrl}
          linkUrl={settings.linkUrl}
          labels={probeLabels}
          onAuthenticated={onAuthenticated}
          onStatusChange={onStatusChange}
          onError={onError}
        />
      </div>
      {session && <SignedIn session={session} onSignOut={signOut} />}
    </main>
  )
}

function SignedIn({ session, onSignOut }: { session: SignedInSession; onSignOut: () => void }) {
  const client = useMemo(() => createPlexClient({ product: DEMO_PRODUCT, baseUrl: settings.baseUrl }), [])
  const { token, pin } = session
  // Keyed by the PIN, not the token: the token stays out of the query cache. No abort signal:
  // StrictMode's unmount-remount would cancel and repeat the request (two CORS preflights).
  const user = useQuery({
    queryKey: ['react-plex-login-demo', 'user', pin.id],
    queryFn: () => client.getUser(token),
    staleTime: Infinity,
    retry: 1,
  })

  return (
    <section className="demo-account" aria-label="Your Plex account" data-testid="account">
      {user.isPending && <p>Checking the token with plex.tv…</p>}
      {user.isError && <p className="demo-error">Could not read the account: {user.error.message}</p>}
      {user.isSuccess && (
        <p data-testid="signed-in-as">
          Signed in as <strong>{user.data.title ?? user.data.username ?? 'a Plex user'}</strong>
          {user.data.username && user.data.username !== user.data.title ? ` (${user.data.username})` : ''}
        </p>
      )}
      <p>
        Token: <code data-testid="masked-token">{maskToken(token)}</code> ({token.length} characters, kept in memory only)
      </p>
      <button type="button" onClick={onSignOut}>
        Sign out and start again
      </button>
    </section>
  )
}
