import { QRCodeSVG } from 'qrcode.react'
import { PlexLogin, type PlexLoginProps, type PlexPinStatus } from '../../src'

const STATUS_TEXT: Record<PlexPinStatus, string> = {
  creating: 'Getting a code…',
  waiting: 'Waiting for you to enter the code…',
  authenticated: 'Signed in. Welcome!',
  expired: 'That code expired.',
  error: 'Sign-in stopped.',
}

const minutes = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`

/** The app draws the sign-in its own way; `<PlexLogin>` still creates, polls and renews the code. */
export function MyPlexSignIn(props: Omit<PlexLoginProps, 'children'>) {
  return (
    <PlexLogin {...props}>
      {({ status, code, qrValue, secondsLeft, error, isRetrying, isOffline, retry, renew }) => (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'center' }}>
          {code && qrValue && <QRCodeSVG value={qrValue} size={128} marginSize={2} role="img" aria-label="QR code for plex.tv/link" />}
          <div style={{ display: 'grid', gap: 8 }}>
            {code && qrValue && (
              <>
                <p>
                  Scan the QR code, or open{' '}
                  <a href={qrValue} target="_blank" rel="noopener noreferrer" style={{ color: 'inherit' }}>
                    plex.tv/link
                  </a>{' '}
                  and enter:
                </p>
                {/* Spaced out, so screen readers spell it rather than pronounce it. */}
                <p style={{ fontSize: '2rem', fontWeight: 700, fontFamily: 'monospace' }}>{[...code].join(' ')}</p>
                <p>Expires in {minutes(secondsLeft ?? 0)}</p>
              </>
            )}
            <p role="status">
              {isOffline ? 'Offline: waiting for the connection.' : isRetrying ? 'Reconnecting…' : STATUS_TEXT[status]}
              {status === 'error' && error && ` ${error.message}`}
            </p>
            {status === 'error' && (
              <button type="button" onClick={retry}>
                Try again
              </button>
            )}
            {status === 'expired' && (
              <button type="button" onClick={renew}>
                Get a new code
              </button>
            )}
          </div>
        </div>
      )}
    </PlexLogin>
  )
}
