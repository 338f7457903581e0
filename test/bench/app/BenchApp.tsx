import { useCallback, useState } from 'react'
import { PlexLogin } from '../../../src'
import { BaselineLogin } from './BaselineLogin'
import { QueryPoll } from './QueryPoll'
import { now, report } from './report'

export interface BenchAppProps {
  impl: BenchImpl
  baseUrl: string
  clientIdentifier: string
}

const PRODUCT = 'react-plex-login latency bench'

/** The same wrapper for every implementation: it reports its first render and the callback. */
export function BenchApp({ impl, baseUrl, clientIdentifier }: BenchAppProps) {
  // Reported once, during the first render, before the implementation itself renders.
  useState(() => report({ type: 'mount', t: now() }))
  const onAuthenticated = useCallback(() => report({ type: 'authenticated', t: now() }), [])
  const linkUrl = `${baseUrl}/link`

  if (impl === 'query') return <QueryPoll product={PRODUCT} clientIdentifier={clientIdentifier} baseUrl={baseUrl} />
  return impl === 'widget' ? (
    <PlexLogin product={PRODUCT} clientIdentifier={clientIdentifier} baseUrl={baseUrl} linkUrl={linkUrl} onAuthenticated={onAuthenticated} />
  ) : (
    <BaselineLogin product={PRODUCT} clientIdentifier={clientIdentifier} baseUrl={baseUrl} linkUrl={linkUrl} onAuthenticated={onAuthenticated} />
  )
}
