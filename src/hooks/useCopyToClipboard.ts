'use client'

import { useCallback, useEffect, useRef, useState } from 'react'

/** How long the "Copied" confirmation stays. */
export const COPIED_RESET_MS = 2000

export type CopyState = 'idle' | 'copied' | 'failed'

async function writeText(text: string): Promise<void> {
  try {
    // Missing outside secure contexts (Plex apps often run on plain http), refused in a frame
    // without clipboard-write permission (dashboards embed apps so).
    await navigator.clipboard.writeText(text)
  } catch {
    // The old copy command works in both. It copies what a `copy` listener hands it, so nothing
    // is selected and nothing takes focus: no textarea that a modal <dialog> or a focus trap
    // would keep from being selected (copying nothing), or whose removal drops focus to <body>.
    let handed = false
    const hand = (event: ClipboardEvent) => {
      event.clipboardData?.setData('text/plain', text)
      handed = !!event.clipboardData
      event.preventDefault()
    }
    document.addEventListener('copy', hand)
    try {
      // Refused: the rejection is all the caller needs ("failed"), never shown.
      if (!document.execCommand('copy') || !handed) throw new Error()
    } finally {
      document.removeEventListener('copy', hand)
    }
  }
}

/** What the last press of a copy button came to. */
export interface CopyResult {
  state: CopyState
  /** What was copied, so a caller showing something else now (a renewed code) can ignore it. */
  text: string | null
  /** Which press this answers: a new one per press, so the same words can be announced again. */
  press: number
}

/** Copies text and reports `copied` (for a while) or `failed`. Safe to unmount mid-copy. */
export function useCopyToClipboard(): [CopyResult, (text: string) => void] {
  const [result, setResult] = useState<CopyResult>({ state: 'idle', text: null, press: 0 })
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const mounted = useRef(true)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      clearTimeout(timer.current)
    }
  }, [])

  const latest = useRef(0)
  const copy = useCallback((text: string) => {
    clearTimeout(timer.current)
    const attempt = ++latest.current
    const settle = (state: CopyState) => {
      // Only the last press speaks: a slow first copy that fails must not contradict a later one.
      if (!mounted.current || attempt !== latest.current) return
      setResult({ state, text, press: attempt })
      if (state === 'copied') timer.current = setTimeout(() => setResult({ state: 'idle', text: null, press: attempt }), COPIED_RESET_MS)
    }
    writeText(text).then(() => settle('copied'), () => settle('failed'))
  }, [])

  return [result, copy]
}
