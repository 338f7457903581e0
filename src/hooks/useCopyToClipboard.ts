'use client'

import { useCallback, useEffect, useRef, useState } from 'react'

/** How long the "Copied" confirmation stays. */
export const COPIED_RESET_MS = 2000

export type CopyState = 'idle' | 'copied' | 'failed'

async function writeText(text: string): Promise<void> {
  // navigator.clipboard exists only in secure contexts; Plex apps often run on plain http, where
  // the old copy command still works. The field lives for one synchronous step: never painted.
  if (navigator.clipboard) return navigator.clipboard.writeText(text)
  const field = document.body.appendChild(document.createElement('textarea'))
  try {
    field.value = text
    field.style.position = 'fixed'
    field.select()
    if (!document.execCommand('copy')) throw new Error('copy command refused')
  } finally {
    field.remove()
  }
}

/**
 * Copies text and reports `copied` (for a while) or `failed`, with the text it was about, so a
 * caller showing something else now (a renewed code) can ignore a stale result. Safe to unmount
 * mid-copy.
 */
export function useCopyToClipboard(): [{ state: CopyState; text: string | null }, (text: string) => void] {
  const [result, setResult] = useState<{ state: CopyState; text: string | null }>({ state: 'idle', text: null })
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const mounted = useRef(true)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      clearTimeout(timer.current)
    }
  }, [])

  const copy = useCallback((text: string) => {
    clearTimeout(timer.current)
    const settle = (state: CopyState) => {
      if (!mounted.current) return
      setResult({ state, text })
      if (state === 'copied') timer.current = setTimeout(() => setResult({ state: 'idle', text: null }), COPIED_RESET_MS)
    }
    writeText(text).then(() => settle('copied'), () => settle('failed'))
  }, [])

  return [result, copy]
}
