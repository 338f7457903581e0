import { useEffect, useRef, useState } from 'react'

export interface BaselineLoginProps {
  baseUrl: string
  linkUrl: string
  product: string
  clientIdentifier: string
  onAuthenticated: (token: string) => void
}

interface PinAnswer {
  id: number
  code: string
  authToken: string | null
}

/**
 * What most apps hand-roll today for "Sign in with Plex" by code (the baseline of the latency
 * bench, not a recommendation): X-Plex-* values as request HEADERS (so the browser preflights
 * each new URL), a fixed `setTimeout(poll, 1000)` started after each answer, no visibility or
 * focus handling, no backoff, no expiry handling.
 */
export function BaselineLogin({ baseUrl, linkUrl, product, clientIdentifier, onAuthenticated }: BaselineLoginProps) {
  const [code, setCode] = useState<string | null>(null)
  const [status, setStatus] = useState<'creating' | 'waiting' | 'authenticated' | 'error'>('creating')
  const onAuthenticatedRef = useRef(onAuthenticated)
  useEffect(() => {
    onAuthenticatedRef.current = onAuthenticated
  })

  useEffect(() => {
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const headers = {
      Accept: 'application/json',
      'X-Plex-Product': product,
      'X-Plex-Client-Identifier': clientIdentifier,
    }

    async function start(): Promise<void> {
      const created = await fetch(`${baseUrl}/api/v2/pins?strong=false`, { method: 'POST', headers })
      if (!created.ok) throw new Error(`POST /api/v2/pins answered ${created.status}`)
      const pin = (await created.json()) as PinAnswer
      if (cancelled) return
      setCode(pin.code)
      setStatus('waiting')

      const poll = async (): Promise<void> => {
        try {
          const answer = await fetch(`${baseUrl}/api/v2/pins/${pin.id}`, { headers })
          const polled = (await answer.json()) as PinAnswer
          if (cancelled) return
          if (polled.authToken) {
            setStatus('authenticated')
            onAuthenticatedRef.current(polled.authToken)
            return
          }
        } catch {
          // What most loops do: try again next time.
        }
        if (!cancelled) timer = setTimeout(() => void poll(), 1000)
      }
      timer = setTimeout(() => void poll(), 1000)
    }

    start().catch(() => {
      if (!cancelled) setStatus('error')
    })
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [baseUrl, product, clientIdentifier])

  return (
    <div data-baseline-login="" data-state={status}>
      <p>Sign in with Plex</p>
      {code && (
        <p>
          Go to <a href={`${linkUrl}?pin=${code}`}>{linkUrl}</a> and enter <span data-part="code">{code}</span>
        </p>
      )}
      {status === 'creating' && <p>Getting a code…</p>}
      {status === 'authenticated' && <p>Signed in.</p>}
      {status === 'error' && <p>Something went wrong.</p>}
    </div>
  )
}
